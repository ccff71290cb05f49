"""The verbs of the programme: every state change of a scheme, and every write of a result.

Each is atomic, checks the current state and the actor's role against
`choices.TRANSITIONS`, guards races with an UPDATE on (pk, expected status),
writes a `SchemeEvent`, keeps the result summary current and tells the
people who must act next.
"""

import datetime
import logging
import smtplib
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xttm.accounts.roles import Role, has_role
from xttm.core.uploads import check_upload

from . import summary
from .choices import (
    ADMIN,
    LEADERSHIP,
    PARTNER,
    PROGRAMME,
    TRANSITIONS,
    AdjustmentKind,
    AdjustmentStatus,
    SchemeStatus,
    TransitionRule,
    rule_for,
)
from .models import (
    Activity,
    Adjustment,
    Appraisal,
    ApprovalBatch,
    BatchItem,
    BudgetLine,
    Deal,
    ExchangeRate,
    Notification,
    Participation,
    ProgrammeYear,
    Scheme,
    SchemeEvent,
    SchemeVersion,
)

logger = logging.getLogger(__name__)

S = SchemeStatus
TIME_PLACE_FIELDS = frozenset({"start_date", "end_date", "country", "city", "province"})
ADJUSTABLE_FIELDS = TIME_PLACE_FIELDS | {
    "title",
    "objectives",
    "planned_booths",
    "planned_enterprises",
    "planned_deals",
    "support_approved",
}
# States in which results (activities, participations, deals) may be recorded.
RESULT_STATES = frozenset(
    {S.APPROVED, S.CONTRACTED, S.IN_PROGRESS, S.ADJUSTMENT_REQUESTED, S.REPORTED}
)


class Refused(Exception):
    """A verb refused; the message is for the user, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Who may do what ------------------------------------------------------------------


def may_act(user, scheme: Scheme, rule: TransitionRule) -> bool:
    """The actor holds one of the rule's roles; a partner officer only for their own scheme."""
    others = [r for r in rule.roles if r != PARTNER]
    if has_role(user, *others):
        return True
    return (
        PARTNER in rule.roles
        and has_role(user, PARTNER)
        and user.organization_id is not None
        and user.organization_id == scheme.lead_id
    )


def available_transitions(scheme: Scheme, user) -> list[tuple[str, TransitionRule]]:
    """The moves this user may make now: the buttons of the detail page."""
    return [
        (to_state, rule)
        for to_state, rule in TRANSITIONS.get(scheme.status, {}).items()
        if may_act(user, scheme, rule)
    ]


def may_edit_draft(user, scheme: Scheme | None = None) -> bool:
    if scheme is None:
        return has_role(user, PARTNER, PROGRAMME, ADMIN)
    if scheme.status not in (S.DRAFT, S.NEEDS_SUPPLEMENT):
        return False
    if has_role(user, PROGRAMME, ADMIN):
        return True
    return has_role(user, PARTNER) and user.organization_id == scheme.lead_id


def may_record_any_results(user) -> bool:
    """Whether the user's role records activities, participations and deals for some scheme."""
    return has_role(user, PARTNER, PROGRAMME, ADMIN)


def may_record_results(user, scheme: Scheme) -> bool:
    if scheme.status not in RESULT_STATES:
        return False
    if has_role(user, PROGRAMME, ADMIN):
        return True
    return has_role(user, PARTNER) and user.organization_id == scheme.lead_id


# --- Support computation ----------------------------------------------------------------


def rate_in_force(scheme: Scheme):
    day = scheme.start_date or datetime.date(scheme.year, 1, 1)
    return scheme.content_type.rate_on(day)


def support_ceiling(scheme: Scheme) -> Decimal:
    """The most the programme may support: eligible costs × the rate in force, in whole đồng."""
    rate = rate_in_force(scheme)
    if rate is None:
        return Decimal(0)
    eligible = sum((c.amount for c in scheme.cost_items.all() if c.eligible), Decimal(0))
    return (eligible * rate.rate / 100).quantize(Decimal(1), rounding=ROUND_DOWN)


