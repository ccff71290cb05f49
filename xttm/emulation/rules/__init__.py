"""The pure eligibility engine for emulation titles and commendations (no ORM, no Django).

    from xttm.emulation.rules import Facts, Person, evaluate, plan
    report = evaluate(facts, 2024, lang="vi", settings={"ldtt_min_months": 6})

See engine.py for how initiatives are consumed, regimes.py for the rules in
force per achievement year (and how to add one: a `Regime` of dated settings
mapping codes to predicates, which take a `PersonContext` or `UnitContext` and
return an `Outcome` of `Check`s), io.py for the facts file and the JSON report.
"""

from .context import Check, Outcome, PersonContext, UnitContext
from .engine import evaluate
from .explain import LANGS, Msg, msg, render
from .facts import (
    PERSON_CODES,
    UNIT_CODES,
    Award,
    Discipline,
    Facts,
    Initiative,
    Leave,
    Person,
    Title,
    Unit,
)
from .io import (
    FactsError,
    dumps,
    facts_to_dict,
    loads_facts,
    parse_facts,
    read_facts,
    report_to_dict,
    validate_facts,
    validate_report_dict,
)
from .regimes import LAW2013, LAW2022, REGIMES, DatedSetting, Quota, Regime, regime_for
from .report import VERDICTS, Condition, Report, Result, plan

__all__ = [
    "LANGS",
    "LAW2013",
    "LAW2022",
    "PERSON_CODES",
    "REGIMES",
    "UNIT_CODES",
    "VERDICTS",
    "Award",
    "Check",
    "Condition",
    "DatedSetting",
    "Discipline",
    "Facts",
    "FactsError",
    "Initiative",
    "Leave",
    "Msg",
    "Outcome",
    "Person",
    "PersonContext",
    "Quota",
    "Regime",
    "Report",
    "Result",
    "Title",
    "Unit",
    "UnitContext",
    "dumps",
    "evaluate",
    "facts_to_dict",
    "loads_facts",
    "msg",
    "parse_facts",
    "plan",
    "read_facts",
    "regime_for",
    "render",
    "report_to_dict",
    "validate_facts",
    "validate_report_dict",
]
