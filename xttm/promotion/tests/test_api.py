"""The API: moves as POST actions through the same services, summary filters and groups, drafts."""

from decimal import Decimal

from xttm.promotion.choices import SchemeStatus
from xttm.promotion.factories import ActivityFactory, ParticipationFactory, content
from xttm.promotion.models import Scheme, SchemeEvent


def test_a_move_over_the_api_runs_the_service_and_returns_the_event(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.APPRAISED)
    response = client_as("leadership").post(
        f"/api/v1/promotion/schemes/{scheme.pk}/transition/",
        {
            "to": "approved",
            "document_number": "9/QĐ-BCT",
            "document_date": "2026-01-20",
            "amount": "1000000000",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["to_status"] == "approved"
    scheme.refresh_from_db()
    assert (scheme.status, scheme.support_approved) == (
        SchemeStatus.APPROVED,
        Decimal("1000000000"),
    )


def test_a_refused_move_over_the_api_is_a_409_with_the_reason(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.APPRAISED)
    response = client_as("partner_officer").post(
        f"/api/v1/promotion/schemes/{scheme.pk}/transition/",
        {"to": "approved"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "không có quyền" in response.json()["detail"]
    assert not SchemeEvent.objects.filter(scheme=scheme).exists()


def test_the_api_lists_the_moves_the_caller_may_make(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.SUBMITTED)
    moves = (
        client_as("programme_officer")
        .get(f"/api/v1/promotion/schemes/{scheme.pk}/transitions/")
        .json()
    )
    assert sorted(m["to"] for m in moves) == ["appraised", "needs_supplement", "rejected"]


def test_a_partner_drafts_a_scheme_over_the_api_for_their_own_organisation(
    client_as, partner_org, other_org
):
    response = client_as("partner_officer").post(
        "/api/v1/promotion/schemes/",
        {
            "code": "DA-API-1",
            "year": 2027,
            "line": "domestic",
            "content_type": content("domestic_fair").pk,
            "lead": other_org.pk,
            "title": "Hội chợ hàng Việt",
            "country": "VN",
            "cost_items": [{"name": "Gian hàng", "amount": "100000000"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    scheme = Scheme.objects.get(code="DA-API-1")
    assert (scheme.lead, scheme.support_requested) == (partner_org, Decimal("50000000"))


def test_the_summary_groups_by_year_and_filters_by_line_and_country(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.IN_PROGRESS)
    ParticipationFactory(activity=ActivityFactory(scheme=scheme))
    client = client_as("programme_officer")
    grouped = client.get(
        "/api/v1/promotion/summary/", {"group_by": "year", "country": "JP", "line": "export"}
    ).json()
    assert [(g["year"], g["schemes"], g["participations"]) for g in grouped["groups"]] == [
        (2026, 1, 1)
    ]
    assert (
        client.get("/api/v1/promotion/summary/", {"country": "US"}).json()["total"][
            "participations"
        ]
        == 0
    )
    bad = client.get("/api/v1/promotion/summary/", {"group_by": "planet"})
    assert bad.status_code == 400
