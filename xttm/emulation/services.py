"""The verbs of emulation: each atomic, checking the current state, writing an event row.

State changes go through `_move()`: an UPDATE on the primary key *and* the
expected old state, with a row-count check, so two clicks or two secretaries
racing can never both win. History rows are written explicitly afterwards,
because django-simple-history does not see `QuerySet.update()`.
"""

import datetime
import math
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from xttm.directory.models import Person, Unit

from . import scope
from .choices import (
    DECISION_TRANSITIONS,
    NOMINATION_TRANSITIONS,
    REGISTRATION_TRANSITIONS,
    SESSION_TRANSITIONS,
    TITLE_CODES,
    DecisionStatus,
    HonourKind,
    NominationStatus,
    RegistrationStatus,
    SessionStatus,
    Vote,
)
from .loader import initiative_pk
from .models import (
    Assessment,
    Ballot,
    Commendation,
    Decision,
    DecisionRecipient,
    Initiative,
    Nomination,
    NominationEvent,
    Registration,
    RegistrationEvent,
    ReviewHold,
    Round,
    Score,
    Session,
    SessionItem,
    SessionMember,
    setting,
)


class ServiceError(Exception):
    """A refused action; the message is for the user (Vietnamese)."""


def _move(obj, transitions, to_status, *, actor=None, **fields) -> None:
    """Race-guarded state change: UPDATE … WHERE pk AND status = the state we read."""
    current = obj.status
    model = type(obj)
    if to_status not in transitions.get(current, set()):
        labels = dict(model._meta.get_field("status").choices)
        raise ServiceError(
            _("Không thể chuyển từ “{current}” sang “{target}”.").format(
                current=labels[current], target=labels[to_status]
            )
        )
    updated = model.objects.filter(pk=obj.pk, status=current).update(status=to_status, **fields)
    if updated != 1:
        raise ServiceError(_("Hồ sơ vừa được người khác thay đổi; hãy tải lại trang."))
    obj.refresh_from_db()
    if hasattr(model, "history"):
        model.history.bulk_history_create([obj], update=True, default_user=actor)


def _subject_fields(subject) -> dict:
    if isinstance(subject, Person):
        return {"person": subject, "unit": None}
    if isinstance(subject, Unit):
        return {"person": None, "unit": subject}
    raise TypeError(subject)


# --- Registrations ------------------------------------------------------------------


def may_submit_registration(user, registration: Registration) -> bool:
    """The person themself; for a unit, its head; the secretariat for anyone."""
    if scope.edits(user):
        return True
    if registration.unit_id:
        head = registration.unit.head
        return bool(head and head.user_id == user.pk)
    return bool(registration.person_id and registration.person.user_id == user.pk)


def may_decide_registration(user, registration: Registration) -> bool:
    """A unit head decides their members'; the secretariat consolidates units' (and may do both)."""
    if scope.edits(user):
        return True
    if registration.person_id:
        head = registration.person.unit.head
        return bool(head and head.user_id == user.pk and registration.person.user_id != user.pk)
    return False


@transaction.atomic
def register(subject, *, year: int, aimed_code: str, commitments: str = "", movement=None, actor):
    """Create a draft registration for a person or a unit."""
    if isinstance(subject, Person) and subject.user_id != actor.pk and not scope.edits(actor):
        raise ServiceError(_("Bạn chỉ đăng ký thi đua cho chính mình."))
    if isinstance(subject, Unit) and not (
        scope.edits(actor) or (subject.head_id and subject.head.user_id == actor.pk)
    ):
        raise ServiceError(_("Chỉ thủ trưởng đơn vị hoặc thường trực thi đua đăng ký cho tập thể."))
    if Registration.objects.of(subject).filter(year=year, movement=movement).exists():
        raise ServiceError(_("Đã có đăng ký thi đua cho năm, phong trào này."))
    registration = Registration.objects.create(
        year=year,
        aimed_code=aimed_code,
        commitments=commitments,
        movement=movement,
        **_subject_fields(subject),
    )
    return registration


def _registration_step(registration, to_status, actor, note="", **fields):
    before = registration.status
    _move(registration, REGISTRATION_TRANSITIONS, to_status, actor=actor, **fields)
    RegistrationEvent.objects.create(
        registration=registration, from_status=before, to_status=to_status, actor=actor, note=note
    )


