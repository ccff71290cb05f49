"""The eligibility engine: facts in, a report of verdicts with reasons out; no database, no Django.

How initiatives are consumed (emulation.md: one initiative, one use):

- an initiative listed in `uses` of a recorded title or award is consumed and
  is never proposed again, except by the re-check of that very record;
- a result never proposes an initiative that a result it relies on (the
  judged year's CSTDCS under a CSTD_BO, say) already proposes, so awarding a
  result together with its prerequisites never uses an initiative twice;
- other results of one person are alternatives: when two of them can only
  rest on the same initiative, both name it and the later one says so in a
  condition; `plan()` picks, in report order, results that never share one.

Each result picks the narrowest, oldest initiatives that satisfy it, in a
fixed order, so wider ones stay free for higher titles and removing a fact
can never make anyone eligible for something they were not.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterable, Mapping
from typing import Any

from .context import Check, Outcome, PersonContext, UnitContext, Verdict
from .explain import LANGS, Code, Codes, DisciplinePeriod, Ids, NoUnit, new_frozen
from .explain import msg as message
from .facts import PERSON_CODES, RATING_RANK, UNIT_CODES, Facts, Person
from .predicates import quota_slots
from .regimes import REGIMES, Quota, Regime, regime_for
from .report import Report, Result, plan

__all__ = ["evaluate", "plan"]


_FROZEN_AT_IMPORT = gc.get_freeze_count()


def _collector_paused(function):
    """Run `function` with Python's cyclic garbage collector paused (resumed after, if it was on).

    A round allocates about a hundred small objects per person, all freed by
    reference counting, yet each allocation burst set off the cyclic collector,
    which rescanned the growing report: half the engine's CPU time at 2,000
    people. Reference counting frees everything as before.

    Before resuming, what was allocated meanwhile is moved to the oldest
    generation (gc.freeze() then gc.unfreeze(): two list splices, no scan).
    Left in the youngest, the whole report (hundreds of thousands of objects
    for a ministry) was scanned by the next young collections, during the
    page that shows it: on the round page that cost as much as the engine.
    Nothing is lost: a full collection still looks at them, and reference
    counting frees them as before. Skipped when more is frozen than at import
    (a server that freezes after start-up for copy-on-write), as unfreeze would
    thaw that too; what Python itself freezes at start (375 objects on 3.12)
    is thawed into the oldest generation, as gc.unfreeze() documents.
    """

    @functools.wraps(function)
    def paused(*args, **kwargs):
        collecting = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if collecting:
                if gc.get_freeze_count() <= _FROZEN_AT_IMPORT:
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()

    return paused


@_collector_paused
def evaluate(
    facts: Facts,
    year: int | None = None,
    *,
    lang: str = "vi",
    settings: Mapping[str, Any] | None = None,
    regimes: Iterable[Regime] = REGIMES,
) -> Report:
    """Judge every person and unit of `facts` for `year` (default: `facts.year`).

    `settings` overrides thresholds by name for this evaluation (the regime's
    dated values otherwise); `regimes` replaces the built-in law2013/law2022.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    year = facts.year if year is None else year
    if year is None:
        raise ValueError("no year to judge: pass year= or set Facts.year")
    regime = regime_for(year, tuple(regimes))
    values = regime.settings_for(year, settings)
    _refuse_duplicate_ids(facts)

    outcomes: dict[str, dict[str, Outcome]] = {person.id: {} for person in facts.people}
    verdicts: dict[str, dict[str, Verdict]] = {person.id: {} for person in facts.people}
    # Each person with their own outcomes and verdicts, looked up once, not per code.
    # `judged`: code -> the result's verdict, worked out with its eligibility in one pass.
    rows = [(person, outcomes[person.id], verdicts[person.id], {}) for person in facts.people]
    # Code by code across everyone, because a quota compares a unit's people
    # before anyone's higher titles may count on the capped one.
    # One context per person, re-aimed at each code (see PersonContext.aim).
    aimed = [
        (PersonContext(person, year, values, "", reached), done, reached, judged)
        for person, done, reached, judged in rows
    ]
    for code in PERSON_CODES:
        rule = regime.rules[code]
        capped = [quota for quota in regime.quotas if quota.code == code]
        for shared, done, reached, judged in aimed:
            context = shared.aim(code)
            outcome = rule(context)
            if code != "LDTT" and context.counted_from is not None:
                if context.dropped_by_discipline():
                    outcome.checks.insert(0, _counted_from_check(context))
            done[code] = outcome
            if not capped:
                # Judged at once: nothing adds a line to this code's results
                # (only a quota does), and no one else's rule reads this verdict.
                _reach(code, outcome, reached, judged)
        if capped:
            for quota in capped:
                _apply_quota(quota, facts, year, values, outcomes, verdicts)
            for _, done, reached, judged in rows:
                _reach(code, done[code], reached, judged)

    results: list[Result] = []
    finals: dict[str, dict[str, str]] = {}
    for person, done, reached, judged in rows:
        results.extend(_person_results(person, done, reached, judged, lang))
        # The final verdicts (code -> verdict, as the results say), for the unit rules.
        finals[person.id] = dict.fromkeys(judged, "on_hold") if person.under_review else judged

    unit_outcomes: dict[str, dict[str, Outcome]] = {unit.id: {} for unit in facts.units}
    tallies: dict[str, dict] = {unit.id: {} for unit in facts.units}
    for code in UNIT_CODES:
        for unit in facts.units:
            done = unit_outcomes[unit.id]
            context = UnitContext(
                unit,
                year,
                values,
                code,
                facts.members(unit.id),
                finals,
                {c: Verdict(o.eligible, (), o.relies_on) for c, o in done.items()},
                tallies[unit.id],
            )
            done[code] = regime.rules[code](context)
    for unit in facts.units:
        for code in UNIT_CODES:
            outcome = unit_outcomes[unit.id][code]
            verdict = _judge(outcome.checks)[1]
            results.append(_result(unit.id, "unit", code, outcome, verdict, lang))
    return Report(year=year, regime=regime.name, lang=lang, results=tuple(results))


