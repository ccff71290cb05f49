"""The loader turns database rows into the engine's facts: the same verdicts as the JSON file."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.emulation import rules
from xttm.emulation.factories import (
    CommendationFactory,
    DisciplineFactory,
    RatingFactory,
    ReviewHoldFactory,
    initiative_of,
)
from xttm.emulation.loader import evaluate, export_json, load_facts

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan():
    """Scenario 1: LDTT and CSTDCS 2022–24 and a ministry-scope initiative of 2023."""
    unit = UnitFactory(code="xtxk", name="Phòng Xúc tiến xuất khẩu")
    person = PersonFactory(
        code="cb-lan",
        full_name="Nguyễn Thị Lan",
        gender="F",
        unit=unit,
        recruited_on=datetime.date(2012, 3, 1),
    )
    for year in (2022, 2023, 2024):
        RatingFactory(person=person, year=year, code="HTXSNV")
        CommendationFactory(person=person, year=year, code="LDTT")
    for year in (2022, 2023):
        CommendationFactory(person=person, year=year, code="CSTDCS")
    initiative = initiative_of(person, year=2023, scope="ministry")
    return person, initiative


def test_the_loader_builds_the_same_facts_the_file_format_describes(lan):
    person, initiative = lan
    facts = load_facts(2024, people=[person])

    assert json.loads(export_json(facts)) == {
        "year": 2024,
        "people": [
            {
                "id": "cb-lan",
                "name": "Nguyễn Thị Lan",
                "gender": "F",
                "unit": "xtxk",
                "recruited_on": "2012-03-01",
                "ratings": {"2022": "HTXSNV", "2023": "HTXSNV", "2024": "HTXSNV"},
                "titles": [
                    {"code": "CSTDCS", "year": 2022},
                    {"code": "LDTT", "year": 2022},
                    {"code": "CSTDCS", "year": 2023},
                    {"code": "LDTT", "year": 2023},
                    {"code": "LDTT", "year": 2024},
                ],
                "awards": [],
                "initiatives": [
                    {
                        "id": f"I{initiative.pk}",
                        "year": 2023,
                        "scope": "ministry",
                        "kind": "initiative",
                    }
                ],
                "discipline": [],
                "leave": [],
                "under_review": False,
            }
        ],
        "units": [],
    }


def test_rows_and_their_exported_file_give_the_same_verdicts(lan):
    person, initiative = lan
    facts = load_facts(2024, people=[person])
    from_rows = rules.report_to_dict(evaluate(facts))
    replayed = rules.report_to_dict(evaluate(rules.loads_facts(export_json(facts))))

    assert from_rows == replayed
    result = evaluate(facts).result("cb-lan", "CSTD_BO")
    assert result.verdict == "eligible"
    assert result.uses == (f"I{initiative.pk}",)


def test_an_initiative_used_by_an_issued_award_reaches_the_engine_as_consumed(lan):
    person, initiative = lan
    award = CommendationFactory(person=person, year=2023, code="BK_BO")
    award.uses.set([initiative])

    facts = load_facts(2024, people=[person])

    assert facts.people[0].awards == (
        rules.Award("BK_BO", 2023, "periodic", (f"I{initiative.pk}",)),
    )
    assert evaluate(facts).result("cb-lan", "CSTD_BO").verdict == "not_eligible"


def test_a_running_review_hold_puts_the_person_on_hold():
    person = PersonFactory(code="cb-hold")
    RatingFactory(person=person, year=2024, code="HTXSNV")
    ReviewHoldFactory(person=person, starts_on=datetime.date(2025, 1, 1))

    facts = load_facts(2024, people=[person], on=datetime.date(2025, 1, 20))

    assert facts.people[0].under_review is True
    assert evaluate(facts).result("cb-hold", "LDTT").verdict == "on_hold"


def test_discipline_and_unit_records_are_loaded():
    unit = UnitFactory(code="u-kl", name="Phòng Kế hoạch")
    person = PersonFactory(code="cb-kl", unit=unit)
    DisciplineFactory(
        person=person, level="warning", starts_on=datetime.date(2024, 2, 1), ends_on=None
    )
    RatingFactory(person=None, unit=unit, year=2024, code="HTXSNV")
    CommendationFactory(person=None, unit=unit, year=2023, code="TTLDXS")

    facts = load_facts(2024, units=[unit])

    assert [p.id for p in facts.people] == ["cb-kl"]
    assert facts.people[0].discipline == (
        rules.Discipline("warning", datetime.date(2024, 2, 1), None),
    )
    assert facts.units == (
        rules.Unit("u-kl", "Phòng Kế hoạch", {2024: "HTXSNV"}, (rules.Title("TTLDXS", 2023),), {}),
    )
    assert evaluate(facts).result("u-kl", "TTLDTT").verdict == "not_eligible"


def test_the_loader_costs_the_same_few_queries_for_one_person_or_twenty():
    unit = UnitFactory(code="u-big")
    people = [PersonFactory(unit=unit) for _ in range(20)]
    for person in people:
        RatingFactory(person=person, year=2024)
        initiative_of(person, year=2024)

    with CaptureQueriesContext(connection) as one:
        load_facts(2024, people=people[:1])
    with CaptureQueriesContext(connection) as twenty:
        load_facts(2024, people=people)

    assert len(one) == len(twenty) <= 10


def test_an_engine_threshold_edited_as_a_setting_applies_from_its_date():
    from xttm.emulation.models import EmulationSetting

    person = PersonFactory(code="cb-new", recruited_on=datetime.date(2026, 5, 1))
    RatingFactory(person=person, year=2026, code="HTTNV")
    facts = load_facts(2026, people=[person])
    assert evaluate(facts).result("cb-new", "LDTT").verdict == "eligible"  # 8 months ≥ 6

    EmulationSetting.objects.create(
        key="engine.ldtt_min_months", value=9, effective_from="2026-01-01"
    )

    assert evaluate(facts).result("cb-new", "LDTT").verdict == "not_eligible"
    assert evaluate(load_facts(2025, people=[person])).regime == "law2022"


def test_a_unit_loads_with_the_same_queries_however_many_members_it_has():
    """Members are selected by a subquery, never a list of ids: a ministry's 100,000
    people would pass SQLite's limit of bound parameters."""
    unit = UnitFactory(code="dong", name="Phòng đông người")
    PersonFactory(unit=unit)
    with CaptureQueriesContext(connection) as few:
        load_facts(2024, units=[unit])
    for _ in range(20):
        PersonFactory(unit=unit)
    with CaptureQueriesContext(connection) as many:
        facts = load_facts(2024, units=[unit])
    assert len(facts.people) == 21
    assert [q["sql"] for q in many.captured_queries] == [q["sql"] for q in few.captured_queries]
