"""Properties of the eligibility engine over generated facts (hypothesis)."""

import dataclasses
import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xttm.emulation.rules import (
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
    dumps,
    evaluate,
    facts_to_dict,
    parse_facts,
    plan,
    report_to_dict,
    validate_report_dict,
)
from xttm.emulation.rules.facts import (
    DISCIPLINE_LEVELS,
    INITIATIVE_KINDS,
    LEAVE_KINDS,
    UNIT_TITLES,
    consumed_initiatives,
)

# database=None: no example database written into the checkout.
checked = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Facts are generated around the judged year (carried in Facts.year): random
# facts in absolute years rarely add up to a CSTD_BO or a BK_TTG, and a
# property that only ever sees "not eligible" proves little. So years are
# offsets back from the judged one, careers are long, ratings good, CSTDCS
# frequent and disciplines rare; chance does the rest.
JUDGED = st.integers(2017, 2026)
BACK = st.integers(0, 9)  # years before the judged year
RATING = st.sampled_from(("HTXSNV",) * 4 + ("HTTNV",) * 3 + ("HTNV", "KHTNV", None))
PERSON_TITLE = st.sampled_from(("CSTDCS",) * 5 + ("LDTT",) * 2 + ("CSTD_BO", "CSTD_TQ"))
SCOPE = st.sampled_from(("unit", "unit", "ministry", "ministry", "national"))
USES = st.sampled_from(((),) * 6 + ((0,), (1,), (2,), (0, 1)))  # indices into the initiatives
DAYS_BACK = st.integers(-200, 5 * 366)  # a day around the judged year, counted back from its end


def sometimes(strategy):
    """An empty list three times in four, else one item."""
    return st.one_of(
        st.just([]), st.just([]), st.just([]), st.lists(strategy, min_size=1, max_size=1)
    )


# Strategies are built once, at import: building them inside a composite on
# every draw made generation ten times slower than the engine it feeds.
PERSON_FIELDS = st.fixed_dictionaries(
    {
        # A run of good years up to the judged one (HTXSNV every `excellence`
        # years, HTTNV otherwise), then a few ratings changed at random.
        "good_years": st.integers(0, 12),
        "excellence": st.integers(1, 3),
        "rating_noise": st.lists(st.tuples(BACK, RATING), max_size=3),
        # A run of CSTDCS starting `first` years back, plus titles at random.
        "cstdcs_run": st.tuples(st.integers(0, 2), st.integers(0, 7)),
        "titles": st.lists(st.tuples(PERSON_TITLE, BACK, USES), max_size=6),
        "cstd_bo_three_years_back": st.sampled_from((False, False, True)),
        "awards": st.lists(
            st.tuples(
                st.sampled_from(("BK_BO", "BK_BO", "BK_TTG", "GIAY_KHEN")),
                st.integers(1, 12),
                st.sampled_from(("periodic", "periodic", "periodic", "adhoc", "thematic")),
                USES,
            ),
            max_size=3,
        ),
        "initiatives": st.lists(
            st.tuples(st.integers(0, 6), SCOPE, st.sampled_from(INITIATIVE_KINDS)), max_size=6
        ),
        "discipline": sometimes(
            st.tuples(
                st.sampled_from(DISCIPLINE_LEVELS), DAYS_BACK, st.none() | st.integers(0, 700)
            )
        ),
        "leave": sometimes(
            st.tuples(st.sampled_from(LEAVE_KINDS), st.integers(0, 400), st.integers(0, 450))
        ),
        "unit": st.sampled_from(("U1", "U1", "U2", None)),
        # None, long ago, or somewhere around the judged year.
        "recruited_on": st.one_of(st.none(), st.just(3000), DAYS_BACK),
        "under_review": st.sampled_from((False,) * 7 + (True,)),
    }
)
UNIT_FIELDS = st.fixed_dictionaries(
    {
        "ratings": st.lists(RATING, min_size=1, max_size=4),
        "titles": st.lists(st.tuples(st.sampled_from(UNIT_TITLES), BACK), max_size=3),
        "leads_cluster": st.lists(st.booleans(), max_size=3),
    }
)


