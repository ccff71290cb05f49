"""The rules of emulation.md section 3 as small predicates: a context in, an outcome out.

Regimes (regimes.py) map each code to one of these functions and hold every
threshold they read as a dated setting, so a new regime is mostly data.
"""

from __future__ import annotations

import calendar
import functools
from datetime import date
from fractions import Fraction
from math import ceil, floor

from .context import (
    Check,
    Outcome,
    PersonContext,
    UnitContext,
    deferred,
    deferred_checks,
    disciplined_in,
    evidence_of,
)
from .explain import (
    AwardKind,
    Code,
    CountedLeave,
    DisciplinePeriod,
    Ids,
    Level,
    Span,
    Years,
    msg,
)
from .facts import RATING_RANK, Award, Discipline, Leave


# Remembered: the rule asks the same (31 December, -6 months) for every person.
@functools.lru_cache(maxsize=4096)
def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def percent_of(total: int, percent) -> Fraction:
    # Fractions, not floats: 20 x 15% must be exactly 3, never 2.9999.
    return Fraction(total) * Fraction(str(percent)) / 100


def _title_in_year(ctx: PersonContext, code: str) -> tuple[Check, tuple[str, ...]]:
    year = ctx.year
    held = ctx.title_held(code, year)
    check = deferred(f"title:{code}", held is not None, _title_in_year_line, code, year, held)
    return check, (code,) if held == "verdict" else ()


def _title_in_year_line(code: str, year: int, held: str | None) -> Check:
    return Check(
        f"title:{code}",
        msg("rule.title_in_year", title=Code(code), year=year),
        held is not None,
        (year,) if held else (),
        () if held else (msg("missing.title_in_year", title=Code(code), year=year),),
    )


def _title_span(ctx: PersonContext, code: str, first: int) -> tuple[Check, tuple[str, ...]]:
    last = ctx.year
    held = {year: ctx.title_held(code, year) for year in range(first, last + 1)}
    lacking = [year for year, how in held.items() if not how]
    check = deferred(
        f"span:{code}", not lacking, _title_span_line, ctx, code, first, last, held, lacking
    )
    return check, (code,) if held[last] == "verdict" else ()


def _title_span_line(
    ctx: PersonContext,
    code: str,
    first: int,
    last: int,
    held: dict[int, str | None],
    lacking: list[int],
) -> Check:
    count = last - first + 1
    open_years, blocked = ctx.after_discipline(lacking, count)
    return Check(
        f"span:{code}",
        msg("rule.title_consecutive", title=Code(code), count=count, first=first, last=last),
        not lacking,
        tuple(year for year, how in held.items() if how),
        (
            *blocked,
            *(
                msg("missing.title_for_consecutive", title=Code(code), year=year, count=count)
                for year in open_years
            ),
        ),
    )


# Individuals ---------------------------------------------------------------


def _working_time(ctx: PersonContext) -> Check:
    """Working time in the year: from recruitment, less leave that does not count.

    Maternity leave, injury treatment and training under a year count as
    working time (Decree 98/2023 Art 4; Circular 01/2024 Art 1.5).
    """
    settings, year, person = ctx.settings, ctx.year, ctx.person
    months = settings["ldtt_min_months"]
    counted_kinds = tuple(settings["counted_leave_kinds"])
    training_months = settings["training_counted_below_months"]
    first_day, last_day, next_year = date(year, 1, 1), date(year, 12, 31), date(year + 1, 1, 1)
    # "Recruited at least N months before year end", in days, so that leave can
    # be taken off the same measure: 6 months = 1 July to 31 December = 184 days.
    required = (next_year - add_months(next_year, -months)).days
    start = max(person.recruited_on or first_day, first_day)
    employed = max(0, (next_year - start).days)
    leaves: list[tuple[bool, Leave]] = []  # (counted, leave) touching the year, in order
    off: set[int] = set()
    for leave in sorted(person.leave, key=lambda item: (item.start, item.end, item.kind)):
        if leave.end < first_day or leave.start > last_day:
            continue
        counted = leave.kind in counted_kinds and (
            leave.kind != "training" or add_months(leave.start, training_months) > leave.end
        )
        leaves.append((counted, leave))
        if not counted:
            begin, end = max(leave.start, start), min(leave.end, last_day)
            off.update(range(begin.toordinal(), end.toordinal() + 1))
    days = employed - len(off)
    met = days >= required
    # The days decide the verdict; the words are made only when read.
    return deferred(
        "working_time",
        met,
        _working_time_line,
        person.recruited_on,
        year,
        months,
        counted_kinds,
        training_months,
        leaves,
        days,
        required,
        len(off),
        met,
    )