def check_support_requested(scheme: Scheme) -> None:
    ceiling = support_ceiling(scheme)
    if scheme.support_requested > ceiling:
        raise ValidationError(
            {
                "support_requested": _(
                    "Kinh phí đề nghị {requested} đồng vượt mức tối đa {ceiling} đồng "
                    "(chi phí được hỗ trợ × mức hỗ trợ); chỉ được điều chỉnh giảm."
                ).format(requested=_money(scheme.support_requested), ceiling=_money(ceiling))
            }
        )


def appraisal_warnings(scheme: Scheme) -> list[str]:
    """Threshold checks the appraisal shows (below-threshold fairs abroad and the like)."""
    rate = rate_in_force(scheme)
    warnings = []
    if rate is None:
        return [
            _("Chưa có mức hỗ trợ hiệu lực cho nội dung “{content}”.").format(
                content=scheme.content_type
            )
        ]
    if rate.min_booths and scheme.planned_booths < rate.min_booths:
        warnings.append(
            _("Số gian hàng dự kiến {planned} thấp hơn mức tối thiểu {minimum} gian hàng.").format(
                planned=scheme.planned_booths, minimum=rate.min_booths
            )
        )
    if rate.min_enterprises and scheme.planned_enterprises < rate.min_enterprises:
        warnings.append(
            _(
                "Số doanh nghiệp dự kiến {planned} thấp hơn mức tối thiểu {minimum} doanh nghiệp."
            ).format(planned=scheme.planned_enterprises, minimum=rate.min_enterprises)
        )
    return warnings


def _money(value) -> str:
    return f"{int(value):,}".replace(",", ".")


# --- Drafting -------------------------------------------------------------------------------


@transaction.atomic
def save_draft(scheme: Scheme, *, actor, cost_items=None) -> Scheme:
    """Create or change a draft; the requested support defaults to, and may not exceed, the ceiling.

    `cost_items` is a list of (name, amount, eligible); None keeps the stored ones.
    """
    if scheme.pk and not may_edit_draft(actor, scheme):
        raise Refused(_("Chỉ sửa được đề án ở trạng thái dự thảo hoặc cần bổ sung."))
    if not scheme.pk and not may_edit_draft(actor):
        raise Refused(_("Bạn không có quyền lập đề án."))
    if has_role(actor, PARTNER) and not has_role(actor, PROGRAMME, ADMIN):
        scheme.lead_id = actor.organization_id
    if not scheme.line:
        scheme.line = scheme.content_type.line
    scheme._history_user = actor
    before = summary.tracked(Scheme.objects.get(pk=scheme.pk) if scheme.pk else None)
    scheme.save()
    if cost_items is not None:
        scheme.cost_items.all().delete()
        for name, amount, eligible in cost_items:
            scheme.cost_items.create(name=name, amount=amount, eligible=eligible)
    rate = rate_in_force(scheme)
    scheme.support_rate = rate.rate if rate else Decimal(0)
    ceiling = support_ceiling(scheme)
    if not scheme.support_requested:
        scheme.support_requested = ceiling
    check_support_requested(scheme)
    scheme.save(update_fields=["support_rate", "support_requested"])
    before.objs = [scheme]
    with before:
        pass
    return scheme


# --- Moves --------------------------------------------------------------------------------


def _refuse_unless_allowed(scheme: Scheme, to_state: str, actor) -> TransitionRule:
    rule = rule_for(scheme.status, to_state)
    if rule is None:
        raise Refused(
            _("Không thể chuyển đề án từ “{current}” sang “{target}”.").format(
                current=S(scheme.status).label, target=S(to_state).label
            )
        )
    if not may_act(actor, scheme, rule):
        raise Refused(_("Bạn không có quyền “{action}” với đề án này.").format(action=rule.label))
    return rule


