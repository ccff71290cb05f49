"""The rules of the moves: deadline, support ceiling, appraisal warnings, batches, adjustments, races."""

import datetime
from decimal import Decimal

import pytest

from xttm.promotion import services
from xttm.promotion.choices import AdjustmentKind, AdjustmentStatus, SchemeStatus
from xttm.promotion.factories import ProgrammeYearFactory, SchemeFactory, content
from xttm.promotion.models import ApprovalBatch, ContentRate, Notification, Scheme, SchemeEvent

from .conftest import DOC


def test_it_refuses_a_late_proposal_and_names_the_deadline(personas, partner_org):
    ProgrammeYearFactory(year=2026, proposal_deadline=datetime.date(2025, 5, 15))
    scheme = SchemeFactory(lead=partner_org)
    with pytest.raises(services.Refused, match="15/05/2025"):
        services.submit_scheme(
            scheme, actor=personas["partner_officer"], today=datetime.date(2025, 5, 16)
        )
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.DRAFT
    assert not SchemeEvent.objects.filter(scheme=scheme).exists()


def test_it_accepts_a_proposal_on_the_deadline_day_and_tells_the_programme_officers(
    personas, partner_org
):
    ProgrammeYearFactory(year=2026, proposal_deadline=datetime.date(2025, 5, 15))
    scheme = SchemeFactory(lead=partner_org)
    services.submit_scheme(
        scheme, actor=personas["partner_officer"], today=datetime.date(2025, 5, 15)
    )
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.SUBMITTED
    assert (
        Notification.objects.filter(
            recipient=personas["programme_officer"], link__contains=str(scheme.pk)
        ).count()
        == 1
    )


def test_the_support_requested_defaults_to_eligible_costs_times_the_rate_in_force(
    personas, partner_org
):
    scheme = SchemeFactory.build(
        lead=partner_org,
        content_type=content("vn_goods_fair"),
        line="domestic",
        support_requested=0,
        country="VN",
        code="DA-X",
    )
    services.save_draft(
        scheme,
        actor=personas["partner_officer"],
        cost_items=[
            ("Gian hàng", Decimal("1000000001"), True),
            ("Ăn ở", Decimal("500000000"), False),
        ],
    )
    assert scheme.support_rate == Decimal("70.00")
    assert scheme.support_requested == Decimal("700000000")  # 70% of 1,000,000,001, rounded down


def test_the_support_requested_may_be_lowered_but_never_raised_above_the_ceiling(
    personas, partner_org
):
    from django.core.exceptions import ValidationError

    scheme = SchemeFactory(lead=partner_org)
    scheme.support_requested = Decimal("1000000000")
    services.save_draft(scheme, actor=personas["partner_officer"])
    assert Scheme.objects.get(pk=scheme.pk).support_requested == Decimal("1000000000")
    scheme.support_requested = Decimal("1200000001")
    with pytest.raises(ValidationError, match="1.200.000.000"):
        services.save_draft(scheme, actor=personas["partner_officer"])


def test_a_new_rate_with_a_later_effective_date_applies_to_later_schemes_only(
    personas, partner_org
):
    fair = content("domestic_fair")
    ContentRate.objects.create(
        content=fair, effective_from=datetime.date(2026, 6, 1), rate=Decimal(40)
    )
    early = SchemeFactory(lead=partner_org, content_type=fair, start_date=datetime.date(2026, 5, 1))
    late = SchemeFactory(lead=partner_org, content_type=fair, start_date=datetime.date(2026, 7, 1))
    assert services.support_ceiling(early) == Decimal("600000000")
    assert services.support_ceiling(late) == Decimal("480000000")


def test_a_fair_abroad_below_the_booth_threshold_gets_an_appraisal_warning(scheme_in, personas):
    scheme = scheme_in(SchemeStatus.SUBMITTED, planned_booths=8, planned_enterprises=12)
    event = services.appraise_scheme(scheme, actor=personas["programme_officer"], score=70)
    assert "8 thấp hơn mức tối thiểu 12 gian hàng" in event.reason
    assert "12 gian hàng" in scheme.appraisals.get().warnings