def _working_time_line(
    recruited_on: date | None,
    year: int,
    months: int,
    counted_kinds: tuple[str, ...],
    training_months: int,
    leaves: list[tuple[bool, Leave]],
    days: int,
    required: int,
    off: int,
    met: bool,
) -> Check:
    """The words of _working_time's line; `off`: the days of leave that do not count."""
    first_day = date(year, 1, 1)
    evidence: list[int | str] = []
    if recruited_on:
        evidence.append(f"recruited_on={recruited_on.isoformat()}")
    for counted, leave in leaves:
        label = "counted_leave" if counted else "leave"
        evidence.append(f"{label}={leave.kind}:{leave.start.isoformat()}/{leave.end.isoformat()}")
    evidence += [f"working_days={days}", f"required_days={required}"]
    missing = ()
    if not met and not off and recruited_on and recruited_on > first_day:
        missing = (
            msg(
                "missing.recruited_late",
                recruited=recruited_on,
                days=days,
                year=year,
                months=months,
                required=required,
            ),
        )
    elif not met:
        missing = (
            msg(
                "missing.working_time",
                days=days,
                year=year,
                off=off,
                months=months,
                required=required,
            ),
        )
    return Check(
        "working_time",
        msg(
            "rule.working_time",
            months=months,
            year=year,
            counted=CountedLeave(counted_kinds, training_months),
        ),
        met,
        tuple(evidence),
        missing,
    )


def ldtt(ctx: PersonContext) -> Outcome:
    """LDTT: rating, working time in the year, no discipline in the year."""
    settings, year, person = ctx.settings, ctx.year, ctx.person
    minimum = settings["ldtt_min_rating"]
    rating = person.ratings.get(year)
    rated = rating is not None and RATING_RANK[rating] >= RATING_RANK[minimum]
    level = settings["ldtt_discipline_from_level"]
    periods = disciplined_in(person, year, level)

    # Everyone is judged for LDTT; the words of its lines are made only when read.
    return Outcome(
        [
            deferred("rating", rated, _ldtt_rating_line, minimum, year, rating, rated),
            _working_time(ctx),
            deferred("discipline", not periods, _ldtt_discipline_line, level, year, periods),
        ]
    )


def _ldtt_rating_line(minimum: str, year: int, rating: str | None, rated: bool) -> Check:
    return Check(
        "rating",
        msg("rule.rating_at_least", rating=minimum, year=year),
        rated,
        (f"{year}={rating}",) if rating else (),
        () if rated else (msg("missing.rating_at_least", rating=minimum, year=year, now=rating),),
    )


def _ldtt_discipline_line(level: str, year: int, periods: list[Discipline]) -> Check:
    return Check(
        "discipline",
        msg("rule.no_discipline", level=Level(level), year=year),
        not periods,
        tuple(evidence_of(period) for period in periods),
        tuple(
            msg(
                "missing.disciplined",
                discipline=DisciplinePeriod(period.level, period.start, period.end),
                year=year,
            )
            for period in periods
        ),
    )