def _move(
    scheme: Scheme,
    to_state: str,
    *,
    actor,
    reason: str = "",
    document_number: str = "",
    document_date=None,
    changes: dict | None = None,
) -> SchemeEvent:
    """The shared step of every move: guarded UPDATE, history, event, summary, notifications."""
    expected = scheme.status
    rule = _refuse_unless_allowed(scheme, to_state, actor)
    if rule.needs_document and not (document_number and document_date):
        raise Refused(_("“{action}” cần số và ngày văn bản.").format(action=rule.label))
    # Budget lines follow the scheme's place in the summary; a move may change the place.
    lines = list(BudgetLine.objects.filter(scheme_id=scheme.pk))
    tracker = summary.tracked(Scheme.objects.get(pk=scheme.pk), *lines)
    with tracker:
        updated = Scheme.objects.filter(pk=scheme.pk, status=expected).update(
            status=to_state, **(changes or {})
        )
        if updated != 1:
            current = Scheme.objects.filter(pk=scheme.pk).values_list("status", flat=True).first()
            raise Refused(
                _(
                    "Đề án vừa được người khác chuyển sang “{current}”; "
                    "thao tác của bạn không được thực hiện. Hãy tải lại trang."
                ).format(current=S(current).label if current else "?")
            )
        scheme.refresh_from_db()
        # The guarded UPDATE bypasses django-simple-history; record the new state there too.
        scheme._history_user = actor
        scheme.save(update_fields=["status", *(changes or {})])
        for line in lines:
            line.scheme = scheme
        tracker.objs = [scheme, *lines]
    event = SchemeEvent.objects.create(
        scheme=scheme,
        actor=actor,
        from_status=expected,
        to_status=to_state,
        reason=reason,
        document_number=document_number,
        document_date=document_date,
    )
    _notify_next(scheme, to_state, actor)
    return event


@transaction.atomic
def submit_scheme(scheme: Scheme, *, actor, today=None, reason="", **document) -> SchemeEvent:
    """Submit a draft (refused after the year's deadline) or a supplemented scheme."""
    today = today or timezone.localdate()
    if scheme.status == S.DRAFT:
        year = ProgrammeYear.objects.filter(year=scheme.year).first()
        if year is not None and today > year.proposal_deadline:
            raise Refused(
                _("Đã quá hạn nộp đề án cho năm kế hoạch {year}: hạn cuối là {deadline}.").format(
                    year=scheme.year, deadline=year.proposal_deadline.strftime("%d/%m/%Y")
                )
            )
        if not scheme.title or not scheme.cost_items.exists():
            raise Refused(_("Đề án cần có tên và dự toán chi phí trước khi nộp."))
        try:
            check_support_requested(scheme)
        except ValidationError as exc:
            raise Refused(" ".join(exc.messages)) from exc
    return _move(scheme, S.SUBMITTED, actor=actor, reason=reason, **document)


@transaction.atomic
def request_supplement(scheme: Scheme, *, actor, reason="", **document) -> SchemeEvent:
    if not reason:
        raise Refused(_("Hãy nêu nội dung cần bổ sung."))
    return _move(scheme, S.NEEDS_SUPPLEMENT, actor=actor, reason=reason, **document)


def _check_appraiser(scheme, actor):
    rule = rule_for(S.SUBMITTED, S.APPRAISED)
    if scheme.status != S.SUBMITTED or not may_act(actor, scheme, rule):
        raise Refused(_("Chỉ cán bộ Chương trình thẩm định đề án đã nộp."))


@transaction.atomic
def add_appraisal(scheme: Scheme, *, actor, score: int = 0, notes: str = "") -> Appraisal:
    """One appraiser's score and notes; several appraisers may score one scheme."""
    _check_appraiser(scheme, actor)
    if not 0 <= int(score) <= 100:
        raise Refused(_("Điểm thẩm định phải từ 0 đến 100."))
    return Appraisal.objects.create(
        scheme=scheme,
        appraiser=actor,
        score=score,
        notes=notes,
        warnings="\n".join(appraisal_warnings(scheme)),
    )


@transaction.atomic
def appraise_scheme(
    scheme: Scheme, *, actor, score: int | None = None, notes: str = "", reason="", **document
) -> SchemeEvent:
    """Close the appraisal (with a last score if given); the threshold warnings go into the event."""
    if score is not None:
        add_appraisal(scheme, actor=actor, score=score, notes=notes)
    warnings = appraisal_warnings(scheme)
    text = "\n".join(filter(None, [reason, *warnings]))
    return _move(scheme, S.APPRAISED, actor=actor, reason=text, **document)