def make_person(id: str, year: int, fields: dict) -> Person:
    year_end = date(year, 12, 31)

    def day(back: int) -> date:
        return year_end - timedelta(days=back)

    initiatives = tuple(
        Initiative(f"I{n}", year - back, scope, kind)
        for n, (back, scope, kind) in enumerate(fields["initiatives"])
    )

    def uses(indices) -> tuple[str, ...]:
        return tuple(initiatives[i].id for i in indices if i < len(initiatives))

    ratings = {
        year - back: "HTXSNV" if back % fields["excellence"] == 0 else "HTTNV"
        for back in range(fields["good_years"])
    }
    for back, rating in fields["rating_noise"]:
        ratings[year - back] = rating
    ratings = {when: rating for when, rating in ratings.items() if rating is not None}
    first, length = fields["cstdcs_run"]

    return Person(
        id=id,
        unit=fields["unit"],
        recruited_on=None if fields["recruited_on"] is None else day(fields["recruited_on"]),
        ratings=ratings,
        titles=tuple(Title("CSTDCS", year - back) for back in range(first, first + length))
        + tuple(Title(code, year - back, uses(i)) for code, back, i in fields["titles"])
        + ((Title("CSTD_BO", year - 3),) if fields["cstd_bo_three_years_back"] else ()),
        awards=tuple(
            Award(code, year - back, kind, uses(i)) for code, back, kind, i in fields["awards"]
        ),
        initiatives=initiatives,
        discipline=tuple(
            Discipline(level, day(back), None if days is None else day(back) + timedelta(days=days))
            for level, back, days in fields["discipline"]
        ),
        leave=tuple(
            Leave(kind, day(back), day(back) + timedelta(days=days))
            for kind, back, days in fields["leave"]
        ),
        under_review=fields["under_review"],
    )


def make_unit(id: str, year: int, fields: dict) -> Unit:
    return Unit(
        id,
        f"Phòng {id}",
        {year - back: r for back, r in enumerate(fields["ratings"]) if r is not None},
        tuple(Title(code, year - back) for code, back in fields["titles"]),
        {year - back: leads for back, leads in enumerate(fields["leads_cluster"])},
    )


def make_facts(year: int, people_fields: list[dict], u1: dict, u2: dict) -> Facts:
    return Facts(
        people=tuple(make_person(f"P{n}", year, f) for n, f in enumerate(people_fields, start=1)),
        units=(make_unit("U1", year, u1), make_unit("U2", year, u2)),
        year=year,
    )


FACTS = st.builds(
    make_facts, JUDGED, st.lists(PERSON_FIELDS, min_size=1, max_size=5), UNIT_FIELDS, UNIT_FIELDS
)


# Removing one prerequisite -------------------------------------------------------


def _keep_consumption(person: Person, record) -> tuple[Award, ...]:
    # A record's `uses` is a consumption, not a prerequisite: freeing an
    # initiative may rightly make someone eligible. So the consumption stays,
    # carried by a Giấy khen (a prerequisite of nothing).
    if not record.uses:
        return person.awards
    return (*person.awards, Award("GIAY_KHEN", record.year, "periodic", record.uses))


def _removals(facts: Facts):
    """Every way to remove one prerequisite: (description, facts after, subjects to compare)."""
    for index, p in enumerate(facts.people):

        def with_person(changed: Person, index=index) -> Facts:
            people_after = list(facts.people)
            people_after[index] = changed
            return dataclasses.replace(facts, people=tuple(people_after))

        watched = (p.id, p.unit) if p.unit else (p.id,)
        for year in p.ratings:
            ratings = {y: r for y, r in p.ratings.items() if y != year}
            yield (
                f"{p.id} rating {year}",
                with_person(dataclasses.replace(p, ratings=ratings)),
                watched,
            )
        for n, title in enumerate(p.titles):
            changed = dataclasses.replace(
                p,
                titles=p.titles[:n] + p.titles[n + 1 :],
                awards=_keep_consumption(p, title),
            )
            yield (f"{p.id} title {title}", with_person(changed), watched)
        for n, award in enumerate(p.awards):
            without = dataclasses.replace(p, awards=p.awards[:n] + p.awards[n + 1 :])
            changed = dataclasses.replace(without, awards=_keep_consumption(without, award))
            yield (f"{p.id} award {award}", with_person(changed), watched)
        for n, initiative in enumerate(p.initiatives):
            changed = dataclasses.replace(p, initiatives=p.initiatives[:n] + p.initiatives[n + 1 :])
            yield (f"{p.id} initiative {initiative}", with_person(changed), watched)
    for index, unit in enumerate(facts.units):

        def with_unit(changed: Unit, index=index) -> Facts:
            units_after = list(facts.units)
            units_after[index] = changed
            return dataclasses.replace(facts, units=tuple(units_after))

        for year in unit.ratings:
            ratings = {y: r for y, r in unit.ratings.items() if y != year}
            yield (
                f"{unit.id} rating {year}",
                with_unit(dataclasses.replace(unit, ratings=ratings)),
                (unit.id,),
            )
        for n, title in enumerate(unit.titles):
            changed = dataclasses.replace(unit, titles=unit.titles[:n] + unit.titles[n + 1 :])
            yield (f"{unit.id} title {title}", with_unit(changed), (unit.id,))
        for year, leads in unit.leads_cluster.items():
            if leads:
                cluster = {y: v for y, v in unit.leads_cluster.items() if y != year}
                changed = dataclasses.replace(unit, leads_cluster=cluster)
                yield (f"{unit.id} leads {year}", with_unit(changed), (unit.id,))