def cstdcs_rating_or_initiative(ctx: PersonContext) -> Outcome:
    """CSTDCS under law2022: LDTT and (HTXSNV, or an unused initiative or S&T project)."""
    year = ctx.year
    ldtt_check, relied = _title_in_year(ctx, "LDTT")
    if ctx.rating(year) == "HTXSNV":
        # The rating suffices, so no initiative is spent on this title.
        rule = msg("rule.cstdcs_basis", year=year)
        return Outcome([ldtt_check, Check("basis", rule, True, (f"{year}=HTXSNV",))], (), relied)
    if not ldtt_check.met:
        # Refused on LDTT (a quarter of people): the basis is worked out only when read.
        return Outcome(
            [ldtt_check, *deferred_checks(["basis"], _cstdcs_basis_lines, ctx, relied)], (), relied
        )
    found, uses = _cstdcs_initiative(ctx, relied)
    basis = deferred("basis", found.met, _cstdcs_basis_line, found, year)
    return Outcome([ldtt_check, basis], uses, relied)


def _cstdcs_initiative(
    ctx: PersonContext, relied: tuple[str, ...]
) -> tuple[Check, tuple[str, ...]]:
    year = ctx.year
    return ctx.initiatives_check(
        count=1,
        min_scope=ctx.settings["cstdcs_min_scope"],
        first=year,
        last=year,
        relied=relied,
    )


def _cstdcs_basis_lines(ctx: PersonContext, relied: tuple[str, ...]) -> list[Check]:
    """The basis line of someone refused LDTT (so not HTXSNV-rated either), worked out when read."""
    return [_cstdcs_basis_line(_cstdcs_initiative(ctx, relied)[0], ctx.year)]


def _cstdcs_basis_line(found: Check, year: int) -> Check:
    rule = msg("rule.cstdcs_basis", year=year)
    missing = () if found.met else (msg("missing.cstdcs_basis", year=year), *found.missing[1:])
    return Check("basis", rule, found.met, found.evidence, missing)


def cstdcs_initiative_required(ctx: PersonContext) -> Outcome:
    """CSTDCS under law2013: LDTT and an initiative, always (the quota is applied by the engine)."""
    ldtt_check, relied = _title_in_year(ctx, "LDTT")
    if not ldtt_check.met:
        # Refused on LDTT: the initiative line is worked out only when read.
        lines = deferred_checks(["initiative"], _cstdcs_initiative_lines, ctx, relied)
        return Outcome([ldtt_check, *lines], (), relied)
    found, uses = _cstdcs_initiative(ctx, relied)
    check = deferred("initiative", found.met, _cstdcs_initiative_line, found, ctx.year)
    return Outcome([ldtt_check, check], uses, relied)


def _cstdcs_initiative_lines(ctx: PersonContext, relied: tuple[str, ...]) -> list[Check]:
    return [_cstdcs_initiative_line(_cstdcs_initiative(ctx, relied)[0], ctx.year)]


def _cstdcs_initiative_line(found: Check, year: int) -> Check:
    missing = () if found.met else (msg("missing.cstdcs_initiative", year=year), *found.missing[1:])
    rule = msg("rule.cstdcs_initiative", year=year)
    return Check("initiative", rule, found.met, found.evidence, missing)


def cstd_bo(ctx: PersonContext) -> Outcome:
    """CSTD_BO: CSTDCS in N consecutive years ending now, and a ministry-scope initiative in them."""
    settings, year = ctx.settings, ctx.year
    first = year - settings["cstd_bo_years"] + 1
    span, relied = _title_span(ctx, "CSTDCS", first)
    return _then_initiatives(
        ctx,
        span,
        count=1,
        min_scope=settings["cstd_bo_min_scope"],
        first=first,
        last=year,
        relied=relied,
    )


