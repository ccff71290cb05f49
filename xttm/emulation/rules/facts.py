"""The facts the eligibility engine reads: plain frozen dataclasses, no database."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType

# Codes of glossary.md. Tuples, so that the order is the documented one.
RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
RATING_RANK = {"KHTNV": 0, "HTNV": 1, "HTTNV": 2, "HTXSNV": 3}
PERSON_TITLES = ("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ")
UNIT_TITLES = ("TTLDTT", "TTLDXS", "CO_TD_BO", "CO_TD_CP")
AWARD_CODES = ("GIAY_KHEN", "BK_BO", "BK_TTG", "HCLD_3", "HCLD_2", "HCLD_1")
AWARD_KINDS = ("periodic", "adhoc", "thematic", "career", "foreign")
SCOPES = ("unit", "ministry", "national")
SCOPE_RANK = {"unit": 0, "ministry": 1, "national": 2}
INITIATIVE_KINDS = ("initiative", "research")
DISCIPLINE_LEVELS = ("reprimand", "warning", "demotion", "removal", "dismissal")
DISCIPLINE_RANK = {level: rank for rank, level in enumerate(DISCIPLINE_LEVELS)}
LEAVE_KINDS = ("maternity", "injury", "training", "sick", "unpaid", "other")
GENDERS = ("F", "M")

# What the engine judges, in the order results are reported (eligibility-io.md).
PERSON_CODES = ("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "BK_BO", "BK_TTG", "HCLD_3")
UNIT_CODES = ("TTLDTT", "TTLDXS", "CO_TD_BO")


def _frozen_mapping(value: Mapping | None) -> Mapping:
    # Sorted so that two equal fact sets compare, print and serialise the same.
    return MappingProxyType(dict(sorted(dict(value or {}).items())))


@dataclass(frozen=True)
class Title:
    """An emulation title recorded for a year; `uses` are the initiatives it consumed."""

    code: str
    year: int
    uses: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "uses", tuple(self.uses))


@dataclass(frozen=True)
class Award:
    """A form of commendation (Bằng khen, Huân chương…) with its kind (periodic, adhoc…)."""

    code: str
    year: int
    kind: str = "periodic"
    uses: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "uses", tuple(self.uses))


@dataclass(frozen=True)
class Initiative:
    """A recognised initiative (`initiative`) or accepted S&T project (`research`)."""

    id: str
    year: int
    scope: str
    kind: str = "initiative"


@dataclass(frozen=True)
class Discipline:
    """A discipline period; `end` None means it is still running."""

    level: str
    start: date
    end: date | None = None


@dataclass(frozen=True)
class Leave:
    """A leave period (maternity, injury treatment, training, sick, unpaid, other)."""

    kind: str
    start: date
    end: date


@dataclass(frozen=True)
class Person:
    """One staff member's facts; `ratings` maps year -> rating code."""

    id: str
    name: str = ""
    gender: str | None = None
    unit: str | None = None
    recruited_on: date | None = None
    ratings: Mapping[int, str] = field(default_factory=dict)
    titles: tuple[Title, ...] = ()
    awards: tuple[Award, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    leave: tuple[Leave, ...] = ()
    under_review: bool = False

    def __post_init__(self):
        object.__setattr__(self, "ratings", _frozen_mapping(self.ratings))
        for name in ("titles", "awards", "initiatives", "discipline", "leave"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    # Worked out once per person, not once per title judged: every rule of
    # every code asks them (the fields never change, the object is frozen).
    @cached_property
    def title_years(self) -> frozenset[tuple[str, int]]:
        """(code, year) of each recorded title."""
        return frozenset((title.code, title.year) for title in self.titles)

    @cached_property
    def record_years(self) -> frozenset[tuple[str, int]]:
        """(code, year) of each recorded title and award."""
        return frozenset((record.code, record.year) for record in (*self.titles, *self.awards))

    @cached_property
    def consumed(self) -> Mapping[str, tuple[str, int]]:
        """consumed_initiatives() of all the person's records (read-only)."""
        return MappingProxyType(consumed_initiatives((*self.titles, *self.awards)))


@dataclass(frozen=True)
class Unit:
    """One internal unit's facts; members are the people whose `unit` names it."""

    id: str
    name: str = ""
    ratings: Mapping[int, str] = field(default_factory=dict)
    titles: tuple[Title, ...] = ()
    leads_cluster: Mapping[int, bool] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "ratings", _frozen_mapping(self.ratings))
        object.__setattr__(self, "leads_cluster", _frozen_mapping(self.leads_cluster))
        object.__setattr__(self, "titles", tuple(self.titles))


@dataclass(frozen=True)
class Facts:
    """Everything one evaluation reads; `year` is the default year judged."""

    people: tuple[Person, ...] = ()
    units: tuple[Unit, ...] = ()
    year: int | None = None

    def __post_init__(self):
        object.__setattr__(self, "people", tuple(self.people))
        object.__setattr__(self, "units", tuple(self.units))

    def members(self, unit_id: str) -> tuple[Person, ...]:
        return self._members.get(unit_id, ())

    @cached_property
    def _members(self) -> dict[str | None, tuple[Person, ...]]:
        # Grouped once: asked per unit and code, a scan of everyone cost
        # units x people (20 million comparisons for a ministry).
        groups: dict[str | None, list[Person]] = {}
        for person in self.people:
            groups.setdefault(person.unit, []).append(person)
        return {unit: tuple(people) for unit, people in groups.items()}


def consumed_initiatives(records: Iterable[Title | Award]) -> dict[str, tuple[str, int]]:
    """Initiative id -> (code, year) of the first recorded title or award that used it."""
    consumed: dict[str, tuple[str, int]] = {}
    for record in sorted(records, key=lambda r: (r.year, r.code)):
        for initiative_id in record.uses:
            consumed.setdefault(initiative_id, (record.code, record.year))
    return consumed
