"""API writes: activities and participations through the services (the summary stays exact),
brand, facility and staffing rows for the roles allowed, notifications marked read."""

import datetime
from decimal import Decimal

from django.utils import timezone

from xttm.directory.factories import EnterpriseFactory, province
from xttm.promotion import summary
from xttm.promotion.choices import BrandResult, FacilityKind, SchemeStatus
from xttm.promotion.factories import (
    ActivityFactory,
    BrandCycleFactory,
    NetworkStaffingFactory,
    ParticipationFactory,
    SchemeFactory,
)
from xttm.promotion.models import (
    Activity,
    BrandApplicant,
    BrandCycle,
    Facility,
    NetworkStaffing,
    Notification,
    Participation,
    ResultSummary,
)

API = "/api/v1/promotion"


def activity_payload(scheme, **extra):
    data = {
        "code": "HD-API-1",
        "scheme": scheme.pk,
        "kind": "fair",
        "name": "Hội chợ FOODEX Nhật Bản 2026",
        "start_date": "2026-03-10",
        "end_date": "2026-03-13",
        "country": "JP",
        "city": "Tokyo",
        "booths": 12,
        "visitors": 8000,
    }
    data.update(extra)
    return data


def summary_is_exact():
    """The stored summary equals a full recomputation, and a rebuild changes nothing."""
    assert summary.verify_summary() == []
    stored = summary.stored_summary()
    summary.rebuild_summary()
    return stored == summary.stored_summary()


def participations_counted(lead):
    return list(
        ResultSummary.objects.filter(lead=lead, participations__gt=0).values_list(
            "year", "participations", "support_vnd"
        )
    )


