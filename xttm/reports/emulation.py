"""The emulation dashboard's figures for a year or a movement, each a grouped query (a fixed number).

Access is decided by the view (secretariat, leadership, administrators, the
council); the figures are counts and rankings over the whole agency, which is
what those roles deliberate on, so the querysets here are not narrowed per person.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, F, Max, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from xttm.directory.models import Person, Unit
from xttm.emulation.choices import HonourCode, RegistrationStatus, Scope
from xttm.emulation.models import (
    Assessment,
    Commendation,
    DecisionRecipient,
    Initiative,
    Movement,
    Registration,
    Review,
)

TOP = 20


def movement_choices():
    return list(
        Movement.objects.order_by("-starts_on").values_list("pk", "name", "starts_on", "ends_on")
    )


def figures(year: int, movement_id: int | None = None, *, with_engine: bool = True) -> dict:
    honour = dict(HonourCode.choices)
    registrations = Registration.objects.filter(year=year)
    if movement_id:
        registrations = registrations.filter(movement_id=movement_id)
    by_status = {s: 0 for s in RegistrationStatus.values}
    reg_rows = []
    for row in (
        registrations.values("status", "aimed_code")
        .annotate(n=Count("pk"))
        .order_by("aimed_code", "status")
    ):
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        reg_rows.append(row)
    by_aim: dict = {}
    for row in reg_rows:
        entry = by_aim.setdefault(row["aimed_code"], {s: 0 for s in RegistrationStatus.values})
        entry[row["status"]] += row["n"]

    assessments = Assessment.objects.filter(kind="official")
    if movement_id:
        assessments = assessments.filter(movement_id=movement_id)
    else:
        assessments = assessments.filter(
            movement__starts_on__year__lte=year, movement__ends_on__year__gte=year
        )
    ranking = list(
        assessments.values(
            "person_id", "unit_id", name=Coalesce(F("person__full_name"), F("unit__name"))
        )
        .annotate(score=Max("total"))
        .order_by("-score", "name")[:TOP]
    )

    commendations = Commendation.objects.filter(year=year)
    awards_by_code = list(commendations.values("code").annotate(n=Count("pk")).order_by("code"))
    awards_by_unit = list(
        commendations.values(unit_name=Coalesce(F("unit__name"), F("person__unit__name")))
        .annotate(n=Count("pk"))
        .order_by("-n", "unit_name")
    )
    initiatives = {s: 0 for s in Scope.values}
    for row in Initiative.objects.filter(year=year).values("scope").annotate(n=Count("pk")):
        initiatives[row["scope"]] = row["n"]

    fund_rows = list(
        DecisionRecipient.objects.filter(decision__year=year)
        .values("decision__number", "decision__signed_on", "decision__status")
        .annotate(total=Sum("amount_vnd"), n=Count("pk"))
        .order_by("decision__signed_on", "decision__number")
    )
    fund_total = sum((r["total"] or Decimal(0) for r in fund_rows), Decimal(0))

    today = timezone.localdate()
    deadlines = [
        {
            "label": _("Hạn quyết định danh hiệu thi đua năm {year}").format(year=year),
            "date": datetime.date(year + 1, 1, 31),
        }
    ]
    for name, ends_on in (
        Movement.objects.filter(ends_on__gte=today)
        .order_by("ends_on")
        .values_list("name", "ends_on")[:10]
    ):
        deadlines.append(
            {"label": _("Kết thúc phong trào “{name}”").format(name=name), "date": ends_on}
        )
    for name, kind, held_on in (
        Review.objects.filter(held_on__gte=today)
        .order_by("held_on")
        .values_list("movement__name", "kind", "held_on")[:10]
    ):
        label = _("Sơ kết") if kind == "midterm" else _("Tổng kết")
        deadlines.append({"label": f"{label}: {name}", "date": held_on})
    deadlines = sorted((d for d in deadlines if d["date"] >= today), key=lambda d: d["date"])

    return {
        "year": year,
        "movement_id": movement_id,
        "registrations": {
            "by_status": [
                {"status": s, "label": str(RegistrationStatus(s).label), "n": n}
                for s, n in by_status.items()
            ],
            "by_aim": [
                {"code": code, "label": str(honour.get(code, code)), **counts}
                for code, counts in sorted(by_aim.items())
            ],
            "total": sum(by_status.values()),
        },
        "ranking": ranking,
        "awards_by_code": [
            {**r, "label": str(honour.get(r["code"], r["code"]))} for r in awards_by_code
        ],
        "awards_by_unit": awards_by_unit,
        "initiatives": [
            {"scope": s, "label": str(Scope(s).label), "n": n} for s, n in initiatives.items()
        ],
        "fund": {"rows": fund_rows, "total": fund_total},
        "deadlines": deadlines,
        "eligibility": eligibility_counts(year) if with_engine else None,
    }


def eligibility_counts(year: int) -> dict:
    """How many are eligible for each title, how many are one condition short, from the engine.

    The loader reads everyone in a fixed number of bulk queries; the pure engine
    does the rest in memory.
    """
    from xttm.emulation import loader

    people = list(Person.objects.filter(is_active=True).only("pk"))
    units = list(Unit.objects.filter(is_active=True).only("pk"))
    try:
        facts = loader.load_facts(year, people=people, units=units)
        report = loader.evaluate(facts, year)
    except Exception as exc:  # the engine refuses inconsistent facts; show why, keep the page
        return {"error": str(exc), "rows": []}
    honour = dict(HonourCode.choices)
    counts: dict = {}
    for result in report.results:
        row = counts.setdefault(
            result.code,
            {
                "code": result.code,
                "label": str(honour.get(result.code, result.code)),
                "eligible": 0,
                "one_short": 0,
                "on_hold": 0,
                "needs_judgement": 0,
                "not_eligible": 0,
            },
        )
        if result.verdict == "not_eligible" and len(result.missing) == 1:
            row["one_short"] += 1
        elif result.verdict in row:
            row[result.verdict] += 1
    order = list(HonourCode.values)
    rows = sorted(
        counts.values(), key=lambda r: order.index(r["code"]) if r["code"] in order else 99
    )
    return {"regime": report.regime, "rows": rows, "error": ""}
