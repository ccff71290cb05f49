"""The dashboard reads the whole programme from the rollup and shows exactly what the summary's rows gave."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from xttm.directory.factories import EnterpriseFactory, province
from xttm.directory.models import Province
from xttm.promotion import services, summary
from xttm.promotion.choices import SchemeStatus
from xttm.promotion.factories import ActivityFactory, SchemeFactory
from xttm.promotion.models import Participation, ResultRollup
from xttm.reports import programme
from xttm.reports.filters import Filters, filters_for
from xttm.reports.tables import tables
from xttm.reports.views import chart_data

from .conftest import recompute

MEASURES = ["schemes", "schemes_approved", "budget_approved", "budget_disbursed", "budget_settled",
            "participations", "deals", "value_usd", "value_vnd"]  # fmt: skip


def shown(fig) -> dict:
    """Everything of the figures the page, its exports and reports show."""
    return {
        "total": fig["total"],
        "sentence": fig["sentence"],
        "tables": [(t.key, t.title, t.header, t.rows) for t in tables(fig)],
        "charts": chart_data(fig),
    }


def _filter_combinations(programme_data) -> list[Filters]:
    new = Province.objects.get(system="2025", code="48").pk
    old = Province.objects.get(system="2008", code="49").pk
    agency = programme_data["agency"].pk
    return [
        Filters(2010, 2015),
        Filters(2010, 2015, system="2008"),
        Filters(2012, 2013),
        Filters(2014, 2014, system="2008"),
        Filters(2000, 2009),  # before the programme: every figure zero
        Filters(2010, 2015, province=new),
        Filters(2010, 2015, system="2008", province=old),
        Filters(2011, 2014, line="export"),
        Filters(2010, 2015, country="JP"),
        Filters(2010, 2015, country="VN", system="2008"),
        Filters(2010, 2015, content_type="domestic_fair", lead=agency),
    ]


def test_the_figures_are_the_same_from_the_rollup_and_from_the_summary_rows_for_every_filter(
    programme_data, personas
):
    leader = personas["leadership"]
    for f in _filter_combinations(programme_data):
        from_summary = programme.figures(leader, f, rollup=False)
        assert shown(programme.figures(leader, f)) == shown(from_summary), f
        want = recompute(f)
        for name in MEASURES:
            assert from_summary["total"][name] == want["total"][name], (f, name)


def test_only_a_period_of_the_whole_programme_for_a_reader_of_everything_reads_the_rollup(
    programme_data, personas
):
    combinations = _filter_combinations(programme_data)
    uses = [programme.reads_rollup(personas["leadership"], f) for f in combinations]
    assert uses == [True] * 5 + [False] * 6
    assert not programme.reads_rollup(personas["partner_officer"], Filters(2010, 2015))


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    # The CSRF token (form field and htmx header) is masked afresh on every response.
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "(token)", response.content.decode())


@pytest.mark.parametrize("query", ["year_from=2010&year_to=2015", "year_from=2011&system=2008"])
def test_the_page_from_the_rollup_is_the_page_from_the_summary_rows_byte_for_byte(
    client_as, programme_data, monkeypatch, query
):
    client = client_as("leadership")
    url = f"{reverse('reports:programme')}?{query}"
    from_rollup = _page(client, url)
    monkeypatch.setattr(programme, "reads_rollup", lambda user, f: False)
    assert _page(client, url) == from_rollup


def test_the_services_keep_the_rollup_with_the_summary_for_new_and_known_keys(
    programme_data, personas
):
    actor = personas["programme_officer"]
    scheme = SchemeFactory(
        year=2016, lead=programme_data["partner"], status=SchemeStatus.IN_PROGRESS, country="VN"
    )
    place = province("77", "2008")  # a year and a place the rollup has no row for yet
    activity = ActivityFactory(
        scheme=scheme,
        start_date=datetime.date(2016, 5, 2),
        end_date=datetime.date(2016, 5, 4),
        country="VN",
        city="",
        province=place,
    )
    at_place = ResultRollup.objects.filter(
        year=2016, dimension="province_old_id", value=str(place.pk)
    )
    assert not at_place.filter(participations__gt=0).exists()
    services.record_participation(
        activity, EnterpriseFactory(), actor=actor, support_vnd=Decimal(7_000_000)
    )
    assert [(r.participations, r.support_vnd) for r in at_place] == [(1, Decimal(7_000_000))]
    known = Participation.objects.exclude(activity=activity).select_related("activity").first()
    services.delete_participation(known, actor=actor)
    assert summary.verify_summary() == []
    leader = personas["leadership"]
    for f in (Filters(2010, 2016, system="2008"), Filters(2016, 2016)):
        assert shown(programme.figures(leader, f)) == shown(
            programme.figures(leader, f, rollup=False)
        )


def test_verify_names_the_rollup_row_that_drifted_and_rebuild_mends_it(programme_data):
    row = ResultRollup.objects.filter(dimension="lead_id", deals__gt=0).first()
    ResultRollup.objects.filter(pk=row.pk).update(deals=row.deals + 2)
    [difference] = summary.verify_summary()
    assert difference["key"] == {"year": row.year, "lead_id": row.value}
    assert (difference["expected"], difference["stored"]) == (
        {"deals": str(row.deals)},
        {"deals": str(row.deals + 2)},
    )
    summary.rebuild_summary()
    assert summary.verify_summary() == []


def test_the_names_the_filter_form_read_name_the_rows_as_the_figures_own_query_did(
    programme_data, personas
):
    for persona in ("leadership", "partner_officer"):
        user = personas[persona]
        form, f = filters_for(user, {"year_from": "2010", "year_to": "2015"})
        assert shown(programme.figures(user, f, names=form.names)) == shown(
            programme.figures(user, f)
        ), persona