@transaction.atomic
def reject_scheme(scheme: Scheme, *, actor, reason="", **document) -> SchemeEvent:
    if not reason:
        raise Refused(_("Hãy nêu lý do không phê duyệt."))
    return _move(scheme, S.REJECTED, actor=actor, reason=reason, **document)


def snapshot(scheme: Scheme) -> dict:
    return {
        "title": scheme.title,
        "objectives": scheme.objectives,
        "start_date": scheme.start_date.isoformat() if scheme.start_date else None,
        "end_date": scheme.end_date.isoformat() if scheme.end_date else None,
        "country": str(scheme.country or ""),
        "city": scheme.city,
        "province": scheme.province_id,
        "planned_booths": scheme.planned_booths,
        "planned_enterprises": scheme.planned_enterprises,
        "planned_deals": scheme.planned_deals,
        "support_approved": str(scheme.support_approved),
        "budget": {str(b.year): str(b.approved) for b in scheme.budget_lines.all()},
    }


@transaction.atomic
def approve_scheme(
    scheme: Scheme,
    *,
    actor,
    amount=None,
    per_year: dict | None = None,
    batch: ApprovalBatch | None = None,
    reason="",
    document_number="",
    document_date=None,
) -> SchemeEvent:
    """Approve with an amount (at most the request), split into yearly budget lines; keep version 0."""
    amount = Decimal(scheme.support_requested if amount is None else amount)
    if amount <= 0 or amount > scheme.support_requested:
        raise Refused(
            _(
                "Kinh phí phê duyệt phải lớn hơn 0 và không vượt kinh phí đề nghị ({requested} đồng)."
            ).format(requested=_money(scheme.support_requested))
        )
    if batch is not None:
        document_number = document_number or batch.decision_number
        document_date = document_date or batch.decision_date
    rate = rate_in_force(scheme)
    event = _move(
        scheme,
        S.APPROVED,
        actor=actor,
        reason=reason,
        document_number=document_number,
        document_date=document_date,
        changes={
            "support_approved": amount,
            "support_rate": rate.rate if rate else scheme.support_rate,
        },
    )
    years = scheme.years
    if per_year is None:
        share = (amount / len(years)).quantize(Decimal(1), rounding=ROUND_DOWN)
        per_year = {y: share for y in years}
        per_year[years[0]] += amount - share * len(years)
    if sum(Decimal(v) for v in per_year.values()) != amount:
        raise Refused(_("Tổng kinh phí các năm phải bằng kinh phí phê duyệt."))
    for year, value in per_year.items():
        set_budget_line(scheme, int(year), actor=actor, approved=Decimal(value), check=False)
    if batch is not None:
        BatchItem.objects.create(batch=batch, scheme=scheme, amount=amount)
    SchemeVersion.objects.create(scheme=scheme, number=0, data=snapshot(scheme))
    return event


@transaction.atomic
def approve_batch(
    *, actor, year: int, number: int, decision_number: str, decision_date, items
) -> ApprovalBatch:
    """An approval round: one decision listing its schemes and amounts. All or nothing."""
    batch = ApprovalBatch.objects.create(
        year=year, number=number, decision_number=decision_number, decision_date=decision_date
    )
    for scheme, amount in items:
        approve_scheme(scheme, actor=actor, amount=amount, batch=batch)
    return batch


@transaction.atomic
def contract_scheme(scheme: Scheme, *, actor, reason="", **document) -> SchemeEvent:
    return _move(scheme, S.CONTRACTED, actor=actor, reason=reason, **document)


@transaction.atomic
def start_scheme(scheme: Scheme, *, actor, reason="", **document) -> SchemeEvent:
    return _move(scheme, S.IN_PROGRESS, actor=actor, reason=reason, **document)


def adjustment_kind(changes: dict) -> str:
    return AdjustmentKind.TIME_PLACE if set(changes) <= TIME_PLACE_FIELDS else AdjustmentKind.OTHER


