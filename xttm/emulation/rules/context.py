"""What a rule may ask about its subject: the facts of one year, seen through the regime's settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .explain import Code, Msg, ScopeAtLeast, Span, msg
from .facts import (
    DISCIPLINE_RANK,
    RATING_RANK,
    SCOPE_RANK,
    Discipline,
    Initiative,
    Person,
    Unit,
    consumed_initiatives,
)

# How far back a run of consecutive years may reach; no career is longer.
MAX_RUN = 60


@dataclass
class Check:
    """One condition before rendering. `pending`: left to the council (needs_judgement)."""

    key: str
    rule: Msg
    met: bool
    evidence: tuple[int | str, ...] = ()
    missing: tuple[Msg, ...] = ()
    pending: bool = False


class _Settled:
    """A field of a DeferredCheck: its own value once known, else the check is worked out first.

    A class attribute, so it hides Check's defaults (`missing=()`, …) that
    would otherwise answer for a line not worked out yet; it has no __set__,
    so a value in the instance (a `met` given up front) wins without a call.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, check: DeferredCheck | None, owner: type):
        if check is None:
            return self
        fields = check.__dict__
        if self.name not in fields:
            check._settle()
        return fields[self.name]


class DeferredCheck(Check):
    """A check whose texts (and, when not given, `met`) are worked out on first read.

    On first read it becomes the plain Check that `work()` makes. A round
    judges thousands of people and reads a few hundred results, so the texts
    (two to five `Msg`s a line, evidence strings) are mostly never needed:

    - with `met` given, the verdict reads it without settling (a failed line
      is still known to fail; only its words wait);
    - without it, for the lines after a result's first unmet one: the verdict
      is decided there (not_eligible, uses nothing), so nothing reads them
      (the rating run, counts and initiatives of a BK_TTG without a BK_BO).

    `work()` runs later, so it may only read what no later rule changes (the
    person, the settings, verdicts of earlier codes), and it must make the
    very line an eager evaluation makes (bench/rules_output.py compares).
    """

    def __init__(self, key: str, work: Callable[..., Check], *args: Any, met: bool | None = None):
        # `work(*args)`: a module function and its arguments rather than a
        # closure, where a rule makes one for every person. A closure keeps a
        # cell per variable it reads (about eighty a person, held by the report
        # until read or dropped); the arguments are one tuple.
        fields = self.__dict__
        fields["key"] = key
        fields["_work"] = work
        if args:
            fields["_args"] = args
        if met is not None:
            fields["met"] = met
            fields["pending"] = False

    def _settle(self) -> None:
        fields = self.__dict__
        work = fields.pop("_work", None)
        if work is not None:
            done = work(*fields.pop("_args", ()))
            if isinstance(done, DeferredCheck):  # a line that defers its own words
                done._settle()
            assert done.met == fields.get("met", done.met) and (
                "pending" not in fields or not done.pending
            ), (self.key, "deferred line differs from the one its verdict read")
            fields.update(vars(done))
            self.__class__ = Check

    rule = _Settled()
    met = _Settled()
    evidence = _Settled()
    missing = _Settled()
    pending = _Settled()

    def __eq__(self, other: object) -> bool:
        self._settle()
        return self == other

    def __repr__(self) -> str:
        self._settle()
        return repr(self)

    __hash__ = None  # type: ignore[assignment]  # as Check's


_new_object = object.__new__


def deferred(key: str, met: bool | None, work: Callable[..., Check], *args: Any) -> DeferredCheck:
    """DeferredCheck(key, work, *args, met=met), made without calling the class.

    A rule makes a dozen and a half of these per person; calling the class
    goes through __init__ with its keyword (a frame and a dict each), which
    cost as much as the rest of making them. The object is the same.
    """
    made = _new_object(DeferredCheck)
    if met is None:
        made.__dict__ = {"key": key, "_work": work, "_args": args}
    else:
        made.__dict__ = {"key": key, "_work": work, "_args": args, "met": met, "pending": False}
    return made


def deferred_checks(
    keys: Iterable[str], work: Callable[..., list[Check]], *args: Any
) -> list[Check]:
    """One DeferredCheck per key; the first read of any runs `work(*args)` once for all of them."""
    keys = tuple(keys)
    if len(keys) == 1:  # the usual case (an initiatives line): no shared memo needed
        return [deferred(keys[0], None, _first_keyed, keys[0], work, args)]
    shared = [work, args]  # [work, args] until worked out, then [the lines]
    return [
        deferred(key, None, _settle_shared, shared, index, key) for index, key in enumerate(keys)
    ]