def _then_initiatives(ctx: PersonContext, check: Check, **initiatives) -> Outcome:
    """`check`, then ctx.initiatives_check(**initiatives): worked out only when read if `check` failed.

    A failed first line decides the verdict (not_eligible, nothing used), and
    most people's CSTD_BO and CSTD_TQ fail on the titles, so their initiative
    line is rarely read; when it is, it is the same line.
    """
    relied = initiatives["relied"]
    if not check.met:
        found = deferred_checks(["initiatives"], _initiatives_lines, ctx, initiatives)
        return Outcome([check, *found], (), relied)
    found, uses = ctx.initiatives_check(**initiatives)
    return Outcome([check, found], uses, relied)


def _initiatives_lines(ctx: PersonContext, initiatives: dict) -> list[Check]:
    return [ctx.initiatives_check(**initiatives)[0]]


def cstd_tq(ctx: PersonContext) -> Outcome:
    """CSTD_TQ: two consecutive CSTD_BO, the second ending now, and a national-scope initiative."""
    settings, year = ctx.settings, ctx.year
    period = settings["cstd_bo_years"]
    earlier = year - period
    held = {earlier: ctx.title_held("CSTD_BO", earlier), year: ctx.title_held("CSTD_BO", year)}
    lacking = [when for when, how in held.items() if not how]
    twice = deferred("twice:CSTD_BO", not lacking, _twice_line, ctx, period, earlier, held, lacking)
    relied = ("CSTD_BO",) if held[year] == "verdict" else ()
    return _then_initiatives(
        ctx,
        twice,
        count=1,
        min_scope=settings["cstd_tq_min_scope"],
        first=earlier - period + 1,
        last=year,
        relied=relied,
    )


def _twice_line(
    ctx: PersonContext,
    period: int,
    earlier: int,
    held: dict[int, str | None],
    lacking: list[int],
) -> Check:
    year = ctx.year
    open_years, blocked = ctx.after_discipline(lacking, 2 * period)
    return Check(
        "twice:CSTD_BO",
        msg("rule.title_twice", title=Code("CSTD_BO"), first=earlier, last=year),
        not lacking,
        tuple(when for when, how in held.items() if how),
        (
            *blocked,
            *(
                msg("missing.title_for_twice", title=Code("CSTD_BO"), year=when)
                for when in open_years
            ),
        ),
    )


def bk_bo(ctx: PersonContext) -> Outcome:
    """BK_BO, criterion d: CSTDCS or HTXSNV in consecutive years, and unused initiatives in them.

    Criteria a–c are judgement calls the engine never makes: when d is not met
    the verdict is not_eligible with a line leaving a–c to the council.
    """
    settings, year = ctx.settings, ctx.year
    needed, count, scope = (
        settings["bk_bo_years"],
        settings["bk_bo_initiatives"],
        settings["bk_bo_min_scope"],
    )
    routes = []
    titles = ctx.run(lambda when: ctx.title_held("CSTDCS", when) is not None)
    if len(titles) >= needed:
        relied = ("CSTDCS",) if ctx.title_held("CSTDCS", year) == "verdict" else ()
        routes.append(("CSTDCS", titles, relied))
    ratings = ctx.run(lambda when: ctx.rating(when) == "HTXSNV")
    if len(ratings) >= needed:
        routes.append(("HTXSNV", ratings, ()))
    tried = []
    for route in routes:
        _, run, relied = route
        found = ctx.initiatives_check(
            count=count, min_scope=scope, first=run[0], last=year, relied=relied
        )
        tried.append((route, found))
    # The first route that works; else the first that at least has the years.
    chosen = next((item for item in tried if item[1][0].met), tried[0] if tried else None)
    if chosen:
        (kind, run, relied), (found, uses) = chosen
        if kind == "CSTDCS":
            rule = msg(
                "rule.title_consecutive",
                title=Code("CSTDCS"),
                count=len(run),
                first=run[0],
                last=year,
            )
            basis = Check("basis", rule, True, tuple(run))
        else:
            rule = msg(
                "rule.rating_consecutive", rating="HTXSNV", count=len(run), first=run[0], last=year
            )
            basis = Check("basis", rule, True, tuple(f"{when}=HTXSNV" for when in run))
    else:
        first = year - needed + 1
        # Neither route has the years: refused here; its words wait until read.
        basis = deferred("basis", False, _bk_bo_basis_line, ctx, first, needed)
        relied = ()
        # The basis failed, so the initiatives line is worked out only when read.
        (found,) = deferred_checks(
            ["initiatives"],
            _initiatives_lines,
            ctx,
            {"count": count, "min_scope": scope, "first": first, "last": year},
        )
        uses = ()
    checks = [basis, found]
    if not (basis.met and found.met):
        # Unmet whatever the facts; its words are made only when read.
        checks.append(deferred("council", False, _bk_bo_council_line))
    return Outcome(checks, uses, relied)


