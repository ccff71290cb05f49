"""What the engine returns: a report of results, each with its conditions and reasons."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .explain import Msg, render_cached

if TYPE_CHECKING:
    from .context import Check

VERDICTS = ("eligible", "not_eligible", "on_hold", "needs_judgement")


@dataclass(frozen=True)
class Condition:
    """One line of a result: the rule in words, whether it is met, and the evidence.

    `key` names the rule for programs (tests, the UI); it is not serialised.
    Evidence holds years (int), initiative ids, and `name=value` strings.
    `message` is the rule as the engine made it (a `Msg`, or text); `rule` is
    its text in `lang`, rendered on first use: a round judges thousands of
    people but a page shows a few hundred lines, so most are never rendered.
    """

    key: str
    message: Msg | str
    met: bool
    evidence: tuple[int | str, ...] = ()
    lang: str = "vi"

    @cached_property
    def rule(self) -> str:
        return render_cached(self.message, self.lang)


@dataclass(frozen=True)
class Result:
    """The verdict on one title or award for one person or unit.

    `uses`: initiatives this result would consume if awarded. `relies_on`:
    codes of the same subject whose verdict for the judged year this result
    counted (not serialised; `plan()` keeps such results together).
    `checks`: the engine's checks, unrendered; `conditions` and `missing`
    are made from them on first read (see Condition): a round judges
    thousands of people and a page reads a few hundred results.
    """

    subject: str
    subject_kind: str  # "person" or "unit"
    code: str
    verdict: str
    checks: tuple[Check, ...]
    uses: tuple[str, ...] = ()
    relies_on: tuple[str, ...] = ()
    lang: str = "vi"

    @cached_property
    def conditions(self) -> tuple[Condition, ...]:
        return tuple(
            Condition(check.key, check.rule, check.met, tuple(check.evidence), self.lang)
            for check in self.checks
        )

    @cached_property
    def reasons(self) -> tuple[Msg | str, ...]:
        """What is missing, as the engine made it (`Msg`s or text)."""
        return tuple(item for check in self.checks if not check.met for item in check.missing)

    @cached_property
    def missing(self) -> tuple[str, ...]:
        return tuple(render_cached(reason, self.lang) for reason in self.reasons)

    @property
    def eligible(self) -> bool:
        return self.verdict == "eligible"

    def condition(self, key: str) -> Condition:
        """The condition with this key (KeyError when the result has none)."""
        for condition in self.conditions:
            if condition.key == key:
                return condition
        raise KeyError(key)


@dataclass(frozen=True)
class Report:
    """All results of one evaluation, people first then units, in input order."""

    year: int
    regime: str
    lang: str
    results: tuple[Result, ...]

    def result(self, subject: str, code: str) -> Result:
        for result in self.results:
            if result.subject == subject and result.code == code:
                return result
        raise KeyError((subject, code))

    def for_subject(self, subject: str) -> tuple[Result, ...]:
        return tuple(result for result in self.results if result.subject == subject)

    def verdicts(self, subject: str) -> dict[str, str]:
        """Code -> verdict for one subject; handy in tests and summaries."""
        return {result.code: result.verdict for result in self.for_subject(subject)}


def plan(report: Report) -> tuple[Result, ...]:
    """The eligible results that can be awarded together, never using an initiative twice.

    Results are alternatives when they name the same initiative (say CSTD_BO
    and BK_BO both resting on one ministry-scope initiative). Going through the
    report in its order (yearly titles before higher titles before forms), a
    result joins the plan when every result it relies on has joined and none of
    its initiatives is already assigned to that subject.
    """
    planned: list[Result] = []
    chosen: dict[str, set[str]] = {}
    assigned: dict[str, set[str]] = {}
    for result in report.results:
        if not result.eligible:
            continue
        codes = chosen.setdefault(result.subject, set())
        used = assigned.setdefault(result.subject, set())
        if not set(result.relies_on) <= codes or used & set(result.uses):
            continue
        planned.append(result)
        codes.add(result.code)
        used.update(result.uses)
    return tuple(planned)