def _first_keyed(key: str, work: Callable[..., list[Check]], args: tuple) -> Check:
    return _keyed(work(*args)[0], key)


def _settle_shared(shared: list, index: int, key: str) -> Check:
    if len(shared) == 2:
        work, args = shared
        shared[:] = [work(*args)]
    return _keyed(shared[0][index], key)


def _keyed(check: Check, key: str) -> Check:
    assert check.key == key, (check.key, key)
    return check


@dataclass(slots=True)  # one per person and code, freed after the evaluation
class Outcome:
    """What a rule returns: its checks, the initiatives it would use, the verdicts it counted."""

    checks: list[Check]
    uses: tuple[str, ...] = ()
    relies_on: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        # A loop, not all(<generator>): asked for every person and code, and
        # it must stop at the first unmet line (later ones may be deferred).
        for check in self.checks:
            if not check.met:
                return False
        return True


@dataclass(frozen=True)
class Verdict:
    """An earlier result of the same evaluation, as later rules see it."""

    eligible: bool
    uses: tuple[str, ...] = ()
    relies_on: tuple[str, ...] = field(default=())


def overlaps_year(period: Discipline, year: int) -> bool:
    end = period.end or date.max
    return period.start <= date(year, 12, 31) and end >= date(year, 1, 1)


def _period_key(period: Discipline) -> tuple:
    return (period.end or date.max, period.start, DISCIPLINE_RANK[period.level])


def disciplined_in(person: Person, year: int, from_level: str) -> list[Discipline]:
    """Discipline periods at `from_level` or above that touch the year, in date order."""
    if not person.discipline:  # most people: asked for everyone, every code
        return []
    return sorted(
        (
            period
            for period in person.discipline
            if DISCIPLINE_RANK[period.level] >= DISCIPLINE_RANK[from_level]
            and overlaps_year(period, year)
        ),
        key=lambda period: (period.start, *_period_key(period)),
    )


def evidence_of(period: Discipline) -> str:
    end = period.end.isoformat() if period.end else ""
    return f"{period.level}:{period.start.isoformat()}/{end}"


def pick_order(initiative: Initiative) -> tuple:
    # The narrowest and oldest first, so that wider-scope initiatives stay free
    # for the higher titles that need them. A fixed order (not one that depends
    # on other results) keeps the engine monotone: fewer facts, fewer picks.
    return (SCOPE_RANK[initiative.scope], initiative.year, initiative.kind, initiative.id)