_REFUSED = Verdict(False, (), ())


def _reach(
    code: str, outcome: Outcome, reached: dict[str, Verdict], judged: dict[str, str]
) -> None:
    """The verdict of `outcome` for later rules, and its result's verdict, in one pass."""
    eligible, judged[code] = _judge(outcome.checks)
    if not eligible and not outcome.relies_on:
        reached[code] = _REFUSED  # most verdicts; immutable, so shared
        return
    reached[code] = new_frozen(
        Verdict,
        eligible=eligible,
        uses=outcome.uses if eligible else (),
        relies_on=outcome.relies_on,
    )


def _refuse_duplicate_ids(facts: Facts) -> None:
    for kind, items in (("person", facts.people), ("unit", facts.units)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"{kind} id {item.id!r} appears twice")
            seen.add(item.id)


def _counted_from_check(context: PersonContext) -> Check:
    period = context.last_discipline
    assert period is not None and context.counted_from is not None
    discipline = DisciplinePeriod(period.level, period.start, period.end)
    met = context.counted_from <= context.year
    return Check(
        "counted_from",
        message("rule.counted_from", year=context.counted_from, discipline=discipline),
        met,
        (f"counted_from={context.counted_from}",),
        ()
        if met
        else (message("missing.counted_from", year=context.counted_from, discipline=discipline),),
    )


def _apply_quota(
    quota: Quota,
    facts: Facts,
    year: int,
    values: Mapping[str, Any],
    outcomes: dict[str, dict[str, Outcome]],
    verdicts: dict[str, dict[str, Verdict]],
) -> None:
    """Cap `quota.code` within each unit and add the quota line to every candidate."""
    percent = values[quota.percent_setting]
    if percent is None:
        return
    names = {unit.id: unit.name or unit.id for unit in facts.units}
    groups: dict[str | None, list[Person]] = {}
    for person in facts.people:
        groups.setdefault(person.unit, []).append(person)

    def holds_base(person: Person) -> bool:
        if (quota.base_code, year) in person.title_years:
            return True
        # Someone under review is not considered, so does not widen the quota.
        verdict = verdicts[person.id].get(quota.base_code)
        return bool(verdict and verdict.eligible and not person.under_review)

    for unit_id, members in groups.items():
        base = sum(1 for person in members if holds_base(person))
        slots = quota_slots(base, percent)
        candidates = [
            person
            for person in members
            if outcomes[person.id][quota.code].eligible and not person.under_review
        ]

        def rank(person: Person) -> tuple:
            context = PersonContext(person, year, values, quota.code, verdicts[person.id])
            rating = person.ratings.get(year)
            return (-RATING_RANK.get(rating, -1), -context.best_scope(year), person.id)

        ranked = sorted(candidates, key=rank)
        for position, person in enumerate(ranked, start=1):
            met = position <= slots
            unit_label = names.get(unit_id, unit_id) if unit_id else None
            missing = ()
            if not met:
                missing = (
                    message(
                        "missing.quota",
                        percent=percent,
                        unit=unit_label or NoUnit(),
                        base_count=base,
                        base=Code(quota.base_code),
                        slots=slots,
                        title=Code(quota.code),
                        rank=position,
                        candidates=len(ranked),
                    ),
                )
            outcomes[person.id][quota.code].checks.append(
                Check(
                    "quota",
                    message(
                        "rule.quota",
                        title=Code(quota.code),
                        percent=percent,
                        base=Code(quota.base_code),
                    ),
                    met,
                    (
                        f"unit={unit_id or ''}",
                        f"{quota.base_code.lower()}={base}",
                        f"slots={slots}",
                        f"rank={position}",
                        f"candidates={len(ranked)}",
                    ),
                    missing,
                )
            )


