"""What the engine shares between codes: one context per person, unit member lists, lines made later."""

from datetime import date

from xttm.emulation.rules import (
    Facts,
    Initiative,
    Person,
    PersonContext,
    Title,
    Unit,
    UnitContext,
    evaluate,
)
from xttm.emulation.rules.context import Check, DeferredCheck, Verdict, deferred
from xttm.emulation.rules.explain import msg
from xttm.emulation.rules.regimes import LAW2022

SETTINGS = LAW2022.settings_for(2024)


def _rechecked() -> Person:
    # A CSTDCS recorded for 2024 on an initiative: its re-check may use it again.
    return Person(
        id="P1",
        recruited_on=date(2010, 1, 1),
        ratings={2023: "HTTNV", 2024: "HTTNV"},
        titles=(Title("LDTT", 2024), Title("CSTDCS", 2024, uses=("I1",))),
        initiatives=(Initiative("I1", 2024, "unit"),),
    )


def test_a_context_is_re_aimed_at_a_code_unless_that_code_re_checks_a_record():
    person = _rechecked()
    verdicts: dict[str, Verdict] = {}
    shared = PersonContext(person, 2024, SETTINGS, "", verdicts)

    assert shared.aim("CSTD_BO") is shared
    assert shared.code == "CSTD_BO" and shared.consumed is person.consumed
    rechecking = shared.aim("CSTDCS")
    assert rechecking is not shared
    assert rechecking.code == "CSTDCS" and "I1" not in rechecking.consumed
    assert rechecking.verdicts is verdicts
    assert "I1" in shared.consumed  # the shared context is left as it was
    fresh = PersonContext(person, 2024, SETTINGS, "CSTDCS", verdicts)
    assert dict(rechecking.consumed) == dict(fresh.consumed)


def test_a_re_checked_record_still_uses_its_own_initiative():
    result = evaluate(Facts(year=2024, people=(_rechecked(),)), 2024).result("P1", "CSTDCS")

    assert result.verdict == "eligible"
    assert result.uses == ("I1",)


def _line(year: int) -> Check:
    return Check("rating", msg("rule.rating_at_least", rating="HTTNV", year=year), False)


def test_deferred_makes_the_line_the_class_makes():
    made, called = (
        deferred("rating", False, _line, 2024),
        DeferredCheck("rating", _line, 2024, met=False),
    )

    assert type(made) is DeferredCheck
    assert vars(made) == vars(called)
    assert made.met is False and "_work" in vars(made)  # met read without working it out
    assert made == called == _line(2024)
    assert "_work" not in vars(made)


def test_someone_refused_ldtt_has_a_cstdcs_basis_worked_out_only_when_read():
    person = Person(
        id="P1",
        recruited_on=date(2010, 1, 1),
        ratings={2024: "HTNV"},
        initiatives=(Initiative("I1", 2024, "unit"),),
    )
    result = evaluate(Facts(year=2024, people=(person,)), 2024, lang="en").result("P1", "CSTDCS")

    assert result.verdict == "not_eligible"
    assert "_work" in vars(result.checks[1])
    basis = result.condition("basis")
    assert basis.met is True  # the initiative would do; LDTT is what is missing
    assert basis.evidence == ("I1",)
    assert len(result.missing) == 1


def test_the_unit_rules_of_one_unit_share_their_member_lists():
    people = tuple(
        Person(id=f"P{i}", unit="U1", recruited_on=date(2010, 1, 1), ratings={2024: "HTXSNV"})
        for i in range(3)
    )
    unit = Unit(id="U1", ratings={2024: "HTXSNV"})
    finals = {"P0": {"LDTT": "eligible"}, "P1": {"LDTT": "not_eligible"}, "P2": {}}
    tally: dict = {}
    first = UnitContext(unit, 2024, SETTINGS, "TTLDTT", people, finals, {}, tally)
    second = UnitContext(unit, 2024, SETTINGS, "TTLDXS", people, finals, {}, tally)

    assert first.holders("LDTT") == ("P0",)
    assert second.holders("LDTT") is first.holders("LDTT")
    assert second.disciplined("warning") == ()

    report = evaluate(Facts(year=2024, people=people, units=(unit,)), 2024)
    ttldtt = report.result("U1", "TTLDTT").condition("members_ldtt")
    ttldxs = report.result("U1", "TTLDXS").condition("members_ldtt")
    assert ttldtt.evidence == ttldxs.evidence == ("ldtt=3", "members=3")