@transaction.atomic
def submit_registration(registration: Registration, *, actor) -> None:
    if not may_submit_registration(actor, registration):
        raise ServiceError(_("Bạn không có quyền gửi đăng ký này."))
    _registration_step(registration, RegistrationStatus.SUBMITTED, actor, return_reason="")


@transaction.atomic
def approve_registration(registration: Registration, *, actor) -> None:
    if not may_decide_registration(actor, registration):
        raise ServiceError(_("Bạn không có quyền duyệt đăng ký này."))
    _registration_step(registration, RegistrationStatus.APPROVED, actor)


@transaction.atomic
def return_registration(registration: Registration, *, actor, reason: str) -> None:
    if not may_decide_registration(actor, registration):
        raise ServiceError(_("Bạn không có quyền trả lại đăng ký này."))
    if not reason.strip():
        raise ServiceError(_("Hãy ghi lý do trả lại."))
    _registration_step(
        registration, RegistrationStatus.RETURNED, actor, note=reason, return_reason=reason
    )


@transaction.atomic
def approve_registrations(registrations, *, actor) -> int:
    """The secretariat's consolidation: approve every submitted registration chosen, or none."""
    if not scope.edits(actor):
        raise ServiceError(_("Chỉ thường trực thi đua tổng hợp, duyệt đăng ký."))
    count = 0
    for registration in registrations:
        if registration.status != RegistrationStatus.SUBMITTED:
            raise ServiceError(
                _("“{registration}” không ở trạng thái chờ duyệt.").format(
                    registration=registration
                )
            )
        approve_registration(registration, actor=actor)
        count += 1
    return count


# --- Records -------------------------------------------------------------------------


@transaction.atomic
def lift_hold(hold: ReviewHold, *, ends_on: datetime.date, actor) -> None:
    """End a review hold: the person is considered again from `ends_on`."""
    if not scope.edits(actor):
        raise ServiceError(_("Chỉ thường trực thi đua chấm dứt tạm dừng xét."))
    if ends_on < hold.starts_on:
        raise ServiceError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    updated = ReviewHold.objects.filter(pk=hold.pk, ends_on__isnull=True).update(ends_on=ends_on)
    if updated != 1:
        raise ServiceError(_("Việc tạm dừng xét này đã kết thúc."))
    hold.refresh_from_db()
    ReviewHold.history.bulk_history_create([hold], update=True, default_user=actor)


# --- Assessment ---------------------------------------------------------------------


@transaction.atomic
def record_assessment(movement, subject, *, period: str, kind: str, scores: dict, actor):
    """Record (or replace) the scores of one assessment; `scores` maps Criterion -> (value, note).

    The weighted total is stored, so the ranking is one ordered query.
    """
    criteria = {c.pk: c for c in movement.criteria.all()}
    for criterion, (value, _note) in scores.items():
        if criterion.pk not in criteria:
            raise ServiceError(_("Tiêu chí không thuộc phong trào này."))
        if not Decimal(0) <= Decimal(value) <= criterion.max_score:
            raise ServiceError(
                _("Điểm “{criterion}” phải từ 0 đến {max}.").format(
                    criterion=criterion.name, max=criterion.max_score
                )
            )
    assessment, _created = Assessment.objects.get_or_create(
        movement=movement,
        period=period,
        kind=kind,
        **_subject_fields(subject),
        defaults={"assessed_by": actor},
    )
    for criterion, (value, note) in scores.items():
        Score.objects.update_or_create(
            assessment=assessment, criterion=criterion, defaults={"value": value, "note": note}
        )
    total = sum(
        (s.value * s.criterion.weight for s in assessment.scores.select_related("criterion")),
        Decimal(0),
    )
    assessment.total = total
    assessment.assessed_by = actor
    assessment.save()
    return assessment


def ranking(movement, *, period: str, kind: str = "official"):
    """Assessments of a movement for a period, best first."""
    return (
        Assessment.objects.filter(movement=movement, period=period, kind=kind)
        .select_related("person", "unit")
        .order_by("-total", "pk")
    )