def _bk_bo_council_line() -> Check:
    return Check("council", msg("rule.bk_bo_council"), False, (), (msg("missing.bk_bo_council"),))


def _bk_bo_basis_line(ctx: PersonContext, first: int, needed: int) -> Check:
    year = ctx.year
    span = range(first, year + 1)
    no_title, blocked = ctx.after_discipline(
        [w for w in span if ctx.title_held("CSTDCS", w) is None], needed
    )
    no_rating, _ = ctx.after_discipline([w for w in span if ctx.rating(w) != "HTXSNV"], needed)
    missing = blocked or (
        msg(
            "missing.bk_bo_basis",
            cstdcs_years=Years(no_title),
            htxsnv_years=Years(no_rating),
            count=needed,
        ),
    )
    rule = msg("rule.bk_bo_basis", count=needed, year=year)
    return Check("basis", rule, False, (), missing)


def _after_award(
    ctx: PersonContext,
    *,
    prerequisite: str,
    years: int,
    min_rating: str,
    cstdcs: int = 0,
    htxsnv: int = 0,
    initiatives: int = 0,
    min_scope: str = "unit",
) -> Outcome:
    """Holds a periodic `prerequisite`, then `years`+ consecutive years rated `min_rating`+ up to now.

    Shared by BK_TTG and HCLD_3; counts of CSTDCS years, HTXSNV years and
    initiatives inside that run are switched on by non-zero settings.
    """
    year = ctx.year
    kinds = tuple(ctx.settings["prerequisite_award_kinds"])
    earlier: list[Award] | tuple[()] = ()
    base = None
    if ctx.person.awards:  # most people have none: nothing to sort
        earlier = sorted(
            (a for a in ctx.person.awards if a.code == prerequisite and a.year < year),
            key=_award_order,
        )
        # The earliest qualifying award leaves the longest run after it.
        base = next((a for a in earlier if a.kind in kinds and ctx.counts(a.year)), None)

    held_check = deferred(
        f"award:{prerequisite}",
        base is not None,
        _award_held_line,
        ctx,
        prerequisite,
        base,
        earlier,
        kinds,
    )
    if base is not None:
        checks, uses, relied = _after_award_lines(
            ctx,
            base,
            prerequisite=prerequisite,
            years=years,
            min_rating=min_rating,
            cstdcs=cstdcs,
            htxsnv=htxsnv,
            initiatives=initiatives,
            min_scope=min_scope,
        )
        return Outcome([held_check, *checks], uses, relied)
    # Refused on the first line, so the other lines are worked out only when
    # read (most people hold no BK_BO, and a round reads few BK_TTG lines).
    # Without a base the run ends at the judged year exactly when that year is
    # rated well enough, so whether it leans on this year's CSTDCS is known now.
    leans = cstdcs and ctx.rated_at_least(year, min_rating)
    relied = ("CSTDCS",) if leans and ctx.title_held("CSTDCS", year) == "verdict" else ()
    keys = _tail_keys(bool(cstdcs), bool(htxsnv), bool(initiatives))
    tail = deferred_checks(
        keys,
        _after_award_tail,
        ctx,
        prerequisite,
        years,
        min_rating,
        cstdcs,
        htxsnv,
        initiatives,
        min_scope,
    )
    return Outcome([held_check, *tail], (), relied)