def _jsonable(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    if value is not None and not isinstance(value, int | str | float | bool):
        return str(value)
    return value


@transaction.atomic
def request_adjustment(
    scheme: Scheme, *, actor, changes: dict, reason="", **document
) -> SchemeEvent:
    """Ask to change an approved scheme; old and new values are kept side by side."""
    unknown = set(changes) - ADJUSTABLE_FIELDS
    if not changes or unknown:
        raise Refused(
            _("Chỉ điều chỉnh được: {fields}.").format(fields=", ".join(sorted(ADJUSTABLE_FIELDS)))
        )
    pairs = {}
    for name, new in changes.items():
        attname = "province_id" if name == "province" else name
        old = getattr(scheme, attname)
        pairs[name] = [_jsonable(old), _jsonable(new)]
    event = _move(scheme, S.ADJUSTMENT_REQUESTED, actor=actor, reason=reason, **document)
    Adjustment.objects.create(
        scheme=scheme,
        kind=adjustment_kind(changes),
        changes=pairs,
        reason=reason,
        requested_by=actor,
    )
    return event


@transaction.atomic
def decide_adjustment(
    scheme: Scheme, *, actor, approve: bool = True, reason="", **document
) -> SchemeEvent:
    """Time or place: the programme board (programme officer); other changes: the Minister (leadership)."""
    adjustment = scheme.adjustments.filter(status=AdjustmentStatus.PENDING).last()
    if adjustment is None:
        raise Refused(_("Không có đề nghị điều chỉnh đang chờ duyệt."))
    deciders = (
        (PROGRAMME, ADMIN) if adjustment.kind == AdjustmentKind.TIME_PLACE else (LEADERSHIP, ADMIN)
    )
    if not has_role(actor, *deciders):
        raise Refused(
            _("Điều chỉnh “{kind}” không thuộc thẩm quyền của bạn.").format(
                kind=AdjustmentKind(adjustment.kind).label
            )
        )
    changes = {}
    if approve:
        for name, (_old, new) in adjustment.changes.items():
            if name in ("start_date", "end_date") and new:
                new = datetime.date.fromisoformat(new)
            if name == "support_approved":
                new = Decimal(new)
            changes["province_id" if name == "province" else name] = new
    event = _move(
        scheme, S.IN_PROGRESS, actor=actor, reason=reason, changes=changes or None, **document
    )
    if approve and "support_approved" in adjustment.changes:
        old, new = (Decimal(v) for v in adjustment.changes["support_approved"])
        line = scheme.budget_lines.order_by("-year").first()
        if line is not None:
            set_budget_line(
                scheme, line.year, actor=actor, approved=line.approved + new - old, check=False
            )
    adjustment.status = AdjustmentStatus.APPROVED if approve else AdjustmentStatus.REFUSED
    adjustment.decided_by = actor
    adjustment.decided_at = timezone.now()
    adjustment.save()
    if approve:
        number = scheme.versions.count()
        SchemeVersion.objects.create(scheme=scheme, number=number, data=snapshot(scheme))
    return event


@transaction.atomic
def report_results(scheme: Scheme, *, actor, today=None, reason="", **document) -> SchemeEvent:
    today = today or timezone.localdate()
    event = _move(scheme, S.REPORTED, actor=actor, reason=reason, **document)
    scheme.activities.filter(results_reported_on__isnull=True).update(results_reported_on=today)
    return event


@transaction.atomic
def accept_results(scheme: Scheme, *, actor, reason="", **document) -> SchemeEvent:
    return _move(scheme, S.ACCEPTED, actor=actor, reason=reason, **document)


@transaction.atomic
def settle_scheme(scheme: Scheme, *, actor, reason="", **document) -> SchemeEvent:
    """Settle: each year's settled amount is what was disbursed, unless already set."""
    event = _move(scheme, S.SETTLED, actor=actor, reason=reason, **document)
    for line in scheme.budget_lines.filter(settled=0):
        set_budget_line(scheme, line.year, actor=actor, settled=line.disbursed, check=False)
    return event


@transaction.atomic
def cancel_scheme(scheme: Scheme, *, actor, reason="", **document) -> SchemeEvent:
    if not reason:
        raise Refused(_("Hãy nêu lý do hủy đề án."))
    return _move(scheme, S.CANCELLED, actor=actor, reason=reason, **document)


def transition(scheme: Scheme, to_state: str, *, actor, **kwargs) -> SchemeEvent:
    """Run the service the transition table names: the single entry of the UI and the API."""
    rule = rule_for(scheme.status, to_state)
    if rule is None:
        _refuse_unless_allowed(scheme, to_state, actor)
    return globals()[rule.service](scheme, actor=actor, **kwargs)


# --- Budget lines ---------------------------------------------------------------------------


@transaction.atomic
def set_budget_line(
    scheme: Scheme, year: int, *, actor, approved=None, disbursed=None, settled=None, check=True
) -> BudgetLine:
    """Set a year's approved, disbursed or settled amount (programme officers)."""
    if check and not has_role(actor, PROGRAMME, ADMIN):
        raise Refused(_("Chỉ cán bộ Chương trình cập nhật kinh phí."))
    line, _created = BudgetLine.objects.select_related("scheme").get_or_create(
        scheme=scheme, year=year
    )
    with summary.tracked(line):
        if approved is not None:
            line.approved = approved
        if disbursed is not None:
            line.disbursed = disbursed
        if settled is not None:
            line.settled = settled
        if line.disbursed > line.approved or line.settled > max(line.disbursed, line.approved):
            raise Refused(_("Kinh phí giải ngân, quyết toán không được vượt kinh phí được duyệt."))
        line._history_user = actor
        line.save()
    return line


# --- Activities, participations, deals ----------------------------------------------------


def _check_results(scheme: Scheme, actor):
    if not may_record_results(actor, scheme):
        raise Refused(
            _(
                "Chỉ ghi nhận kết quả cho đề án đã phê duyệt, do đơn vị chủ trì hoặc cán bộ Chương trình."
            )
        )


@transaction.atomic
def save_activity(activity: Activity, *, actor) -> Activity:
    scheme = Scheme.objects.get(pk=activity.scheme_id)
    _check_results(scheme, actor)
    if activity.end_date < activity.start_date:
        raise Refused(_("Ngày kết thúc phải sau ngày bắt đầu."))
    children = []
    if activity.pk:
        # Moving an activity in time or place moves its participations and deals in the summary.
        children = [
            *Participation.objects.select_related("activity__scheme").filter(
                activity_id=activity.pk
            ),
            *Deal.objects.select_related("activity__scheme").filter(activity_id=activity.pk),
        ]
    with summary.tracked(*children):
        activity._history_user = actor
        activity.save()
        activity.scheme = scheme
        for child in children:
            child.activity = activity
    return activity


@transaction.atomic
def record_participation(
    activity: Activity, enterprise, *, actor, booths: int = 0, support_vnd=0
) -> Participation:
    """One enterprise at one activity; recording it again changes the same row."""
    _check_results(activity.scheme, actor)
    existing = Participation.objects.filter(activity=activity, enterprise=enterprise).first()
    with summary.tracked(existing) as tracker:
        participation = existing or Participation(activity=activity, enterprise=enterprise)
        participation.booths = booths
        participation.support_vnd = Decimal(support_vnd)
        participation.save()
        participation.activity = activity
        if existing is None:
            tracker.add(participation)
    return participation


@transaction.atomic
def delete_participation(participation: Participation, *, actor) -> None:
    _check_results(participation.activity.scheme, actor)
    with summary.tracked(participation) as tracker:
        tracker.delete(participation)
        participation.delete()


# --- Exchange rates and deals -----------------------------------------------------------------


def rate_for(currency: str, day: datetime.date) -> tuple[Decimal, datetime.date, bool]:
    """(rate to VND, the rate's date, whether it is an earlier date's rate) for a currency and day."""
    currency = currency.upper()
    if currency == "VND":
        return Decimal(1), day, False
    found = (
        ExchangeRate.objects.filter(currency=currency, date__lte=day)
        .order_by("-date")
        .values_list("rate_to_vnd", "date")
        .first()
    )
    if found is None:
        raise Refused(
            _("Chưa có tỷ giá {currency} vào hoặc trước ngày {day}.").format(
                currency=currency, day=day.strftime("%d/%m/%Y")
            )
        )
    return found[0], found[1], found[1] != day


def price_deal(deal: Deal, *, rates=None) -> Deal:
    """Fill the deal's rate, rate date, fallback flag, VND and USD values from the rate table.

    `rates` replaces `rate_for` (an importer passes a memoised one: one query per
    currency and day, not per row).
    """
    (
        deal.currency,
        deal.rate_to_vnd,
        deal.rate_date,
        deal.value_vnd,
        deal.value_usd,
        deal.rate_is_fallback,
    ) = deal_prices(deal.value, deal.currency, deal.signed_on, rates)
    return deal


_WHOLE, _CENT = Decimal(1), Decimal("0.01")  # the units VND and USD values are rounded to


def deal_prices(value, currency: str, day: datetime.date, rates=None) -> tuple:
    """(currency, rate to VND, the rate's date, value in VND, value in USD, whether a rate is an
    earlier day's) of a deal of `value` in `currency` signed on `day`."""
    rate_for = rates or globals()["rate_for"]
    rate, rate_date, fallback = rate_for(currency, day)
    currency = currency.upper()
    if value.__class__ is not Decimal:  # an import's values are Decimals already
        value = Decimal(value)
    value_vnd = (value * rate).quantize(_WHOLE, rounding=ROUND_HALF_UP)
    if currency == "USD":
        value_usd = value.quantize(_CENT, rounding=ROUND_HALF_UP)
        usd_fallback = False
    else:
        usd_rate, _usd_date, usd_fallback = rate_for("USD", day)
        value_usd = (value_vnd / usd_rate).quantize(_CENT, rounding=ROUND_HALF_UP)
    return currency, rate, rate_date, value_vnd, value_usd, fallback or usd_fallback


def fallback_note(deal: Deal) -> str:
    if not deal.rate_is_fallback:
        return ""
    return _("Không có tỷ giá ngày {day}; đã dùng tỷ giá gần nhất trước đó ({rate_day}).").format(
        day=deal.signed_on.strftime("%d/%m/%Y"), rate_day=deal.rate_date.strftime("%d/%m/%Y")
    )


@transaction.atomic
def save_deal(deal: Deal, *, actor) -> Deal:
    """Create or change a deal: values in VND and USD are computed now and stored."""
    activity = Activity.objects.select_related("scheme").get(pk=deal.activity_id)
    _check_results(activity.scheme, actor)
    old = (
        Deal.objects.select_related("activity__scheme").filter(pk=deal.pk).first()
        if deal.pk
        else None
    )
    with summary.tracked(old) as tracker:
        price_deal(deal)
        deal._history_user = actor
        deal.save()
        deal.activity = activity
        tracker.objs = [deal]
    return deal


@transaction.atomic
def delete_deal(deal: Deal, *, actor) -> None:
    _check_results(deal.activity.scheme, actor)
    with summary.tracked(deal) as tracker:
        tracker.delete(deal)
        deal.delete()


# --- Notifications ----------------------------------------------------------------------------


def notify(users, text: str, link: str = "") -> list[Notification]:
    """A notification in the app for each user, and an e-mail to those with an address."""
    users = [u for u in users if u is not None]
    notes = Notification.objects.bulk_create(
        [Notification(recipient=u, text=text[:500], link=link) for u in users]
    )
    for user in users:
        if user.email:
            transaction.on_commit(lambda address=user.email: _email(address, text, link))
    return notes


def _email(address: str, text: str, link: str) -> None:
    # The notice in the app is the record; a mail server that is down must not
    # undo the transition that caused it, so a failed send is logged, not raised.
    try:
        send_mail(_("[XTTM] Thông báo"), f"{text}\n{link}", None, [address])
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not e-mail a notification to %s", address)


def _users_with(*roles):
    return (
        get_user_model()
        .objects.filter(groups__name__in=[str(r) for r in roles], is_active=True)
        .distinct()
    )


def _notify_next(scheme: Scheme, to_state: str, actor) -> None:
    partners = get_user_model().objects.filter(
        organization_id=scheme.lead_id, groups__name=str(Role.PARTNER_OFFICER), is_active=True
    )
    if to_state in (S.SUBMITTED, S.REPORTED):
        recipients = _users_with(PROGRAMME)
    elif to_state == S.APPRAISED:
        recipients = _users_with(LEADERSHIP, PROGRAMME)
    elif to_state == S.ADJUSTMENT_REQUESTED:
        recipients = _users_with(PROGRAMME, LEADERSHIP)
    else:
        recipients = partners
    recipients = [u for u in recipients if u.pk != getattr(actor, "pk", None)]
    if not recipients:
        return
    text = _("Đề án “{title}” chuyển sang: {state}.").format(
        title=scheme.title, state=S(to_state).label
    )
    notify(recipients, text, reverse("promotion:scheme-detail", args=[scheme.pk]))


def overdue_activities(today=None):
    """Activities whose results report is later than the year's deadline (days after the end)."""
    today = today or timezone.localdate()
    days = {y.year: y.report_due_days for y in ProgrammeYear.objects.all()}
    qs = Activity.objects.filter(
        results_reported_on__isnull=True,
        end_date__lt=today - datetime.timedelta(days=min(days.values(), default=30)),
        scheme__status__in=[S.CONTRACTED, S.IN_PROGRESS, S.ADJUSTMENT_REQUESTED],
    ).select_related("scheme", "scheme__lead")
    return [
        a for a in qs if a.end_date + datetime.timedelta(days=days.get(a.scheme.year, 30)) < today
    ]


# --- Attachments ------------------------------------------------------------------------------


@transaction.atomic
def add_attachment(scheme: Scheme, *, actor, title: str, file):
    """Attach a document to a scheme: its lead organisation's officers or the programme side."""
    from .models import Attachment

    if not (
        has_role(actor, PROGRAMME, ADMIN)
        or (has_role(actor, PARTNER) and actor.organization_id == scheme.lead_id)
    ):
        raise Refused(_("Bạn không có quyền đính kèm tài liệu cho đề án này."))
    try:
        check_upload(file)
    except ValidationError as exc:
        raise Refused(exc.messages[0]) from exc
    return Attachment.objects.create(scheme=scheme, title=title or file.name, file=file)


@transaction.atomic
def delete_attachment(attachment, *, actor) -> None:
    """Remove an attachment while its scheme may still be edited; the file leaves storage on commit."""
    scheme = Scheme.objects.get(pk=attachment.scheme_id)
    if not may_edit_draft(actor, scheme):
        raise Refused(
            _("Chỉ xóa được tài liệu của đề án dự thảo hoặc cần bổ sung, do người được sửa đề án.")
        )
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    # After commit only: a rolled-back delete must not leave a row pointing at a missing file.
    transaction.on_commit(lambda: storage.delete(name) if name else None)


# --- Notifications read --------------------------------------------------------------------


def mark_read(note: Notification, *, actor) -> Notification:
    """Mark one's own notification read; reading it again keeps the first time."""
    if note.recipient_id != getattr(actor, "pk", None):
        raise Refused(_("Chỉ đánh dấu được thông báo của chính bạn."))
    Notification.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=timezone.now())
    note.refresh_from_db(fields=["read_at"])
    return note


# --- Brand programme, facilities, network staffing ------------------------------------------


def may_edit_network(user) -> bool:
    """Brand cycles, applicants, products and facilities: the programme side keeps them."""
    return has_role(user, PROGRAMME, ADMIN)


def may_edit_staffing(user, organization_id=None) -> bool:
    """Staffing rows: the programme side for all; a partner officer for their own organisation.

    With no organisation given, the question is whether the user may add a row at all.
    """
    if has_role(user, PROGRAMME, ADMIN):
        return True
    if not (has_role(user, PARTNER) and user.organization_id):
        return False
    return organization_id is None or organization_id == user.organization_id