def test_a_partner_officer_records_an_activity_and_participations_and_the_summary_stays_exact(
    client_as, personas, scheme_in, partner_org
):
    scheme = scheme_in(SchemeStatus.IN_PROGRESS)
    first, second = EnterpriseFactory(), EnterpriseFactory()
    client = client_as("partner_officer")
    response = client.post(
        f"{API}/activities/", activity_payload(scheme), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(code="HD-API-1")
    assert (activity.scheme, activity.history.get().history_user) == (
        scheme,
        personas["partner_officer"],
    )
    for enterprise, support in ((first, "40000000"), (second, "60000000")):
        response = client.post(
            f"{API}/participations/",
            {
                "activity": activity.pk,
                "enterprise": enterprise.pk,
                "booths": 1,
                "support_vnd": support,
            },
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
    assert participations_counted(partner_org) == [(2026, 2, Decimal("100000000"))]
    assert summary_is_exact()


def test_a_change_of_support_over_the_api_moves_the_summary_by_the_difference(
    client_as, scheme_in, partner_org
):
    scheme = scheme_in(SchemeStatus.IN_PROGRESS)
    participation = ParticipationFactory(
        activity=ActivityFactory(scheme=scheme), support_vnd=Decimal("50000000")
    )
    response = client_as("partner_officer").patch(
        f"{API}/participations/{participation.pk}/",
        {"support_vnd": "80000000", "booths": 2},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    participation.refresh_from_db()
    assert (participation.booths, participation.support_vnd) == (2, Decimal("80000000"))
    assert participations_counted(partner_org) == [(2026, 1, Decimal("80000000"))]
    assert summary_is_exact()


def test_an_activity_moved_to_another_year_over_the_api_takes_its_participations_along(
    client_as, scheme_in, partner_org
):
    scheme = scheme_in(SchemeStatus.IN_PROGRESS)
    activity = ActivityFactory(scheme=scheme)
    ParticipationFactory(activity=activity, support_vnd=Decimal("50000000"))
    response = client_as("programme_officer").patch(
        f"{API}/activities/{activity.pk}/",
        {"start_date": "2027-01-05", "end_date": "2027-01-08"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert participations_counted(partner_org) == [(2027, 1, Decimal("50000000"))]
    assert summary_is_exact()


def test_a_participation_deleted_over_the_api_leaves_the_summary(client_as, scheme_in, partner_org):
    scheme = scheme_in(SchemeStatus.IN_PROGRESS)
    participation = ParticipationFactory(activity=ActivityFactory(scheme=scheme))
    response = client_as("partner_officer").delete(f"{API}/participations/{participation.pk}/")
    assert response.status_code == 204
    assert not Participation.objects.exists()
    assert participations_counted(partner_org) == []
    assert summary_is_exact()


def test_a_partner_officer_may_not_add_an_activity_under_another_organisations_scheme(
    client_as, other_org
):
    scheme = SchemeFactory(lead=other_org, status=SchemeStatus.IN_PROGRESS)
    before = summary.stored_summary()
    response = client_as("partner_officer").post(
        f"{API}/activities/", activity_payload(scheme), content_type="application/json"
    )
    missing = client_as("partner_officer").post(
        f"{API}/activities/",
        {**activity_payload(scheme), "scheme": scheme.pk + 1000},
        content_type="application/json",
    )
    assert (response.status_code, missing.status_code) == (400, 400)
    assert list(response.json()) == ["scheme"]
    # Answered as for a scheme that does not exist: another organisation's id is not told.
    assert response.json()["scheme"] == [
        m.replace(str(scheme.pk + 1000), str(scheme.pk)) for m in missing.json()["scheme"]
    ]
    assert not Activity.objects.exists()
    assert summary.stored_summary() == before


def test_a_partner_officer_may_not_add_a_participation_to_another_organisations_activity(
    client_as, other_org
):
    activity = ActivityFactory(scheme=SchemeFactory(lead=other_org, status="in_progress"))
    before = summary.stored_summary()
    response = client_as("partner_officer").post(
        f"{API}/participations/",
        {"activity": activity.pk, "enterprise": EnterpriseFactory().pk, "support_vnd": "1"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["activity"]
    assert not Participation.objects.exists()
    assert summary.stored_summary() == before


def test_an_outsider_cannot_change_a_participation_and_it_stays_as_it_was(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.IN_PROGRESS)
    participation = ParticipationFactory(
        activity=ActivityFactory(scheme=scheme), support_vnd=Decimal("50000000")
    )
    before = summary.stored_summary()
    client = client_as("outsider")
    patch = client.patch(
        f"{API}/participations/{participation.pk}/",
        {"support_vnd": "1"},
        content_type="application/json",
    )
    delete = client.delete(f"{API}/participations/{participation.pk}/")
    assert (patch.status_code, delete.status_code) == (404, 404)
    participation.refresh_from_db()
    assert participation.support_vnd == Decimal("50000000")
    assert summary.stored_summary() == before


def test_results_of_a_draft_scheme_are_refused_over_the_api(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.DRAFT)
    response = client_as("partner_officer").post(
        f"{API}/activities/", activity_payload(scheme), content_type="application/json"
    )
    assert response.status_code == 403
    assert "đề án đã phê duyệt" in response.json()["detail"]
    assert not Activity.objects.exists()


def test_an_activity_is_not_moved_to_another_scheme_over_the_api(client_as, scheme_in):
    activity = ActivityFactory(scheme=scheme_in(SchemeStatus.IN_PROGRESS))
    other = scheme_in(SchemeStatus.IN_PROGRESS)
    response = client_as("programme_officer").patch(
        f"{API}/activities/{activity.pk}/", {"scheme": other.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    activity.refresh_from_db()
    assert activity.scheme_id != other.pk


# --- Brand, facilities, staffing ----------------------------------------------------------------


def test_a_programme_officer_scores_an_applicant_over_the_api(client_as):
    cycle = BrandCycleFactory()
    enterprise = EnterpriseFactory()
    response = client_as("programme_officer").post(
        f"{API}/brand-applicants/",
        {
            "cycle": cycle.pk,
            "enterprise": enterprise.pk,
            "score_quality": 290,
            "score_innovation": 170,
            "score_pioneering": 510,
            "result": BrandResult.RECOGNISED,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["total_score"] == 970
    applicant = BrandApplicant.objects.get()
    assert (applicant.total_score, applicant.result) == (970, BrandResult.RECOGNISED)


def test_a_score_above_its_cap_is_refused_over_the_api(client_as):
    response = client_as("programme_officer").post(
        f"{API}/brand-applicants/",
        {
            "cycle": BrandCycleFactory().pk,
            "enterprise": EnterpriseFactory().pk,
            "score_innovation": 181,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["score_innovation"]
    assert not BrandApplicant.objects.exists()


def test_a_partner_officer_may_not_write_facilities_or_brand_rows_over_the_api(client_as):
    client = client_as("partner_officer")
    facility = client.post(
        f"{API}/facilities/",
        {"province": province("48").pk, "kind": FacilityKind.CENTRE, "name": "Trung tâm mới"},
        content_type="application/json",
    )
    cycle = client.post(f"{API}/brand-cycles/", {"year": 2028}, content_type="application/json")
    assert (facility.status_code, cycle.status_code) == (403, 403)
    assert not Facility.objects.exists()
    assert not BrandCycle.objects.exists()


def test_a_programme_officer_adds_a_facility_over_the_api(client_as):
    response = client_as("programme_officer").post(
        f"{API}/facilities/",
        {"province": province("48").pk, "kind": FacilityKind.FAIRGROUND, "name": "Khu hội chợ"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert list(Facility.objects.values_list("province__code", "kind", "name")) == [
        ("48", FacilityKind.FAIRGROUND, "Khu hội chợ")
    ]


def test_a_partner_officer_writes_staffing_only_for_their_own_organisation_over_the_api(
    client_as, partner_org, other_org
):
    client = client_as("partner_officer")
    own = client.post(
        f"{API}/staffing/",
        {"organization": partner_org.pk, "year": 2026, "headcount": 14, "trained": 9},
        content_type="application/json",
    )
    other = client.post(
        f"{API}/staffing/",
        {"organization": other_org.pk, "year": 2026, "headcount": 99, "trained": 99},
        content_type="application/json",
    )
    assert (own.status_code, other.status_code) == (201, 403)
    assert list(NetworkStaffing.objects.values_list("organization", "headcount", "trained")) == [
        (partner_org.pk, 14, 9)
    ]


def test_a_partner_officer_may_not_patch_another_organisations_staffing_over_the_api(
    client_as, partner_org, other_org
):
    row = NetworkStaffingFactory(organization=other_org, headcount=12)
    client = client_as("partner_officer")
    response = client.patch(
        f"{API}/staffing/{row.pk}/", {"headcount": 1}, content_type="application/json"
    )
    hijack = client.patch(
        f"{API}/staffing/{row.pk}/",
        {"organization": partner_org.pk},
        content_type="application/json",
    )
    assert (response.status_code, hijack.status_code) == (403, 403)
    row.refresh_from_db()
    assert (row.organization, row.headcount) == (other_org, 12)


def test_a_programme_officer_patches_any_organisations_staffing_over_the_api(client_as, other_org):
    row = NetworkStaffingFactory(organization=other_org, headcount=12)
    response = client_as("programme_officer").patch(
        f"{API}/staffing/{row.pk}/", {"headcount": 20}, content_type="application/json"
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.headcount == 20


# --- Notifications ------------------------------------------------------------------------------


def test_a_user_marks_their_own_notification_read_over_the_api(client_as, personas):
    note = Notification.objects.create(recipient=personas["partner_officer"], text="Đề án đã nộp")
    response = client_as("partner_officer").post(f"{API}/notifications/{note.pk}/read/")
    assert response.status_code == 200
    note.refresh_from_db()
    assert note.read_at is not None
    assert response.json()["id"] == note.pk
    assert response.json()["read_at"] is not None


def test_marking_a_notification_read_again_keeps_the_first_time(client_as, personas):
    first = timezone.now() - datetime.timedelta(days=2)
    note = Notification.objects.create(
        recipient=personas["partner_officer"], text="Đề án đã nộp", read_at=first
    )
    response = client_as("partner_officer").post(f"{API}/notifications/{note.pk}/read/")
    assert response.status_code == 200
    note.refresh_from_db()
    assert note.read_at == first


def test_nobody_marks_someone_elses_notification_read(client_as, personas):
    note = Notification.objects.create(recipient=personas["partner_officer"], text="Đề án đã nộp")
    for persona in ("outsider", "admin"):
        response = client_as(persona).post(f"{API}/notifications/{note.pk}/read/")
        assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None
