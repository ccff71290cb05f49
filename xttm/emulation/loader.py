"""The database loader: rows of people, units and their records turned into the engine's facts.

A fixed number of bulk queries whatever the number of people (one per table),
so a deliberation round over the whole agency costs the same as one profile.
Fact ids are the directory codes (Person.code, Unit.code) and `I<pk>` for
initiatives, so an exported file names the same people a secretary sees.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from xttm.directory.models import Person, Unit

from . import rules
from .choices import TITLE_CODES
from .models import (
    ClusterLead,
    Commendation,
    Discipline,
    InitiativeAuthor,
    Leave,
    Rating,
    ReviewHold,
)
from .rules.facts import PERSON_TITLES, UNIT_TITLES


def initiative_fact_id(pk: int) -> str:
    return f"I{pk}"


def initiative_pk(fact_id: str) -> int | None:
    return int(fact_id[1:]) if fact_id.startswith("I") and fact_id[1:].isdigit() else None


def load_facts(
    year: int,
    *,
    people: Iterable[Person] | None = None,
    units: Iterable[Unit] = (),
    on: datetime.date | None = None,
) -> rules.Facts:
    """Facts for `year` about `people` and `units` (with all members of those units).

    `on` is the day holds are judged on (today by default): a person under a
    running review is `on_hold`.
    """
    on = on or datetime.date.today()
    units = list(units)
    chosen = Q(pk__in={p.pk for p in people or ()})
    if units:
        chosen |= Q(unit__in=units, is_active=True)
    # A subquery, not a list of ids: a ministry's 100,000 people would pass
    # SQLite's limit of bound parameters and make every query below that long.
    person_ids = Person.objects.filter(chosen).values("pk")
    staff = list(
        Person.objects.filter(chosen).select_related("unit").order_by("unit__code", "code")
    )

    ratings = defaultdict(dict)
    for person_id, unit_id, rating_year, code in Rating.objects.filter(
        Q(person__in=person_ids) | Q(unit__in=units)
    ).values_list("person_id", "unit_id", "year", "code"):
        ratings[("p", person_id) if person_id else ("u", unit_id)][rating_year] = code

    uses = defaultdict(list)
    for commendation_id, initiative_id in Commendation.uses.through.objects.filter(
        Q(commendation__person__in=person_ids) | Q(commendation__unit__in=units)
    ).values_list("commendation_id", "initiative_id"):
        uses[commendation_id].append(initiative_fact_id(initiative_id))

    titles, awards = defaultdict(list), defaultdict(list)
    for row in Commendation.objects.filter(Q(person__in=person_ids) | Q(unit__in=units)).order_by(
        "year", "code", "pk"
    ):
        key = ("p", row.person_id) if row.person_id else ("u", row.unit_id)
        record_uses = tuple(sorted(uses[row.pk]))
        if row.person_id and row.code in PERSON_TITLES:
            titles[key].append(rules.Title(row.code, row.year, record_uses))
        elif row.unit_id and row.code in UNIT_TITLES:
            titles[key].append(rules.Title(row.code, row.year))
        elif row.person_id and row.code not in TITLE_CODES:
            awards[key].append(rules.Award(row.code, row.year, row.kind, record_uses))
        # Awards to collectives are not facts of the engine (eligibility-io.md).

    initiatives = defaultdict(list)
    for author in (
        InitiativeAuthor.objects.filter(person__in=person_ids)
        .select_related("initiative")
        .order_by("initiative__year", "initiative_id")
    ):
        i = author.initiative
        initiatives[author.person_id].append(
            rules.Initiative(initiative_fact_id(i.pk), i.year, i.scope, i.kind)
        )

    discipline = defaultdict(list)
    for row in Discipline.objects.filter(person__in=person_ids).order_by("starts_on", "pk"):
        discipline[row.person_id].append(rules.Discipline(row.level, row.starts_on, row.ends_on))

    leave = defaultdict(list)
    for row in Leave.objects.filter(person__in=person_ids).order_by("starts_on", "pk"):
        leave[row.person_id].append(rules.Leave(row.kind, row.starts_on, row.ends_on))

    held = set(
        ReviewHold.objects.filter(person__in=person_ids, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .values_list("person_id", flat=True)
    )

    leads = defaultdict(dict)
    for unit_id, lead_year in ClusterLead.objects.filter(unit__in=units).values_list(
        "unit_id", "year"
    ):
        leads[unit_id][lead_year] = True

    return rules.Facts(
        year=year,
        people=tuple(
            rules.Person(
                id=p.code,
                name=p.full_name,
                gender=p.gender or None,
                unit=p.unit.code,
                recruited_on=p.recruited_on,
                ratings=ratings[("p", p.pk)],
                titles=titles[("p", p.pk)],
                awards=awards[("p", p.pk)],
                initiatives=initiatives[p.pk],
                discipline=discipline[p.pk],
                leave=leave[p.pk],
                under_review=p.pk in held,
            )
            for p in staff
        ),
        units=tuple(
            rules.Unit(
                id=u.code,
                name=u.name,
                ratings=ratings[("u", u.pk)],
                titles=titles[("u", u.pk)],
                leads_cluster=leads[u.pk],
            )
            for u in sorted(units, key=lambda u: u.code)
        ),
    )


ENGINE_PREFIX = "engine."


def engine_settings(year: int) -> dict:
    """Numeric engine thresholds edited as EmulationSetting rows `engine.<name>` (e.g.
    `engine.ldtt_min_months`), the value in force on 31 December of the judged year.

    Without rows the regime's own dated defaults apply; an unknown name is
    refused by the engine, so a typo cannot pass silently.
    """
    from .models import EmulationSetting

    values: dict = {}
    rows = EmulationSetting.objects.filter(
        key__startswith=ENGINE_PREFIX, effective_from__lte=datetime.date(year, 12, 31)
    ).order_by("key", "effective_from")
    for key, value in rows.values_list("key", "value"):
        values[key[len(ENGINE_PREFIX) :]] = int(value) if value == value.to_integral() else value
    return values


def evaluate(facts: rules.Facts, year: int | None = None, *, lang: str = "vi") -> rules.Report:
    """Run the engine with the settings in force; one place, so pages, API and exports agree."""
    year = facts.year if year is None else year
    return rules.evaluate(facts, year, lang=lang, settings=engine_settings(year) or None)


def export_json(facts: rules.Facts) -> str:
    """The facts file of eligibility-io.md, as the profile page's "export facts" downloads it."""
    return rules.dumps(rules.facts_to_dict(facts))