# --- Nominations ----------------------------------------------------------------------


def _nomination_step(nomination, to_status, actor, **fields):
    before = nomination.status
    _move(nomination, NOMINATION_TRANSITIONS, to_status, actor=actor, **fields)
    NominationEvent.objects.create(
        nomination=nomination, from_status=before, to_status=to_status, actor=actor
    )


@transaction.atomic
def nominate(round: Round, subject, *, code: str, actor, result=None, achievement: str = ""):
    """Propose `subject` for `code` in a round, keeping the engine's verdict and reasons."""
    if not scope.edits(actor):
        raise ServiceError(_("Chỉ thường trực thi đua được đề nghị khen thưởng."))
    if round.status != "open":
        raise ServiceError(_("Đợt bình xét đã kết thúc."))
    if Nomination.objects.filter(round=round, code=code, **_subject_fields(subject)).exists():
        raise ServiceError(_("Đã đề nghị danh hiệu, hình thức này trong đợt."))
    kind = (
        HonourKind.THEMATIC
        if round.movement_id and round.movement.form == "thematic"
        else HonourKind.PERIODIC
    )
    if (
        kind == HonourKind.PERIODIC
        and code in TITLE_CODES
        and registration_mode() == REGISTRATION_REFUSED
        and not is_registered(subject, round.year)
    ):
        raise ServiceError(
            _(
                "{subject} chưa có đăng ký thi đua được duyệt cho năm {year}; "
                "theo tham số hiện hành, danh hiệu thường xuyên cần đăng ký."
            ).format(subject=subject, year=round.year)
        )
    nomination = Nomination.objects.create(
        round=round,
        code=code,
        kind=kind,
        year=round.year,
        achievement=achievement,
        verdict=result.verdict if result else "",
        reasons=[
            {"rule": c.rule, "met": c.met, "evidence": list(c.evidence)} for c in result.conditions
        ]
        if result
        else [],
        uses=list(result.uses) if result else [],
        nominated_by=actor,
        **_subject_fields(subject),
    )
    NominationEvent.objects.create(
        nomination=nomination, from_status="", to_status=NominationStatus.PROPOSED, actor=actor
    )
    return nomination


# `registration_required`: 0 = allowed, 1 = warning only (the default), 2 = refused.
REGISTRATION_WARNED = 1
REGISTRATION_REFUSED = 2


def registration_mode(on: datetime.date | None = None) -> int:
    return int(setting("registration_required", on))


def is_registered(subject, year: int) -> bool:
    """An approved registration of the subject for the year (any movement)."""
    return (
        Registration.objects.of(subject)
        .filter(year=year, status=RegistrationStatus.APPROVED)
        .exists()
    )


def _subject_key(row) -> tuple:
    return ("person", row.person_id) if row.person_id else ("unit", row.unit_id)


def _registration_modes(dates) -> dict:
    """`registration_mode` for each date, from one read of the setting's history."""
    from .models.settings import DEFAULTS, EmulationSetting

    rows = list(
        EmulationSetting.objects.filter(key="registration_required")
        .order_by("-effective_from")
        .values_list("effective_from", "value")
    )
    modes = {}
    for day in dates:
        value = next((v for since, v in rows if since <= day), DEFAULTS["registration_required"])
        modes[day] = int(value)
    return modes