class PersonContext:
    """One person, one judged year, one code being judged, and the verdicts already reached."""

    # Made for every person and code and read by every rule: slots make both cheaper.
    __slots__ = (
        "person",
        "year",
        "settings",
        "code",
        "verdicts",
        "counted_from",
        "last_discipline",
        "consumed",
        "rechecks",
    )

    def __init__(
        self,
        person: Person,
        year: int,
        settings: Mapping[str, Any],
        code: str,
        verdicts: Mapping[str, Verdict],
    ):
        self.person = person
        self.year = year
        self.settings = settings
        self.code = code
        self.verdicts = verdicts
        if person.discipline:
            self.counted_from, self.last_discipline = self._counted_from()
        else:  # most people: skip the scan
            self.counted_from = self.last_discipline = None
        # The record being re-checked may use its own initiatives again: a past
        # decision is checked against what it was based on.
        if (code, year) in person.record_years:
            own = [
                record
                for record in (*person.titles, *person.awards)
                if not (record.code == code and record.year == year)
            ]
            self.consumed = consumed_initiatives(own)
        else:
            self.consumed = person.consumed
        # The codes with a record of the judged year: aim() gives them their own context.
        self.rechecks = frozenset(kind for kind, when in person.record_years if when == year)

    def aim(self, code: str) -> PersonContext:
        """This context for judging `code`: itself re-aimed, or a new one where `consumed` differs.

        The engine makes one context per person and aims it at each code in
        turn (it was made seven times a person). Everything a rule reads of a
        context is the same for every code (the person, the year, the
        settings, the verdicts dict, the discipline scan, `consumed`) except
        `consumed` when `code` re-checks a record of the judged year, so that
        case gets its own context, as before. A line worked out later (a
        DeferredCheck) may hold this context after it is re-aimed, so `code`
        is only a label: no rule reads it, and nothing else may change here.
        """
        if code in self.rechecks or self.consumed is not self.person.consumed:
            # This code re-checks a record, or this context was made for one.
            return PersonContext(self.person, self.year, self.settings, code, self.verdicts)
        self.code = code
        return self

    def _counted_from(self) -> tuple[int | None, Discipline | None]:
        # Decree 98/2023 Art 4: after a discipline, achievements count again
        # from the end of the discipline period; a running one stops everything.
        ends = [
            (period.end.year + 1 if period.end else self.year + 1, period)
            for period in self.person.discipline
            if period.start <= date(self.year, 12, 31)
        ]
        if not ends:
            return None, None
        # The latest end wins; ties broken on the facts, never on input order.
        first, period = max(ends, key=lambda item: (item[0], *_period_key(item[1])))
        return first, period

    def counts(self, year: int) -> bool:
        return self.counted_from is None or year >= self.counted_from

    def dropped_by_discipline(self) -> bool:
        """Whether the discipline rule set aside any fact of this person."""
        if self.counted_from is None:
            return False
        if self.counted_from > self.year:
            return True
        years = [
            *self.person.ratings,
            *(record.year for record in (*self.person.titles, *self.person.awards)),
            *(initiative.year for initiative in self.person.initiatives),
        ]
        return any(year < self.counted_from for year in years)

    def after_discipline(self, years: list[int], count: int) -> tuple[list[int], tuple[Msg, ...]]:
        """Split lacking years: those a discipline blocks become one message, not a to-do list."""
        if self.counted_from is None:
            return years, ()
        blocked = [year for year in years if year < self.counted_from]
        if not blocked:
            return years, ()
        note = msg(
            "missing.after_discipline",
            first=self.counted_from,
            count=count,
            earliest=self.counted_from + count - 1,
        )
        return [year for year in years if year >= self.counted_from], (note,)

    def rating(self, year: int) -> str | None:
        # counts() inlined: the rules ask a rating for every year of every run.
        counted_from = self.counted_from
        if counted_from is not None and year < counted_from:
            return None
        return self.person.ratings.get(year)

    def rated_at_least(self, year: int, minimum: str) -> bool:
        rating = self.rating(year)
        return rating is not None and RATING_RANK[rating] >= RATING_RANK[minimum]

    def title_held(self, code: str, year: int) -> str | None:
        """ "recorded", "verdict" (this evaluation's eligible result) or None.

        Titles of earlier years are taken as recorded; for the judged year the
        record wins, else the engine's own verdict for that year.
        """
        counted_from = self.counted_from  # counts() inlined: asked for every year of a span
        if (counted_from is not None and year < counted_from) or year > self.year:
            return None
        if (code, year) in self.person.title_years:
            return "recorded"
        if year == self.year and code in self.verdicts and self.verdicts[code].eligible:
            return "verdict"
        return None

    def run(self, test: Callable[[int], bool], *, after: int | None = None) -> list[int]:
        """The consecutive years ending with the judged year that pass `test`, oldest first."""
        years: list[int] = []
        year = self.year
        while year > self.year - MAX_RUN and (after is None or year > after) and test(year):
            years.append(year)
            year -= 1
        return years[::-1]

    def excluded(self, relied: tuple[str, ...]) -> dict[str, str]:
        """Initiative id -> code, for initiatives that results we rely on already use.

        Follows the chain (CSTD_TQ relies on CSTD_BO, which relied on CSTDCS),
        so that a result and its prerequisites never share an initiative.
        """
        excluded: dict[str, str] = {}
        pending = list(relied)
        seen: set[str] = set()
        while pending:
            code = pending.pop()
            if code in seen or code not in self.verdicts:
                continue
            seen.add(code)
            verdict = self.verdicts[code]
            for initiative_id in verdict.uses:
                excluded.setdefault(initiative_id, code)
            pending.extend(verdict.relies_on)
        return excluded

    def initiatives_check(
        self,
        *,
        count: int,
        min_scope: str,
        first: int,
        last: int,
        relied: tuple[str, ...] = (),
        key: str = "initiatives",
    ) -> tuple[Check, tuple[str, ...]]:
        """Whether `count` unused initiatives of `min_scope` or wider were recognised in the span."""
        excluded = self.excluded(relied)
        in_span = sorted(
            (
                initiative
                for initiative in self.person.initiatives
                if first <= initiative.year <= last
                and self.counts(initiative.year)
                and SCOPE_RANK[initiative.scope] >= SCOPE_RANK[min_scope]
            ),
            key=pick_order,
        )
        free = [i for i in in_span if i.id not in self.consumed and i.id not in excluded]
        chosen = tuple(initiative.id for initiative in free[:count])
        met = len(free) >= count

        # Whether it is met (and what it uses) decides verdicts; the words wait until read.
        check = deferred(
            key,
            met,
            _initiatives_line,
            self.consumed,
            key,
            count,
            min_scope,
            first,
            last,
            met,
            free,
            in_span,
            excluded,
            chosen,
            self.year,
        )
        return check, chosen if met else ()

    def best_scope(self, year: int) -> int:
        """The widest scope among usable initiatives of the year (-1 if none): for quotas."""
        ranks = [
            SCOPE_RANK[initiative.scope]
            for initiative in self.person.initiatives
            if initiative.year == year and self.counts(year) and initiative.id not in self.consumed
        ]
        return max(ranks, default=-1)