def _award_order(award: Award) -> tuple[int, str]:
    return (award.year, award.kind)


@functools.cache
def _tail_keys(cstdcs: bool, htxsnv: bool, initiatives: bool) -> tuple[str, ...]:
    """The keys of _after_award_lines' lines, by which counts the regime switches on."""
    return (
        "rating_run",
        *(["count:CSTDCS"] if cstdcs else []),
        *(["count:HTXSNV"] if htxsnv else []),
        *(["initiatives"] if initiatives else []),
    )


def _award_held_line(
    ctx: PersonContext,
    prerequisite: str,
    base: Award | None,
    earlier: list[Award] | tuple[()],
    kinds: tuple[str, ...],
) -> Check:
    held_missing = ()
    if base is None:
        notes = [msg("missing.award_held", title=Code(prerequisite))]
        for award in earlier:
            if award.kind not in kinds:
                notes.append(
                    msg(
                        "missing.award_not_counted",
                        title=Code(prerequisite),
                        year=award.year,
                        kind=AwardKind(award.kind),
                    )
                )
            elif not ctx.counts(award.year):
                notes.append(
                    msg(
                        "missing.award_before_discipline",
                        title=Code(prerequisite),
                        year=award.year,
                    )
                )
        held_missing = tuple(notes)
    return Check(
        f"award:{prerequisite}",
        msg("rule.award_held", title=Code(prerequisite)),
        base is not None,
        (base.year,) if base else (),
        held_missing,
    )


def _after_award_tail(
    ctx: PersonContext,
    prerequisite: str,
    years: int,
    min_rating: str,
    cstdcs: int,
    htxsnv: int,
    initiatives: int,
    min_scope: str,
) -> list[Check]:
    """The lines of _after_award after the prerequisite's, for someone who does not hold it."""
    return _after_award_lines(
        ctx,
        None,
        prerequisite=prerequisite,
        years=years,
        min_rating=min_rating,
        cstdcs=cstdcs,
        htxsnv=htxsnv,
        initiatives=initiatives,
        min_scope=min_scope,
    )[0]


def _after_award_lines(
    ctx: PersonContext,
    base: Award | None,
    *,
    prerequisite: str,
    years: int,
    min_rating: str,
    cstdcs: int,
    htxsnv: int,
    initiatives: int,
    min_scope: str,
) -> tuple[list[Check], tuple[str, ...], tuple[str, ...]]:
    """The lines of _after_award after the prerequisite's, the initiatives used, the codes relied on."""
    year = ctx.year
    checks: list[Check] = []
    run = ctx.run(
        lambda when: ctx.rated_at_least(when, min_rating), after=base.year if base else None
    )
    run_met = len(run) >= years
    run_missing = ()
    if not run_met:
        lacking, blocked = ctx.after_discipline(
            [
                when
                for when in range(year - years + 1, year + 1)
                if not ctx.rated_at_least(when, min_rating)
            ],
            years,
        )
        if base is not None and year - base.year < years:
            run_missing = (
                msg(
                    "missing.too_soon",
                    have=year - base.year,
                    title=Code(prerequisite),
                    base=base.year,
                    count=years,
                    earliest=base.year + years,
                ),
            )
        elif blocked:
            run_missing = blocked
        elif lacking:
            run_missing = (
                msg("missing.rating_years", rating=min_rating, years=Years(lacking), count=years),
            )
    checks.append(
        Check(
            "rating_run",
            msg(
                "rule.rating_run_after",
                rating=min_rating,
                count=years,
                year=year,
                title=Code(prerequisite),
            ),
            run_met,
            tuple(f"{when}={ctx.rating(when)}" for when in run),
            run_missing,
        )
    )

    first = run[0] if run else year - years + 1
    span = Span(first, year)
    relied: tuple[str, ...] = ()
    if cstdcs:
        held = {when: ctx.title_held("CSTDCS", when) for when in run}
        have = [when for when in run if held[when]]
        relied = ("CSTDCS",) if held.get(year) == "verdict" else ()
        checks.append(
            Check(
                "count:CSTDCS",
                msg("rule.title_count", count=cstdcs, title=Code("CSTDCS")),
                len(have) >= cstdcs,
                tuple(have),
                ()
                if len(have) >= cstdcs
                else (
                    msg(
                        "missing.title_count",
                        lacking=cstdcs - len(have),
                        title=Code("CSTDCS"),
                        span=span,
                    ),
                ),
            )
        )
    if htxsnv:
        have = [when for when in run if ctx.rating(when) == "HTXSNV"]
        checks.append(
            Check(
                "count:HTXSNV",
                msg("rule.rating_count", count=htxsnv, rating="HTXSNV"),
                len(have) >= htxsnv,
                tuple(f"{when}=HTXSNV" for when in have),
                ()
                if len(have) >= htxsnv
                else (
                    msg(
                        "missing.rating_count",
                        lacking=htxsnv - len(have),
                        rating="HTXSNV",
                        span=span,
                    ),
                ),
            )
        )
    uses: tuple[str, ...] = ()
    if initiatives:
        found, uses = ctx.initiatives_check(
            count=initiatives, min_scope=min_scope, first=first, last=year, relied=relied
        )
        checks.append(found)
    return checks, uses, relied