def nominations_warnings(nominations) -> dict[int, list[str]]:
    """`nomination_warnings` for many nominations at once, keyed by pk, in a fixed few queries.

    Registration is required for periodic titles but only warned about
    (emulation.md); one achievement, one form (Law 2022 Art 5) looks at the
    subject's other live forms in the round and at forms already decided for
    the year (in the system or from paper decisions). Titles are not forms:
    LDTT and CSTDCS of one year are normal.
    """
    nominations = list(nominations)
    if not nominations:
        return {}
    people = {n.person_id for n in nominations if n.person_id}
    units = {n.unit_id for n in nominations if n.unit_id}
    years = {n.year for n in nominations}
    subject_q = Q(person_id__in=people) | Q(unit_id__in=units)

    registered = {
        (_subject_key(r), r.year)
        for r in Registration.objects.filter(
            subject_q, year__in=years, status=RegistrationStatus.APPROVED
        ).only("person_id", "unit_id", "year")
    }
    modes = _registration_modes({timezone.localdate(n.nominated_at) for n in nominations})
    rounds = {n.round_id for n in nominations if n.round_id}
    in_rounds: dict = {}
    for other in (
        Nomination.objects.filter(subject_q, round__in=rounds, kind=HonourKind.PERIODIC)
        .exclude(code__in=TITLE_CODES)
        .exclude(status__in=[NominationStatus.WITHDRAWN, NominationStatus.FAILED])
        .order_by("round", "code", "pk")
    ):
        in_rounds.setdefault((other.round_id, _subject_key(other), other.year), []).append(other)
    held: dict = {}
    for commendation in (
        Commendation.objects.filter(subject_q, year__in=years, kind=HonourKind.PERIODIC)
        .exclude(code__in=TITLE_CODES)
        .select_related("decision")
        .order_by("-year", "code", "pk")
    ):
        held.setdefault((_subject_key(commendation), commendation.year), []).append(commendation)

    result = {}
    for nomination in nominations:
        key, warnings = _subject_key(nomination), []
        if (
            nomination.kind == HonourKind.PERIODIC
            and nomination.code in TITLE_CODES
            and modes[timezone.localdate(nomination.nominated_at)] >= REGISTRATION_WARNED
            and (key, nomination.year) not in registered
        ):
            warnings.append(
                _(
                    "{subject} chưa có đăng ký thi đua được duyệt cho năm {year}. Theo tham số "
                    "“đăng ký bắt buộc với danh hiệu thường xuyên – chỉ cảnh báo”, đề nghị vẫn "
                    "được xét."
                ).format(subject=nomination.subject, year=nomination.year)
            )
        if nomination.kind == HonourKind.PERIODIC and nomination.code not in TITLE_CODES:
            for other in in_rounds.get((nomination.round_id, key, nomination.year), []):
                if other.pk == nomination.pk:
                    continue
                warnings.append(
                    _(
                        "Một thành tích chỉ một hình thức khen thưởng (Luật Thi đua, khen thưởng "
                        "Điều 5): {subject} cũng được đề nghị {other} năm {year} trong đợt này."
                    ).format(
                        subject=nomination.subject,
                        other=other.get_code_display(),
                        year=other.year,
                    )
                )
            for commendation in held.get((key, nomination.year), []):
                if commendation.code == nomination.code:
                    continue
                reference = (
                    commendation.decision.number
                    if commendation.decision_id
                    else commendation.decision_reference
                )
                warnings.append(
                    _(
                        "Một thành tích chỉ một hình thức khen thưởng (Luật Thi đua, khen thưởng "
                        "Điều 5): {subject} đã được {other} năm {year} (quyết định {reference})."
                    ).format(
                        subject=nomination.subject,
                        other=commendation.get_code_display(),
                        year=commendation.year,
                        reference=reference or "—",
                    )
                )
        result[nomination.pk] = warnings
    return result


def nomination_warnings(nomination: Nomination) -> list[str]:
    """What the secretariat and the council must see before voting; nothing here blocks."""
    return nominations_warnings([nomination])[nomination.pk]


@transaction.atomic
def nominate_adhoc(subject, *, code: str, achieved_on: datetime.date, achievement: str, actor):
    """The short path: an ad-hoc commendation goes from nomination straight to a decision."""
    if not scope.edits(actor):
        raise ServiceError(_("Chỉ thường trực thi đua được đề nghị khen thưởng."))
    nomination = Nomination.objects.create(
        code=code,
        kind=HonourKind.ADHOC,
        year=achieved_on.year,
        achieved_on=achieved_on,
        achievement=achievement,
        nominated_by=actor,
        **_subject_fields(subject),
    )
    NominationEvent.objects.create(
        nomination=nomination, from_status="", to_status=NominationStatus.PROPOSED, actor=actor
    )
    return nomination


