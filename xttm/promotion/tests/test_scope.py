"""Scope: a partner officer never sees another organisation's scheme, on any page, export or API call."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xttm.promotion.choices import SchemeStatus
from xttm.promotion.factories import (
    ActivityFactory,
    DealFactory,
    ParticipationFactory,
    SchemeFactory,
)
from xttm.promotion.models import Scheme


@pytest.fixture
def two_schemes(personas, partner_org, other_org):
    ours = SchemeFactory(
        lead=partner_org, status=SchemeStatus.IN_PROGRESS, title="Đề án của Đà Nẵng"
    )
    theirs = SchemeFactory(
        lead=other_org, status=SchemeStatus.IN_PROGRESS, title="Đề án của Vinafruit"
    )
    for scheme in (ours, theirs):
        activity = ActivityFactory(scheme=scheme, name=f"Hoạt động — {scheme.title}")
        ParticipationFactory(activity=activity)
        DealFactory(activity=activity, code=f"HĐ-{scheme.code}")
    return ours, theirs


LISTS = [
    "promotion:scheme-list",
    "promotion:activity-list",
    "promotion:participation-list",
    "promotion:deal-list",
]
API_LISTS = ["schemes", "activities", "participations", "deals", "events", "budget-lines"]


@pytest.mark.parametrize("url_name", LISTS)
def test_a_partner_officer_sees_only_their_organisations_rows_in_lists_and_exports(
    client_as, two_schemes, url_name
):
    ours, theirs = two_schemes
    client = client_as("partner_officer")
    page = client.get(reverse(url_name)).content.decode()
    assert ours.code in page or ours.title in page or "Đà Nẵng" in page
    assert theirs.title not in page and theirs.code not in page
    export = client.get(reverse(url_name), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert theirs.code not in cells and "Vinafruit" not in cells


def test_a_partner_officer_gets_a_404_for_another_organisations_scheme_and_activity(
    client_as, two_schemes
):
    _ours, theirs = two_schemes
    client = client_as("partner_officer")
    assert client.get(reverse("promotion:scheme-detail", args=[theirs.pk])).status_code == 404
    activity = theirs.activities.get()
    assert client.get(reverse("promotion:activity-detail", args=[activity.pk])).status_code == 404
    move = reverse("promotion:scheme-move", args=[theirs.pk, SchemeStatus.REPORTED])
    assert client.post(move).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == SchemeStatus.IN_PROGRESS


@pytest.mark.parametrize("endpoint", API_LISTS)
def test_the_api_lists_only_the_partners_own_rows(client_as, two_schemes, endpoint):
    ours, theirs = two_schemes
    client = client_as("partner_officer")
    data = client.get(f"/api/v1/promotion/{endpoint}/").json()
    rows = data["results"] if isinstance(data, dict) else data
    text = str(rows)
    assert f"'scheme': {theirs.pk}" not in text and theirs.code not in text


def test_the_api_refuses_another_organisations_scheme_and_its_move(client_as, two_schemes):
    _ours, theirs = two_schemes
    client = client_as("partner_officer")
    assert client.get(f"/api/v1/promotion/schemes/{theirs.pk}/").status_code == 404
    response = client.post(
        f"/api/v1/promotion/schemes/{theirs.pk}/transition/",
        {"to": "reported"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Scheme.objects.get(pk=theirs.pk).status == SchemeStatus.IN_PROGRESS


def test_the_summary_of_a_partner_officer_counts_only_their_schemes(client_as, two_schemes):
    data = client_as("partner_officer").get("/api/v1/promotion/summary/").json()
    assert (data["total"]["schemes"], data["total"]["participations"], data["total"]["deals"]) == (
        1,
        1,
        1,
    )
    everything = (
        client_as("programme_officer")
        .get("/api/v1/promotion/summary/", {"group_by": "lead"})
        .json()
    )
    assert everything["total"]["schemes"] == 2
    assert sorted(g["lead"] for g in everything["groups"]) == ["ttxt-danang", "vinafruit"]


@pytest.mark.parametrize("persona", ["staff", "council_member"])
def test_staff_and_council_members_see_no_scheme(client_as, two_schemes, persona):
    client = client_as(persona)
    assert "DA-" not in client.get(reverse("promotion:scheme-list")).content.decode()
    assert client.get("/api/v1/promotion/summary/").json()["total"]["schemes"] == 0


def test_the_emulation_secretariat_reads_every_scheme_but_may_move_none(client_as, two_schemes):
    ours, theirs = two_schemes
    client = client_as("emulation_secretariat")
    page = client.get(reverse("promotion:scheme-detail", args=[theirs.pk])).content.decode()
    assert theirs.title in page and "scheme-move" not in page and "/move/" not in page