def bk_ttg(ctx: PersonContext) -> Outcome:
    """BK_TTG: a periodic BK_BO, then a run of good years (with CSTDCS or initiatives, per regime)."""
    settings = ctx.settings
    return _after_award(
        ctx,
        prerequisite="BK_BO",
        years=settings["bk_ttg_years"],
        min_rating=settings["bk_ttg_min_rating"],
        cstdcs=settings["bk_ttg_cstdcs_years"],
        initiatives=settings["bk_ttg_initiatives"],
        min_scope=settings["bk_ttg_min_scope"],
    )


def hcld_3(ctx: PersonContext) -> Outcome:
    """HCLD_3: a periodic BK_TTG, then a run of good years with HTXSNV and CSTDCS years."""
    settings = ctx.settings
    return _after_award(
        ctx,
        prerequisite="BK_TTG",
        years=settings["hcld3_years"],
        min_rating=settings["hcld3_min_rating"],
        cstdcs=settings["hcld3_cstdcs_years"],
        htxsnv=settings["hcld3_htxsnv_years"],
    )


# Collectives ---------------------------------------------------------------


def _unit_rating(ctx: UnitContext, minimum: str) -> Check:
    year = ctx.year
    rating = ctx.unit.ratings.get(year)
    met = rating is not None and RATING_RANK[rating] >= RATING_RANK[minimum]
    return Check(
        "unit_rating",
        msg("rule.unit_rating", rating=minimum, year=year),
        met,
        (f"{year}={rating}",) if rating else (),
        () if met else (msg("missing.unit_rating", rating=minimum, year=year, now=rating),),
    )


def _members_ldtt(ctx: UnitContext, percent) -> Check:
    year, total = ctx.year, len(ctx.members)
    have = len(ctx.holders("LDTT"))
    need = ceil(percent_of(total, percent))
    met = total > 0 and have >= need
    missing = ()
    if total == 0:
        missing = (msg("missing.no_members"),)
    elif not met:
        missing = (
            msg(
                "missing.members_ldtt",
                lacking=need - have,
                year=year,
                have=have,
                total=total,
                need=need,
            ),
        )
    return Check(
        "members_ldtt",
        msg("rule.members_ldtt", percent=percent, year=year),
        met,
        (f"ldtt={have}", f"members={total}"),
        missing,
    )