class UnitContext:
    """One unit, its members and their final verdicts, for one judged year."""

    def __init__(
        self,
        unit: Unit,
        year: int,
        settings: Mapping[str, Any],
        code: str,
        members: tuple[Person, ...],
        member_verdicts: Mapping[str, Mapping[str, str]],
        verdicts: Mapping[str, Verdict],
        tally: dict[tuple[str, str], tuple[str, ...]] | None = None,
    ):
        self.unit = unit
        self.year = year
        self.settings = settings
        self.code = code
        self.members = members
        self.member_verdicts = member_verdicts
        self.verdicts = verdicts
        # Member lists already worked out for this unit: the same for each of
        # its codes (TTLDTT and TTLDXS both count LDTT members, say).
        self.tally = {} if tally is None else tally

    def holders(self, code: str) -> tuple[str, ...]:
        """Ids of the members holding `code` for the judged year (member_holds), in member order."""
        key = ("holds", code)
        if key not in self.tally:
            self.tally[key] = tuple(
                person.id for person in self.members if self.member_holds(person, code)
            )
        return self.tally[key]

    def disciplined(self, level: str) -> tuple[str, ...]:
        """Ids of the members disciplined at `level` or above in the judged year, in member order."""
        key = ("disciplined", level)
        if key not in self.tally:
            self.tally[key] = tuple(
                person.id for person in self.members if disciplined_in(person, self.year, level)
            )
        return self.tally[key]

    def member_holds(self, person: Person, code: str) -> bool:
        """A member's title for the judged year: the record, else the final verdict."""
        if (code, self.year) in person.title_years:
            return True
        return self.member_verdicts.get(person.id, {}).get(code) == "eligible"

    def title_held(self, code: str) -> str | None:
        if any(title.code == code and title.year == self.year for title in self.unit.titles):
            return "recorded"
        if code in self.verdicts and self.verdicts[code].eligible:
            return "verdict"
        return None


def _initiatives_line(
    consumed: Mapping[str, tuple[str, int]],
    key: str,
    count: int,
    min_scope: str,
    first: int,
    last: int,
    met: bool,
    free: list[Initiative],
    in_span: list[Initiative],
    excluded: dict[str, str],
    chosen: tuple[str, ...],
    year: int,
) -> Check:
    """The words of PersonContext.initiatives_check's line."""
    missing: tuple[Msg, ...] = ()
    if not met:
        notes = [
            msg(
                "missing.initiatives",
                lacking=count - len(free),
                scope=ScopeAtLeast(min_scope),
                span=Span(first, last),
            )
        ]
        for initiative in in_span:
            if initiative.id in consumed:
                used_code, used_year = consumed[initiative.id]
                notes.append(
                    msg(
                        "missing.initiative_used",
                        id=initiative.id,
                        title=Code(used_code),
                        year=used_year,
                    )
                )
            elif initiative.id in excluded:
                notes.append(
                    msg(
                        "missing.initiative_proposed",
                        id=initiative.id,
                        title=Code(excluded[initiative.id]),
                        year=year,
                    )
                )
        missing = tuple(notes)
    return Check(
        key,
        msg(
            "rule.initiatives",
            count=count,
            scope=ScopeAtLeast(min_scope),
            span=Span(first, last),
        ),
        met,
        chosen if met else tuple(initiative.id for initiative in free),
        missing,
    )
