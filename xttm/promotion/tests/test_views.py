"""The pages of the programme, used as each persona would: draft, move, record, dashboard, settings."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from xttm.promotion.choices import SchemeStatus
from xttm.promotion.factories import (
    ActivityFactory,
    EnterpriseFactory,
    ExchangeRateFactory,
    content,
)
from xttm.promotion.models import Notification, Participation, Scheme


def draft_post(**extra):
    data = {
        "code": "DA-2027-001",
        "year": "2027",
        "content_type": str(content("fair_abroad").pk),
        "title": "Tham gia Hội chợ FOODEX Nhật Bản 2027",
        "objectives": "Quảng bá nông sản",
        "country": "JP",
        "city": "Tokyo",
        "start_date": "09/03/2027",
        "end_date": "12/03/2027",
        "planned_booths": "12",
        "planned_enterprises": "12",
        "planned_deals": "30",
        "support_requested": "",
        "costs-TOTAL_FORMS": "2",
        "costs-INITIAL_FORMS": "0",
        "costs-MIN_NUM_FORMS": "1",
        "costs-MAX_NUM_FORMS": "1000",
        "costs-0-name": "Thuê gian hàng",
        "costs-0-amount": "800000000",
        "costs-0-eligible": "on",
        "costs-1-name": "Vé máy bay",
        "costs-1-amount": "200000000",
    }
    data.update(extra)
    return data


def test_a_partner_officer_drafts_a_scheme_for_their_own_organisation(client_as, partner_org):
    response = client_as("partner_officer").post(reverse("promotion:scheme-create"), draft_post())
    scheme = Scheme.objects.get(code="DA-2027-001")
    assert response.status_code == 302
    assert (scheme.lead, scheme.status, scheme.support_requested) == (
        partner_org,
        SchemeStatus.DRAFT,
        Decimal("800000000"),
    )


def test_the_draft_form_refuses_a_request_above_the_ceiling(client_as):
    response = client_as("partner_officer").post(
        reverse("promotion:scheme-create"), draft_post(support_requested="800000001")
    )
    assert response.status_code == 200
    assert "chỉ được điều chỉnh giảm" in response.content.decode()
    assert not Scheme.objects.exists()


def test_the_detail_page_offers_exactly_the_moves_of_the_persona(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.SUBMITTED)
    partner = client_as("partner_officer").get(reverse("promotion:scheme-detail", args=[scheme.pk]))
    assert "/move/" not in partner.content.decode()
    officer = client_as("programme_officer").get(
        reverse("promotion:scheme-detail", args=[scheme.pk])
    )
    page = officer.content.decode()
    for target in ("needs_supplement", "appraised", "rejected"):
        assert f"/move/{target}/" in page


def test_a_refused_move_from_the_page_shows_the_reason_and_changes_nothing(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.APPROVED)
    client = client_as("programme_officer")
    response = client.post(
        reverse("promotion:scheme-move", args=[scheme.pk, "contracted"]), follow=True
    )
    assert "cần số và ngày văn bản" in response.content.decode()
    assert Scheme.objects.get(pk=scheme.pk).status == SchemeStatus.APPROVED


def test_the_partner_records_an_activity_a_participation_and_a_deal(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.IN_PROGRESS)
    client = client_as("partner_officer")
    response = client.post(
        reverse("promotion:activity-create", args=[scheme.pk]),
        {
            "code": "HD-FOODEX-2026",
            "kind": "fair",
            "name": "FOODEX 2026",
            "start_date": "10/03/2026",
            "end_date": "14/03/2026",
            "country": "JP",
            "city": "Tokyo",
            "booths": "12",
            "visitors": "80000",
            "tags": "",
        },
    )
    activity = scheme.activities.get()
    assert response.status_code == 302
    enterprise = EnterpriseFactory()
    client.post(
        reverse("promotion:participation-add", args=[activity.pk]),
        {"enterprise": enterprise.pk, "booths": "1", "support_vnd": "45000000"},
    )
    assert Participation.objects.get().support_vnd == Decimal("45000000")
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 10), currency="USD", rate_to_vnd=Decimal("25000")
    )
    response = client.post(
        reverse("promotion:deal-create", args=[activity.pk]),
        {
            "code": "FX-1",
            "enterprise": enterprise.pk,
            "kind": "contract",
            "signed_on": "12/03/2026",
            "value": "10000",
            "currency": "usd",
            "counterpart_country": "JP",
            "product_group": "09",
        },
        follow=True,
    )
    assert "gần nhất trước đó (10/03/2026)" in response.content.decode()
    assert activity.deals.get().value_vnd == Decimal("250000000")


def test_the_dashboard_lists_an_activity_whose_report_is_overdue(client_as, scheme_in):
    scheme = scheme_in(SchemeStatus.IN_PROGRESS)
    ActivityFactory(
        scheme=scheme,
        name="Hội chợ đã xong lâu",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 3, 5),
    )
    page = (
        client_as("programme_officer")
        .get(reverse("promotion:dashboard-year", args=[2026]))
        .content.decode()
    )
    assert "Hội chợ đã xong lâu" in page


@pytest.mark.parametrize(
    "url_name",
    [
        "dashboard",
        "summary",
        "network",
        "settings",
        "exchangerate-list",
        "notification-list",
        "participation-import",
        "deal-import",
    ],
)
def test_each_page_opens_for_a_programme_officer(client_as, url_name):
    assert client_as("programme_officer").get(reverse(f"promotion:{url_name}")).status_code == 200


def test_only_an_administrator_adds_a_support_rate(client_as):
    assert (
        client_as("programme_officer").get(reverse("promotion:contentrate-create")).status_code
        == 403
    )
    assert client_as("admin").get(reverse("promotion:contentrate-create")).status_code == 200


def test_the_bell_counts_unread_notifications_and_opening_one_marks_it_read(client_as, personas):
    note = Notification.objects.create(
        recipient=personas["partner_officer"], text="Đề án cần bổ sung", link="/promotion/"
    )
    client = client_as("partner_officer")
    assert (
        'aria-label="1 thông báo chưa đọc"'
        in client.get(reverse("promotion:summary")).content.decode()
    )
    client.get(reverse("promotion:notification-open", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is not None


def test_an_approval_round_approves_the_picked_schemes_under_one_decision(client_as, scheme_in):
    picked = scheme_in(SchemeStatus.APPRAISED)
    left = scheme_in(SchemeStatus.APPRAISED)
    response = client_as("leadership").post(
        reverse("promotion:batch-create"),
        {
            "year": "2026",
            "number": "1",
            "decision_number": "150/QĐ-BCT",
            "decision_date": "20/01/2026",
            f"pick-{picked.pk}": "1",
            f"amount-{picked.pk}": "1000000000",
        },
    )
    assert response.status_code == 302
    picked.refresh_from_db()
    left.refresh_from_db()
    assert (picked.status, picked.support_approved, left.status) == (
        SchemeStatus.APPROVED,
        Decimal("1000000000"),
        SchemeStatus.APPRAISED,
    )
    assert picked.batch_item.batch.decision_number == "150/QĐ-BCT"


def test_a_programme_officer_records_disbursement_and_the_summary_follows(client_as, walked_scheme):
    from xttm.promotion import summary, totals

    scheme = walked_scheme(SchemeStatus.IN_PROGRESS)
    client_as("programme_officer").post(
        reverse("promotion:budget-line", args=[scheme.pk]),
        {"year": "2026", "disbursed": "600000000", "settled": "0"},
    )
    assert scheme.budget_lines.get().disbursed == Decimal("600000000")
    assert totals.totals(scheme.lead.users.first(), {})["total"]["budget_disbursed"] == "600000000"
    assert summary.verify_summary() == []


def test_an_attachment_is_served_only_within_the_schemes_scope(
    client_as, scheme_in, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    scheme = scheme_in(SchemeStatus.SUBMITTED)
    client = client_as("partner_officer")
    client.post(
        reverse("promotion:attachment-add", args=[scheme.pk]),
        {"title": "Tờ trình", "file": SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 demo")},
    )
    attachment = scheme.attachments.get()
    assert (
        client.get(reverse("promotion:attachment-download", args=[attachment.pk])).status_code
        == 200
    )
    outsider = client_as("outsider")
    assert (
        outsider.get(reverse("promotion:attachment-download", args=[attachment.pk])).status_code
        == 404
    )