@transaction.atomic
def generate_dossier(nomination: Nomination, *, actor) -> list:
    """Attach the dossier papers generated from templates (Law Art 84.1): submission,
    achievement report, and the round's deliberation minutes; earlier generated copies are replaced.
    """
    from django.core.files.base import ContentFile

    from . import documents
    from .models import NominationDocument

    if not scope.edits(actor):
        raise ServiceError(_("Chỉ thường trực thi đua lập hồ sơ đề nghị."))
    papers = [
        ("submission", documents.submission_docx(nomination)),
        ("report", documents.report_docx(nomination)),
    ]
    if nomination.round_id:
        papers.append(("minutes", documents.deliberation_minutes_docx(nomination.round)))
    for old in nomination.documents.filter(generated=True):
        old.file.delete(save=False)
        old.delete()
    made = []
    for kind, content in papers:
        document = NominationDocument(nomination=nomination, kind=kind, generated=True)
        document.file.save(f"{kind}-{nomination.pk}.docx", ContentFile(content), save=True)
        made.append(document)
    return made


# --- Council session and ballots -----------------------------------------------------


def threshold_for(code: str, on: datetime.date) -> Decimal:
    return setting(f"threshold_percent.{code}", on)


@transaction.atomic
def create_session(*, name: str, held_on, secretary, members, nominations, round=None):
    """A draft session with its members and agenda; thresholds are read when it opens."""
    if not scope.edits(secretary):
        raise ServiceError(_("Chỉ thường trực thi đua lập phiên họp."))
    members = list(members)
    if not members:
        raise ServiceError(_("Phiên họp cần ít nhất một thành viên."))
    session = Session.objects.create(name=name, held_on=held_on, secretary=secretary, round=round)
    SessionMember.objects.bulk_create(SessionMember(session=session, user=u) for u in members)
    for position, nomination in enumerate(nominations, start=1):
        if nomination.status != NominationStatus.PROPOSED:
            raise ServiceError(_("Chỉ đưa đề nghị đang chờ vào chương trình họp."))
        SessionItem.objects.create(
            session=session,
            nomination=nomination,
            position=position,
            threshold_percent=threshold_for(nomination.code, held_on),
        )
    return session


@transaction.atomic
def open_session(session: Session, *, actor) -> None:
    if not scope.edits(actor):
        raise ServiceError(_("Chỉ thường trực thi đua mở phiên họp."))
    if not session.items.exists():
        raise ServiceError(_("Chương trình họp chưa có đề nghị nào."))
    for item in session.items.select_related("nomination"):
        item.threshold_percent = threshold_for(item.nomination.code, session.held_on)
        item.save(update_fields=["threshold_percent"])
    _move(
        session,
        SESSION_TRANSITIONS,
        SessionStatus.OPEN,
        actor=actor,
        quorum_percent=setting("quorum_percent", session.held_on),
    )


COUNTERS = {Vote.YES: "yes_count", Vote.NO: "no_count", Vote.ABSTAIN: "abstain_count"}


@transaction.atomic
def cast_ballot(item: SessionItem, *, voter, choice: str, actor=None, written: bool = False):
    """Count one secret vote: the item's counter goes up; the receipt records only that `voter` voted.

    `written=True` is the secretary entering an absent member's written vote
    (`actor` is the secretary); it counts the same.
    """
    actor = actor or voter
    if choice not in COUNTERS:
        raise ServiceError(_("Phiếu không hợp lệ."))
    # Lock the session row so that closing waits for a vote in flight (PostgreSQL).
    session = Session.objects.select_for_update().get(pk=item.session_id)
    if session.status != SessionStatus.OPEN:
        raise ServiceError(_("Phiên họp không mở bỏ phiếu; kết quả đã chốt."))
    member = SessionMember.objects.filter(session=session, user=voter).first()
    if member is None:
        raise ServiceError(_("Bạn không phải thành viên của phiên họp này."))
    if written:
        if actor.pk != session.secretary_id and not scope.edits(actor):
            raise ServiceError(_("Chỉ thư ký nhập phiếu bằng văn bản."))
        if member.present:
            raise ServiceError(_("Thành viên có mặt bỏ phiếu trực tiếp, không bằng văn bản."))
    elif actor.pk != voter.pk:
        raise ServiceError(_("Không ai bỏ phiếu thay thành viên có mặt."))
    try:
        with transaction.atomic():
            Ballot.objects.create(item=item, member=member, written=written, entered_by=actor)
    except IntegrityError as exc:
        raise ServiceError(_("Thành viên đã bỏ phiếu cho nội dung này.")) from exc
    counted = SessionItem.objects.filter(pk=item.pk, session__status=SessionStatus.OPEN).update(
        **{COUNTERS[choice]: F(COUNTERS[choice]) + 1}
    )
    if counted != 1:
        raise ServiceError(_("Phiên họp không mở bỏ phiếu; kết quả đã chốt."))
    if not written and not member.present:
        SessionMember.objects.filter(pk=member.pk).update(present=True)


