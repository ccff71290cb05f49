"""Criteria computed from the promotion data: code -> function(subject, period) -> (score, records).

Who is responsible for a scheme: the agency staff member who submitted it (the
actor of its `draft → submitted` event), and that person's unit. Scheme has no
responsible-unit field, so this is the one link the promotion data holds; it is
documented on the movement page as the rule used.

A period is "2025" (the year) or "2025-Q2" (a quarter). The score is the raw
measure (a count, or billions of đồng); `score_computed()` caps it at the
criterion's maximum. Each record names the promotion row behind the score, so
a unit can check what was counted.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from xttm.directory.models import Person, Unit

Record = dict
Measure = Callable[[object, str], tuple[Decimal, list[Record]]]


def period_range(period: str) -> tuple[datetime.date, datetime.date]:
    """'2025' -> 1 Jan..31 Dec 2025; '2025-Q2' -> 1 Apr..30 Jun 2025."""
    year, _, quarter = period.partition("-Q")
    year = int(year)
    if not quarter:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    q = int(quarter)
    start = datetime.date(year, 3 * q - 2, 1)
    end = datetime.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - datetime.timedelta(days=1)
    return start, end


def _responsible_users(subject) -> list[int]:
    if isinstance(subject, Person):
        return [subject.user_id] if subject.user_id else []
    if isinstance(subject, Unit):
        return list(subject.members.exclude(user__isnull=True).values_list("user_id", flat=True))
    raise TypeError(subject)


def _schemes(subject):
    from xttm.promotion.models import Scheme

    users = _responsible_users(subject)
    return Scheme.objects.filter(
        events__to_status="submitted", events__from_status="draft", events__actor__in=users
    ).distinct()


def schemes_accepted(subject, period):
    """Schemes the subject submitted that were accepted (nghiệm thu) within the period."""
    from xttm.promotion.models import SchemeEvent

    start, end = period_range(period)
    events = (
        SchemeEvent.objects.filter(
            scheme__in=_schemes(subject),
            to_status="accepted",
            at__date__gte=start,
            at__date__lte=end,
        )
        .select_related("scheme")
        .order_by("at", "pk")
    )
    records = [
        {
            "kind": "scheme",
            "id": e.scheme_id,
            "code": e.scheme.code,
            "date": e.at.date().isoformat(),
        }
        for e in events
    ]
    return Decimal(len({r["id"] for r in records})), records


def participations(subject, period):
    """Enterprise participations mobilised at activities of the subject's schemes ending in the period."""
    from xttm.promotion.models import Participation

    start, end = period_range(period)
    rows = (
        Participation.objects.filter(
            activity__scheme__in=_schemes(subject),
            activity__end_date__gte=start,
            activity__end_date__lte=end,
        )
        .select_related("activity")
        .order_by("activity__code", "enterprise_id")
    )
    records = [
        {
            "kind": "participation",
            "id": p.pk,
            "activity": p.activity.code,
            "enterprise": p.enterprise_id,
        }
        for p in rows
    ]
    return Decimal(len(records)), records


def deal_value(subject, period):
    """Value of the deals signed at the subject's activities in the period, in billions of đồng."""
    from xttm.promotion.models import Deal

    start, end = period_range(period)
    deals = Deal.objects.filter(
        activity__scheme__in=_schemes(subject), signed_on__gte=start, signed_on__lte=end
    ).order_by("signed_on", "code")
    total = deals.aggregate(t=Sum("value_vnd"))["t"] or Decimal(0)
    records = [
        {"kind": "deal", "id": d.pk, "code": d.code, "value_vnd": str(d.value_vnd)} for d in deals
    ]
    return (total / Decimal(1_000_000_000)).quantize(Decimal("0.01")), records


def reports_on_time(subject, period):
    """Activities ending in the period whose results were reported within the programme's deadline."""
    from xttm.promotion.models import Activity, ProgrammeYear

    start, end = period_range(period)
    due_days = dict(ProgrammeYear.objects.values_list("year", "report_due_days"))
    records, on_time = [], 0
    for activity in (
        Activity.objects.filter(
            scheme__in=_schemes(subject), end_date__gte=start, end_date__lte=end
        )
        .select_related("scheme")
        .order_by("end_date", "code")
    ):
        due = activity.end_date + datetime.timedelta(days=due_days.get(activity.scheme.year, 30))
        ok = activity.results_reported_on is not None and activity.results_reported_on <= due
        on_time += ok
        records.append(
            {
                "kind": "activity",
                "id": activity.pk,
                "code": activity.code,
                "due": due.isoformat(),
                "reported_on": activity.results_reported_on.isoformat()
                if activity.results_reported_on
                else None,
                "on_time": ok,
            }
        )
    return Decimal(on_time), records


REGISTRY: dict[str, Measure] = {
    "schemes_accepted": schemes_accepted,
    "participations": participations,
    "deal_value": deal_value,
    "reports_on_time": reports_on_time,
}


@transaction.atomic
def score_computed(movement, subject, *, period: str, kind: str = "official", actor):
    """Score every computed criterion of `movement` for `subject`, keeping the records behind each."""
    from . import services
    from .models import Score

    criteria = [c for c in movement.criteria.all() if c.computed]
    values = {}
    measured = {}
    for criterion in criteria:
        measure = REGISTRY.get(criterion.computed)
        if measure is None:
            raise services.ServiceError(
                f"Chưa có cách tính “{criterion.computed}” cho tiêu chí “{criterion.name}”."
            )
        raw, records = measure(subject, period)
        values[criterion] = (min(raw, criterion.max_score), "")
        measured[criterion.pk] = records
    assessment = services.record_assessment(
        movement, subject, period=period, kind=kind, scores=values, actor=actor
    )
    for criterion_pk, records in measured.items():
        Score.objects.filter(assessment=assessment, criterion_id=criterion_pk).update(
            records=records
        )
    return assessment