def _members_complete(ctx: UnitContext, percent, minimum: str) -> Check:
    year, total = ctx.year, len(ctx.members)

    def complete(person) -> bool:
        rating = person.ratings.get(year)
        return rating is not None and RATING_RANK[rating] >= RATING_RANK[minimum]

    # A member with no rating has not been shown to complete their tasks.
    behind = [person.id for person in ctx.members if not complete(person)]
    need = ceil(percent_of(total, percent))
    met = total > 0 and total - len(behind) >= need
    missing = ()
    if total == 0:
        missing = (msg("missing.no_members"),)
    elif not met:
        missing = (msg("missing.members_complete", year=year, ids=Ids(behind)),)
    return Check(
        "members_complete",
        msg("rule.members_complete", percent=percent, rating=minimum, year=year),
        met,
        (f"complete={total - len(behind)}", f"members={total}"),
        missing,
    )


def _members_cstdcs(ctx: UnitContext, count: int) -> Check:
    year = ctx.year
    holders = ctx.holders("CSTDCS")
    met = len(holders) >= count
    return Check(
        "members_cstdcs",
        msg("rule.members_cstdcs", count=count, year=year),
        met,
        tuple(holders),
        () if met else (msg("missing.members_cstdcs", count=count, year=year),),
    )


def _members_discipline(ctx: UnitContext, level: str) -> Check:
    year = ctx.year
    hits = ctx.disciplined(level)
    return Check(
        "members_discipline",
        msg("rule.members_discipline", level=Level(level), year=year),
        not hits,
        tuple(hits),
        ()
        if not hits
        else (msg("missing.members_disciplined", level=Level(level), year=year, ids=Ids(hits)),),
    )


def ttldtt(ctx: UnitContext) -> Outcome:
    """TTLDTT: unit rated well, most members LDTT, no member disciplined at warning or above."""
    settings = ctx.settings
    return Outcome(
        [
            _unit_rating(ctx, settings["ttldtt_min_rating"]),
            _members_ldtt(ctx, settings["ttldtt_ldtt_percent"]),
            _members_discipline(ctx, settings["collective_discipline_from_level"]),
        ]
    )


def ttldxs(ctx: UnitContext) -> Outcome:
    """TTLDXS: unit HTXSNV, all complete, most LDTT, a CSTDCS, no serious discipline."""
    settings = ctx.settings
    return Outcome(
        [
            _unit_rating(ctx, settings["ttldxs_min_rating"]),
            _members_complete(
                ctx, settings["ttldxs_complete_percent"], settings["ttldxs_complete_min_rating"]
            ),
            _members_ldtt(ctx, settings["ttldxs_ldtt_percent"]),
            _members_cstdcs(ctx, settings["ttldxs_min_cstdcs"]),
            _members_discipline(ctx, settings["collective_discipline_from_level"]),
        ]
    )


def co_td_bo(ctx: UnitContext) -> Outcome:
    """CO_TD_BO: TTLDXS in the year and leads its emulation cluster (the cluster's vote)."""
    year = ctx.year
    held = ctx.title_held("TTLDXS")
    leads = ctx.unit.leads_cluster.get(year) is True
    return Outcome(
        [
            Check(
                "title:TTLDXS",
                msg("rule.title_in_year", title=Code("TTLDXS"), year=year),
                held is not None,
                (year,) if held else (),
                () if held else (msg("missing.title_in_year", title=Code("TTLDXS"), year=year),),
            ),
            Check(
                "leads_cluster",
                msg("rule.leads_cluster", year=year),
                leads,
                (year,) if leads else (),
                () if leads else (msg("missing.leads_cluster", year=year),),
            ),
        ],
        (),
        ("TTLDXS",) if held == "verdict" else (),
    )


def quota_slots(base: int, percent) -> int:
    """How many may hold a capped title: "at most N%", so rounded down."""
    return floor(percent_of(base, percent))