def test_approval_in_a_batch_lists_the_schemes_and_splits_a_multi_year_budget(scheme_in, personas):
    one = scheme_in(SchemeStatus.APPRAISED)
    two = scheme_in(SchemeStatus.APPRAISED, end_year=2028, support_requested=Decimal("900000001"))
    batch = services.approve_batch(
        actor=personas["leadership"],
        year=2026,
        number=1,
        decision_number="2001/QĐ-BCT",
        decision_date=datetime.date(2026, 1, 15),
        items=[(one, Decimal("1000000000")), (two, Decimal("900000001"))],
    )
    assert list(batch.items.values_list("scheme__code", "amount")) == [
        (one.code, Decimal("1000000000")),
        (two.code, Decimal("900000001")),
    ]
    assert list(two.budget_lines.values_list("year", "approved")) == [
        (2026, Decimal("300000001")),
        (2027, Decimal("300000000")),
        (2028, Decimal("300000000")),
    ]
    assert two.events.last().document_number == "2001/QĐ-BCT"


def test_a_batch_with_one_bad_scheme_approves_none(scheme_in, personas):
    one = scheme_in(SchemeStatus.APPRAISED)
    draft = scheme_in(SchemeStatus.DRAFT)
    with pytest.raises(services.Refused):
        services.approve_batch(
            actor=personas["leadership"],
            year=2026,
            number=1,
            decision_number="1/QĐ",
            decision_date=datetime.date(2026, 1, 15),
            items=[(one, None), (draft, None)],
        )
    one.refresh_from_db()
    assert one.status == SchemeStatus.APPRAISED
    assert not ApprovalBatch.objects.exists()


def test_approval_may_not_exceed_the_request(scheme_in, personas):
    scheme = scheme_in(SchemeStatus.APPRAISED)
    with pytest.raises(services.Refused, match="không vượt kinh phí đề nghị"):
        services.approve_scheme(
            scheme, actor=personas["leadership"], amount=Decimal("1200000001"), **DOC
        )
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.APPRAISED


def test_an_adjustment_keeps_the_approved_version_and_the_change_side_by_side(
    walked_scheme, personas
):
    scheme = walked_scheme(SchemeStatus.IN_PROGRESS)
    services.request_adjustment(
        scheme, actor=personas["partner_officer"], changes={"city": "Osaka"}, reason="Đổi địa điểm"
    )
    services.decide_adjustment(scheme, actor=personas["programme_officer"], approve=True, **DOC)
    scheme.refresh_from_db()
    assert scheme.city == "Osaka"
    assert list(scheme.versions.values_list("number", "data__city")) == [(0, "Tokyo"), (1, "Osaka")]
    adjustment = scheme.adjustments.get()
    assert (adjustment.kind, adjustment.changes, adjustment.status) == (
        AdjustmentKind.TIME_PLACE,
        {"city": ["Tokyo", "Osaka"]},
        AdjustmentStatus.APPROVED,
    )


def test_a_budget_change_is_for_the_minister_not_the_programme_board(walked_scheme, personas):
    scheme = walked_scheme(SchemeStatus.IN_PROGRESS)
    services.request_adjustment(
        scheme,
        actor=personas["partner_officer"],
        changes={"support_approved": Decimal("1100000000")},
    )
    with pytest.raises(services.Refused, match="Bộ trưởng"):
        services.decide_adjustment(scheme, actor=personas["programme_officer"], **DOC)
    services.decide_adjustment(scheme, actor=personas["leadership"], **DOC)
    scheme.refresh_from_db()
    assert scheme.support_approved == Decimal("1100000000")
    assert scheme.budget_lines.get().approved == Decimal("1100000000")


def test_of_two_officers_approving_at_once_exactly_one_succeeds(scheme_in, personas):
    scheme = scheme_in(SchemeStatus.APPRAISED)
    stale = Scheme.objects.get(pk=scheme.pk)
    services.approve_scheme(scheme, actor=personas["leadership"], **DOC)
    with pytest.raises(services.Refused, match="vừa được người khác chuyển sang “Đã phê duyệt”"):
        # The second officer's page still shows "appraised": the guarded UPDATE finds no row.
        services._move(stale, SchemeStatus.APPROVED, actor=personas["programme_officer"], **DOC)
    assert SchemeEvent.objects.filter(scheme=scheme, to_status=SchemeStatus.APPROVED).count() == 1


def test_a_move_that_needs_a_document_is_refused_without_one(scheme_in, personas):
    scheme = scheme_in(SchemeStatus.APPROVED)
    with pytest.raises(services.Refused, match="cần số và ngày văn bản"):
        services.contract_scheme(scheme, actor=personas["programme_officer"])
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.APPROVED