@transaction.atomic
def mark_present(member: SessionMember, present: bool, *, actor) -> None:
    if not scope.edits(actor):
        raise ServiceError(_("Chỉ thư ký điểm danh."))
    if member.session.status == SessionStatus.CLOSED:
        raise ServiceError(_("Phiên họp đã đóng."))
    if not present and member.ballots.filter(written=False).exists():
        raise ServiceError(_("Thành viên đã bỏ phiếu trực tiếp."))
    SessionMember.objects.filter(pk=member.pk).update(present=present)


def passes(yes: int, members: int, threshold_percent: Decimal) -> bool:
    """At least the threshold of ALL members (not of those present) voted yes."""
    return members > 0 and Decimal(yes) * 100 >= threshold_percent * members


@transaction.atomic
def close_session(session: Session, *, actor) -> None:
    """Freeze the tally: record attendance, quorum, and each nomination's result."""
    if not scope.edits(actor) and actor.pk != session.secretary_id:
        raise ServiceError(_("Chỉ thư ký đóng phiên họp."))
    session = Session.objects.select_for_update().get(pk=session.pk)
    members = session.members.count()
    present = session.members.filter(present=True).count()
    quorum_met = Decimal(present) * 100 >= (session.quorum_percent or 0) * members
    _move(
        session,
        SESSION_TRANSITIONS,
        SessionStatus.CLOSED,
        actor=actor,
        present_count=present,
        quorum_met=quorum_met,
        closed_at=timezone.now(),
    )
    for item in session.items.select_related("nomination"):
        item.passed = quorum_met and passes(item.yes_count, members, item.threshold_percent)
        item.save(update_fields=["passed"])
        nomination = item.nomination
        if nomination.status == NominationStatus.PROPOSED:
            _nomination_step(
                nomination,
                NominationStatus.PASSED if item.passed else NominationStatus.FAILED,
                actor,
            )


# --- Decisions --------------------------------------------------------------------


def cash_for(code: str, on: datetime.date) -> tuple[Decimal, Decimal, Decimal]:
    """(multiple, base salary, amount) in force on `on`; codes without a multiple get 0."""
    base = setting("base_salary_vnd", on)
    try:
        multiple = setting(f"multiple.{code}", on)
    except KeyError:
        return Decimal(0), base, Decimal(0)
    step = setting("amount_rounding_vnd", on) or Decimal(1)
    amount = Decimal(math.ceil(multiple * base / step)) * step
    return multiple, base, amount


def deadline_warnings(decision: Decision) -> list[str]:
    """Periodic titles of year Y are decided by 31 January of Y+1 (a setting): late ones warned."""
    days = int(setting("periodic_deadline_days", decision.signed_on))
    years = set()
    for recipient in decision.recipients.select_related("nomination"):
        nomination = recipient.nomination
        kind = nomination.kind if nomination else decision.kind
        if kind == HonourKind.PERIODIC and recipient.code in TITLE_CODES:
            years.add(nomination.year if nomination else decision.year)
    warnings = []
    for year in sorted(years):
        deadline = datetime.date(year, 12, 31) + datetime.timedelta(days=days)
        if decision.signed_on > deadline:
            warnings.append(
                _(
                    "Quyết định ký ngày {signed}, quá hạn {deadline} để quyết định danh hiệu "
                    "thi đua thường xuyên năm {year} (trễ {late} ngày)."
                ).format(
                    signed=decision.signed_on.strftime("%d/%m/%Y"),
                    deadline=deadline.strftime("%d/%m/%Y"),
                    year=year,
                    late=(decision.signed_on - deadline).days,
                )
            )
    return warnings


