"""Entry pages of the brand programme, facilities and the network's staffing, as each persona."""

import datetime

import pytest
from django.urls import reverse

from xttm.directory.factories import EnterpriseFactory, province
from xttm.promotion.choices import BrandResult, FacilityKind
from xttm.promotion.factories import (
    BrandApplicantFactory,
    BrandCycleFactory,
    FacilityFactory,
    NetworkStaffingFactory,
)
from xttm.promotion.models import (
    BrandApplicant,
    BrandCycle,
    BrandProduct,
    Facility,
    NetworkStaffing,
)


def applicant_post(cycle, enterprise, **scores):
    data = {
        "cycle": str(cycle.pk),
        "enterprise": str(enterprise.pk),
        "score_quality": "280",
        "score_innovation": "150",
        "score_pioneering": "500",
        "result": BrandResult.RECOGNISED,
    }
    data.update(scores)
    return data


def test_a_programme_officer_adds_a_brand_cycle_and_it_shows_on_the_network_page(client_as):
    client = client_as("programme_officer")
    response = client.post(
        reverse("promotion:brandcycle-create"),
        {
            "year": "2026",
            "dossier_deadline": "30/06/2026",
            "decision_number": "3210/QĐ-BCT",
            "decision_date": "20/11/2026",
            "published_enterprises": "190",
            "published_products": "402",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("promotion:network")
    cycle = BrandCycle.objects.get()
    assert (
        cycle.year,
        cycle.dossier_deadline,
        cycle.decision_number,
        cycle.published_enterprises,
        cycle.published_products,
    ) == (2026, datetime.date(2026, 6, 30), "3210/QĐ-BCT", 190, 402)
    page = client.get(reverse("promotion:network")).content.decode()
    assert reverse("promotion:brandcycle-update", args=[cycle.pk]) in page
    assert reverse("promotion:brandcycle-create") in page


@pytest.mark.parametrize("persona", ["partner_officer", "leadership", "staff"])
def test_only_the_programme_side_adds_a_brand_cycle_and_a_refusal_saves_nothing(client_as, persona):
    client = client_as(persona)
    response = client.post(reverse("promotion:brandcycle-create"), {"year": "2026"})
    assert response.status_code == 403
    assert not BrandCycle.objects.exists()
    page = client.get(reverse("promotion:network")).content.decode()
    assert reverse("promotion:brandcycle-create") not in page


def test_an_applicant_is_scored_on_three_criteria_with_a_total_out_of_1000(client_as):
    cycle = BrandCycleFactory()
    enterprise = EnterpriseFactory()
    client = client_as("programme_officer")
    response = client.post(
        reverse("promotion:brandapplicant-create"), applicant_post(cycle, enterprise)
    )
    assert response.status_code == 302
    applicant = BrandApplicant.objects.get()
    assert (
        applicant.score_quality,
        applicant.score_innovation,
        applicant.score_pioneering,
        applicant.total_score,
        applicant.result,
    ) == (280, 150, 500, 930, BrandResult.RECOGNISED)
    listing = client.get(reverse("promotion:brandapplicant-list"), {"cycle": cycle.pk})
    assert [row.get_cell_value("total_score") for row in listing.context["table"].rows] == [930]
    assert reverse("promotion:brandapplicant-update", args=[applicant.pk]) in (
        listing.content.decode()
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("score_quality", "301"), ("score_innovation", "181"), ("score_pioneering", "521")],
)
def test_a_score_above_its_cap_is_refused_and_nothing_is_saved(client_as, field, value):
    cycle = BrandCycleFactory()
    response = client_as("programme_officer").post(
        reverse("promotion:brandapplicant-create"),
        applicant_post(cycle, EnterpriseFactory(), **{field: value}),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [f"Tối đa {int(value) - 1} điểm."]}
    assert not BrandApplicant.objects.exists()


def test_a_rescore_changes_the_result_to_not_recognised(client_as):
    applicant = BrandApplicantFactory()
    response = client_as("admin").post(
        reverse("promotion:brandapplicant-update", args=[applicant.pk]),
        applicant_post(
            applicant.cycle,
            applicant.enterprise,
            score_quality="120",
            score_innovation="60",
            score_pioneering="200",
            result=BrandResult.NOT_RECOGNISED,
        ),
    )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert (applicant.total_score, applicant.result) == (380, BrandResult.NOT_RECOGNISED)


def test_a_product_of_an_applicant_is_recorded_as_recognised(client_as):
    applicant = BrandApplicantFactory(result=BrandResult.RECOGNISED)
    client = client_as("programme_officer")
    response = client.post(
        reverse("promotion:brandproduct-create"),
        {"applicant": str(applicant.pk), "name": "Cà phê rang xay Arabica", "recognised": "on"},
    )
    assert response.status_code == 302
    product = BrandProduct.objects.get()
    assert (product.applicant, product.name, product.recognised) == (
        applicant,
        "Cà phê rang xay Arabica",
        True,
    )
    assert (
        "Cà phê rang xay Arabica"
        in client.get(reverse("promotion:brandproduct-list")).content.decode()
    )


def test_a_partner_officer_may_not_edit_a_product_and_it_stays_unchanged(client_as):
    applicant = BrandApplicantFactory()
    product = BrandProduct.objects.create(applicant=applicant, name="Gạo ST25", recognised=True)
    response = client_as("partner_officer").post(
        reverse("promotion:brandproduct-update", args=[product.pk]),
        {"applicant": str(applicant.pk), "name": "Đổi tên", "recognised": ""},
    )
    assert response.status_code == 403
    product.refresh_from_db()
    assert (product.name, product.recognised) == ("Gạo ST25", True)


def test_a_facility_added_to_a_province_fills_a_white_spot_on_the_network_page(client_as):
    client = client_as("programme_officer")
    before = client.get(reverse("promotion:network")).context
    response = client.post(
        reverse("promotion:facility-create"),
        {
            "province": str(province("48").pk),
            "kind": FacilityKind.EXHIBITION,
            "name": "Trung tâm Hội chợ Triển lãm Đà Nẵng",
        },
    )
    assert response.status_code == 302
    facility = Facility.objects.get()
    assert (facility.province.code, facility.kind, facility.name) == (
        "48",
        FacilityKind.EXHIBITION,
        "Trung tâm Hội chợ Triển lãm Đà Nẵng",
    )
    after = client.get(reverse("promotion:network")).context
    assert len(after["white_spots"]) == len(before["white_spots"]) - 1
    row = next(r for r in after["rows"] if r["province"].code == "48")
    assert row["counts"] == [0, 1, 0, 0, 0]


def test_a_partner_officer_may_not_change_a_facility_and_it_stays_unchanged(client_as):
    facility = FacilityFactory(name="Trung tâm XTTM Đà Nẵng")
    response = client_as("partner_officer").post(
        reverse("promotion:facility-update", args=[facility.pk]),
        {"province": str(facility.province_id), "kind": FacilityKind.CENTRE, "name": "Khác"},
    )
    assert response.status_code == 403
    facility.refresh_from_db()
    assert facility.name == "Trung tâm XTTM Đà Nẵng"


def test_a_partner_officer_records_staffing_for_their_own_organisation_whatever_is_posted(
    client_as, partner_org, other_org
):
    response = client_as("partner_officer").post(
        reverse("promotion:staffing-create"),
        {"organization": str(other_org.pk), "year": "2026", "headcount": "14", "trained": "9"},
    )
    assert response.status_code == 302
    row = NetworkStaffing.objects.get()
    assert (row.organization, row.year, row.headcount, row.trained) == (partner_org, 2026, 14, 9)


def test_a_partner_officer_may_not_edit_another_organisations_staffing(client_as, other_org):
    row = NetworkStaffingFactory(organization=other_org, headcount=12, trained=8)
    client = client_as("partner_officer")
    response = client.post(
        reverse("promotion:staffing-update", args=[row.pk]),
        {"organization": str(other_org.pk), "year": "2025", "headcount": "1", "trained": "0"},
    )
    assert response.status_code == 403
    row.refresh_from_db()
    assert (row.headcount, row.trained) == (12, 8)
    page = client.get(reverse("promotion:staffing-list")).content.decode()
    assert reverse("promotion:staffing-update", args=[row.pk]) not in page


def test_a_partner_officer_edits_their_own_organisations_staffing(client_as, partner_org):
    row = NetworkStaffingFactory(organization=partner_org)
    client = client_as("partner_officer")
    assert reverse("promotion:staffing-update", args=[row.pk]) in (
        client.get(reverse("promotion:staffing-list")).content.decode()
    )
    response = client.post(
        reverse("promotion:staffing-update", args=[row.pk]),
        {"year": "2025", "headcount": "15", "trained": "15"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.organization, row.headcount, row.trained) == (partner_org, 15, 15)


def test_a_programme_officer_edits_any_organisations_staffing(client_as, other_org):
    row = NetworkStaffingFactory(organization=other_org)
    response = client_as("programme_officer").post(
        reverse("promotion:staffing-update", args=[row.pk]),
        {"organization": str(other_org.pk), "year": "2025", "headcount": "20", "trained": "11"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.headcount, row.trained) == (20, 11)


def test_a_second_row_for_one_organisation_and_year_is_refused(client_as, partner_org):
    NetworkStaffingFactory(organization=partner_org, year=2025, headcount=12)
    response = client_as("partner_officer").post(
        reverse("promotion:staffing-create"), {"year": "2025", "headcount": "3", "trained": "1"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert list(NetworkStaffing.objects.values_list("headcount", flat=True)) == [12]


def test_leadership_reads_the_lists_without_edit_links(client_as, other_org):
    FacilityFactory()
    NetworkStaffingFactory(organization=other_org)
    BrandApplicantFactory()
    client = client_as("leadership")
    for kind in ("facility", "staffing", "brandapplicant", "brandproduct"):
        response = client.get(reverse(f"promotion:{kind}-list"))
        assert response.status_code == 200
        assert response.context["can_create"] is False
        assert reverse(f"promotion:{kind}-create") not in response.content.decode()
        assert "/edit/" not in response.content.decode()


def test_the_entry_pages_open_for_those_who_may_write(client_as, partner_org):
    cycle = BrandCycleFactory()
    applicant = BrandApplicantFactory(cycle=cycle)
    product = BrandProduct.objects.create(applicant=applicant, name="Gạo ST25")
    officer = client_as("programme_officer")
    for url in (
        reverse("promotion:brandcycle-create"),
        reverse("promotion:brandcycle-update", args=[cycle.pk]),
        reverse("promotion:brandapplicant-create") + f"?cycle={cycle.pk}",
        reverse("promotion:brandapplicant-update", args=[applicant.pk]),
        reverse("promotion:brandproduct-create"),
        reverse("promotion:brandproduct-update", args=[product.pk]),
        reverse("promotion:facility-create"),
        reverse("promotion:staffing-create"),
    ):
        assert officer.get(url).status_code == 200, url
    form = client_as("partner_officer").get(reverse("promotion:staffing-create")).context["form"]
    assert (form.fields["organization"].disabled, form["organization"].value()) == (
        True,
        partner_org.pk,
    )