def _person_results(
    person: Person,
    outcomes: Mapping[str, Outcome],
    verdicts: Mapping[str, Verdict],
    judged: Mapping[str, str],
    lang: str,
) -> list[Result]:
    results = []
    proposed: dict[str, list[str]] = {}  # initiative id -> codes proposing it so far
    for code in PERSON_CODES:
        outcome = outcomes[code]
        checks = outcome.checks
        if person.under_review:
            checks = list(checks)
            # Decree 98/2023 Art 4: not considered until the review ends; the
            # other lines still show how the person would stand.
            checks.insert(
                0,
                Check(
                    "under_review",
                    message("rule.under_review"),
                    False,
                    ("under_review=true",),
                    (message("missing.under_review"),),
                ),
            )
        elif verdicts[code].eligible and outcome.uses:
            shared = [i for i in outcome.uses if i in proposed]
            if shared:
                checks = list(checks)
                codes = sorted({c for i in shared for c in proposed[i]}, key=PERSON_CODES.index)
                checks.append(
                    Check(
                        "shared",
                        message("rule.shared", ids=Ids(shared), titles=Codes(codes)),
                        True,
                        tuple(shared),
                    )
                )
            for initiative_id in outcome.uses:
                proposed.setdefault(initiative_id, []).append(code)
        # Neither added line changes the verdict: under review is on hold
        # whatever the lines say, and a shared line is met.
        verdict = "on_hold" if person.under_review else judged[code]
        # _result(person.id, "person", code, outcome, verdict, lang, checks), inlined:
        # made for every person and code, where two calls a result showed.
        result = _new_object(Result)
        _set_fields(
            result,
            "__dict__",
            {
                "subject": person.id,
                "subject_kind": "person",
                "code": code,
                "verdict": verdict,
                "checks": tuple(checks),
                "uses": tuple(outcome.uses) if verdict == "eligible" else (),
                "relies_on": tuple(outcome.relies_on),
                "lang": lang,
            },
        )
        results.append(result)
    return results


_new_object = object.__new__
_set_fields = object.__setattr__  # Result is frozen: its own __setattr__ refuses


def _judge(checks: list[Check]) -> tuple[bool, str]:
    """(every line met, the verdict) in one pass.

    It stops at the first unmet line that is not left to the council: the
    verdict is not_eligible there, and the lines after it may be
    DeferredChecks that nothing should work out.
    """
    met, pending = True, False
    for check in checks:
        if not check.met:
            if not check.pending:
                return False, "not_eligible"
            met = False
            pending = True
        elif check.pending:
            pending = True
    return met, "needs_judgement" if pending else "eligible"


def _result(
    subject: str,
    kind: str,
    code: str,
    outcome: Outcome,
    verdict: str,
    lang: str,
    checks: list[Check] | None = None,
) -> Result:
    """The result of `outcome`, with `checks` instead of its own when lines were added."""
    return new_frozen(
        Result,
        subject=subject,
        subject_kind=kind,
        code=code,
        verdict=verdict,
        # Conditions and texts are made only when read (Result.conditions, .missing).
        checks=tuple(outcome.checks if checks is None else checks),
        uses=tuple(outcome.uses) if verdict == "eligible" else (),
        relies_on=tuple(outcome.relies_on),
        lang=lang,
    )