@transaction.atomic
def draft_decision(
    nominations, *, number: str, signed_on, signer_name: str, actor, session=None, **fields
):
    """A draft decision for nominations the council passed (or ad-hoc ones, within the window)."""
    if not scope.edits(actor):
        raise ServiceError(_("Chỉ thường trực thi đua lập quyết định."))
    nominations = list(nominations)
    if not nominations:
        raise ServiceError(_("Quyết định cần ít nhất một người, tập thể được khen."))
    window = int(setting("adhoc_window_days", signed_on))
    kinds = {n.kind for n in nominations}
    for nomination in nominations:
        if nomination.kind == HonourKind.ADHOC:
            if nomination.status != NominationStatus.PROPOSED:
                raise ServiceError(_("Đề nghị đột xuất không còn chờ quyết định."))
            if nomination.achieved_on is None or (signed_on - nomination.achieved_on).days > window:
                raise ServiceError(
                    _(
                        "Khen đột xuất phải quyết định trong {days} ngày kể từ thành tích ({subject})."
                    ).format(days=window, subject=nomination.subject_name)
                )
        elif nomination.status != NominationStatus.PASSED:
            raise ServiceError(
                _("“{nomination}” chưa được Hội đồng thông qua.").format(nomination=nomination)
            )
    decision = Decision.objects.create(
        number=number,
        signed_on=signed_on,
        signer_name=signer_name,
        session=session,
        kind=kinds.pop() if len(kinds) == 1 else HonourKind.PERIODIC,
        year=max(n.year for n in nominations),
        **fields,
    )
    total = Decimal(0)
    for nomination in nominations:
        multiple, base, amount = cash_for(nomination.code, signed_on)
        DecisionRecipient.objects.create(
            decision=decision,
            nomination=nomination,
            person=nomination.person,
            unit=nomination.unit,
            code=nomination.code,
            multiple=multiple,
            base_salary_vnd=base,
            amount_vnd=amount,
            achievement=nomination.achievement,
        )
        total += amount
    decision.total_vnd = total
    decision.warnings = deadline_warnings(decision)
    decision.save(update_fields=["total_vnd", "warnings"])
    return decision


@transaction.atomic
def issue_decision(decision: Decision, *, actor) -> None:
    """Issue: titles and awards are recorded, initiatives consumed; the engine sees them next time."""
    if not scope.edits(actor):
        raise ServiceError(_("Chỉ thường trực thi đua ban hành quyết định."))
    _move(
        decision,
        DECISION_TRANSITIONS,
        DecisionStatus.ISSUED,
        actor=actor,
        issued_at=timezone.now(),
        issued_by=actor,
        warnings=deadline_warnings(decision),
    )
    for recipient in decision.recipients.select_related("nomination"):
        nomination = recipient.nomination
        kind = nomination.kind if nomination else decision.kind
        commendation, created = Commendation.objects.get_or_create(
            code=recipient.code,
            year=nomination.year if nomination else decision.year,
            kind=kind,
            person=recipient.person,
            unit=recipient.unit,
            defaults={"decision": decision},
        )
        if not created:
            raise ServiceError(
                _("{subject} đã có {code} năm {year}.").format(
                    subject=recipient.subject_name, code=recipient.code, year=commendation.year
                )
            )
        pks = [
            pk for pk in (initiative_pk(u) for u in (nomination.uses if nomination else [])) if pk
        ]
        if pks:
            taken = Initiative.objects.filter(pk__in=pks, used_by__isnull=False).first()
            if taken is not None:
                raise ServiceError(
                    _("Sáng kiến “{initiative}” đã được dùng cho khen thưởng khác.").format(
                        initiative=taken
                    )
                )
            commendation.uses.set(pks)
        if nomination and nomination.status != NominationStatus.DECIDED:
            _nomination_step(nomination, NominationStatus.DECIDED, actor)


def reward_fund(year: int) -> Decimal:
    """The cash total of the decisions issued (signed) in a calendar year."""
    total = (
        Decision.objects.issued().filter(signed_on__year=year).aggregate(t=Sum("total_vnd"))["t"]
    )
    return total or Decimal(0)