def _eligible(report, subjects) -> set[tuple[str, str]]:
    return {
        (result.subject, result.code)
        for result in report.results
        if result.subject in subjects and result.eligible
    }


@checked
@given(FACTS, st.data())
def test_removing_a_rating_title_award_or_initiative_never_makes_anyone_eligible_for_more(
    facts, data
):
    year = facts.year
    removals = list(_removals(facts))
    if not removals:
        return
    what, smaller, watched = data.draw(st.sampled_from(removals))

    before = _eligible(evaluate(facts, year), watched)
    after = _eligible(evaluate(smaller, year), watched)

    assert after <= before, f"removing {what} made {sorted(after - before)} eligible"


# One initiative, one use -------------------------------------------------------------


@checked
@given(FACTS)
def test_an_initiative_is_never_consumed_twice(facts):
    year = facts.year
    report = evaluate(facts, year)
    people = {person.id: person for person in facts.people}
    for result in report.results:
        assert len(set(result.uses)) == len(result.uses)
        if result.subject_kind == "unit":
            assert result.uses == ()
            continue
        person = people[result.subject]
        own = {i.id: i for i in person.initiatives}
        # Only the person's own initiatives, recognised by the judged year.
        assert all(own[i].year <= year for i in result.uses)
        # Never one that another record already consumed.
        others = [
            record
            for record in (*person.titles, *person.awards)
            if not (record.code == result.code and record.year == year)
        ]
        assert not set(result.uses) & set(consumed_initiatives(others))
        # Never one that a result it relies on (and so is awarded with) uses.
        chain, pending = set(), list(result.relies_on)
        while pending:
            relied = report.result(result.subject, pending.pop())
            chain |= set(relied.uses)
            pending.extend(relied.relies_on)
        assert not set(result.uses) & chain

    # And the plan, which awards results together, assigns each initiative once.
    assigned: dict[str, list[str]] = {}
    planned = {(r.subject, r.code) for r in plan(report)}
    for result in plan(report):
        assert all((result.subject, code) in planned for code in result.relies_on)
        for initiative_id in result.uses:
            assigned.setdefault(f"{result.subject}/{initiative_id}", []).append(result.code)
    assert all(len(codes) == 1 for codes in assigned.values()), assigned


# Determinism, order and the output format ---------------------------------------------


@checked
@given(FACTS, st.sampled_from(("vi", "en")), st.randoms(use_true_random=False))
def test_results_are_deterministic_ordered_as_specified_and_always_in_the_output_shape(
    facts, lang, random
):
    year = facts.year
    report = evaluate(facts, year, lang=lang)

    assert [(r.subject, r.code) for r in report.results] == [
        (person.id, code) for person in facts.people for code in PERSON_CODES
    ] + [(unit.id, code) for unit in facts.units for code in UNIT_CODES]
    document = report_to_dict(report)
    validate_report_dict(document)
    assert json.loads(dumps(document)) == document
    assert document["regime"] == ("law2013" if year <= 2023 else "law2022")

    def shuffled(items):
        items = list(items)
        random.shuffle(items)
        return tuple(items)

    # The same facts listed in another order give the very same report.
    reordered = dataclasses.replace(
        facts,
        people=tuple(
            dataclasses.replace(
                person,
                titles=shuffled(person.titles),
                awards=shuffled(person.awards),
                initiatives=shuffled(person.initiatives),
                discipline=shuffled(person.discipline),
                leave=shuffled(person.leave),
            )
            for person in facts.people
        ),
    )
    assert evaluate(reordered, year, lang=lang) == report


@settings(checked, max_examples=100)
@given(FACTS)
def test_facts_survive_the_round_trip_through_the_file_format(facts):
    assert parse_facts(json.loads(dumps(facts_to_dict(facts)))) == facts
