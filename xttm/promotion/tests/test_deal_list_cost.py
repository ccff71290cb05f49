"""The deals list costs less and shows the same: names only from the joined rows, amounts and
countries written without Django's per-cell lookups.

Each shortcut is compared with what Django (or django-tables2 over the plain column
definitions) writes, in Vietnamese and in English.
"""

import datetime
import itertools
from decimal import Decimal

import django_tables2 as tables
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.template import RequestContext, Template
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.text import capfirst
from django_countries import countries, countries_context
from django_countries.fields import Country
from hypothesis import given, settings
from hypothesis import strategies as st

from xttm.core.tables import CountryNameColumn, _country_name, localize_decimal
from xttm.promotion.factories import DealFactory
from xttm.promotion.models import Deal
from xttm.promotion.tables import DealTable

DJANGO_TABLES2 = Template(
    '{% load django_tables2 %}{% render_table table "django_tables2/bootstrap5.html" %}'
)
AMOUNTS = [
    Decimal("0"),
    Decimal("-0.00"),
    Decimal("0.5"),
    Decimal("-1234567.89"),
    Decimal("999"),
    Decimal("1000"),
    Decimal("25000.0000"),
    Decimal("2500000000"),
    Decimal("1E+3"),
    Decimal("1.5E-7"),
    Decimal("1E+250"),  # more than 200 digits: Django's scientific notation
    Decimal("NaN"),
    Decimal("-Infinity"),
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("amount", AMOUNTS, ids=str)
def test_an_amount_reads_as_django_localizes_it(language, amount):
    with translation.override(language):
        assert localize_decimal(amount) == formats.localize(amount)


@settings(max_examples=300, deadline=None)
@given(
    amount=st.decimals(allow_nan=False, allow_infinity=False, places=None),
    language=st.sampled_from(["vi", "en"]),
)
def test_any_amount_reads_as_django_localizes_it(amount, language):
    with translation.override(language):
        assert localize_decimal(amount) == formats.localize(amount)


@pytest.mark.parametrize(
    "changed",
    [
        {"USE_THOUSAND_SEPARATOR": False},
        {"NUMBER_GROUPING": (3, 2, 0)},  # Vietnamese reads it; English keeps its own 3
        {"NUMBER_GROUPING": 0},
        {"THOUSAND_SEPARATOR": "&", "USE_THOUSAND_SEPARATOR": True},
    ],
    ids=str,
)
def test_amounts_follow_the_number_settings(settings, changed):
    for name, value in changed.items():
        setattr(settings, name, value)
    for language in ("vi", "en"):
        with translation.override(language):
            for amount in AMOUNTS:
                assert localize_decimal(amount) == formats.localize(amount), (language, amount)


def test_a_value_that_is_not_a_decimal_goes_to_django():
    with translation.override("vi"):
        assert localize_decimal(1234567) == formats.localize(1234567) == "1.234.567"
        assert localize_decimal(1.5) == formats.localize(1.5)


class Countries(tables.Table):
    country = CountryNameColumn(accessor="country__code", default="—")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_country_reads_as_its_name_in_the_language(language):
    codes = [code for code, _name in countries]
    rows = [{"country": Country(code)} for code in codes] + [
        {"country": Country("")},
        {"country": Country("XX")},  # not a country: no name, as an empty one
    ]
    with translation.override(language):
        table = Countries(rows)
        shown = [row.get_cell("country") for row in table.rows]
        exported = [row.get_cell_value("country") for row in table.rows]
        names = [Country(code).name for code in codes]
    assert shown == [*names, "—", "—"]
    assert exported == [*names, None, None]
    assert len(set(names)) > 200
    # Each name was looked up once: a second table (its columns copied anew) hits them all.
    before = _country_name.cache_info()
    with translation.override(language):
        again = [row.get_cell("country") for row in Countries(rows).rows]
    assert again == shown
    assert _country_name.cache_info().misses == before.misses


def test_country_names_follow_the_language_the_settings_and_a_countries_context(settings):
    with translation.override("vi"):
        assert Countries([{"country": Country("DE")}]).rows[0].get_cell("country") == "Đức"
    with translation.override("en"):
        assert Countries([{"country": Country("DE")}]).rows[0].get_cell("country") == "Germany"
    settings.COUNTRIES_FIRST = ["VN"]
    assert _country_name.cache_info().currsize == 0
    with countries_context(only=["FR"]), translation.override("en"):
        cells = [r.get_cell("country") for r in Countries([{"country": Country("DE")}]).rows]
        assert cells == ["—"] and Country("DE").name == ""
    with translation.override("en"):
        assert Countries([{"country": Country("DE")}]).rows[0].get_cell("country") == "Germany"


class PlainDealTable(DealTable):
    """The deals table as it was written before: the country's name through its accessor,
    the VND amount through formats.localize."""

    counterpart_country = tables.Column(
        accessor="counterpart_country__name",
        order_by="counterpart_country",
        verbose_name=capfirst(Deal._meta.get_field("counterpart_country").verbose_name),
    )

    def render_value_vnd(self, value, record):
        text = formats.localize(value)
        if record.rate_is_fallback:
            return format_html(
                '{} <span class="badge text-bg-warning" title="{}">*</span>',
                text,
                translation.gettext("Dùng tỷ giá ngày gần nhất trước đó"),
            )
        return text


@pytest.fixture
def deals(db):
    made = [
        DealFactory(counterpart_country="DE", value=Decimal("-1234567.89")),
        DealFactory(counterpart_country="", rate_is_fallback=True, value_vnd=Decimal("0")),
        DealFactory(counterpart_country="US", value_usd=Decimal("0.01")),
        DealFactory(counterpart_country="DE", signed_on=datetime.date(1999, 12, 31)),
    ]
    for i in range(30):
        DealFactory(counterpart_country=["JP", "KR", "TH"][i % 3], value=Decimal(i * 1001))
    return made


def table_of(html: str) -> str:
    return html[html.index("<table") : html.index("</table>") + len("</table>")]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("query", ["", "?after=", "?counterpart_country=DE", "?sort=value"])
def test_the_deals_page_shows_what_the_plain_table_shows(client_as, deals, language, query):
    client = client_as("admin")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    if query == "?after=":  # the second page, by the first page's cursor
        first = client.get("/promotion/deals/").context["pager"]["next"]
        query = first
    response = client.get("/promotion/deals/" + query)
    assert response.status_code == 200
    shown = response.context["table"]
    # The same rows read whole, written by django-tables2's template from the plain columns.
    pks = [row.record.pk for row in shown.rows]
    full = Deal.objects.select_related("activity", "enterprise").in_bulk(pks)
    plain = PlainDealTable([full[pk] for pk in pks], request=response.wsgi_request)
    plain.order_by = shown.order_by
    plain._counter = itertools.count()
    with translation.override(language):
        theirs = DJANGO_TABLES2.render(RequestContext(response.wsgi_request, {"table": plain}))
    page = table_of(response.content.decode())
    assert parse_html(page) == parse_html(table_of(theirs))
    assert ("Đức" if language == "vi" else "Germany") in page or "DE" not in query


def test_the_deals_page_reads_names_only_and_no_more_queries_for_more_rows(client_as, deals):
    client = client_as("admin")
    client.get("/promotion/deals/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/promotion/deals/")
    page = [q["sql"] for q in queries.captured_queries if '"promotion_deal"."code"' in q["sql"]]
    assert len(page) == 1
    assert '"directory_enterprise"."name"' in page[0]
    assert '"promotion_activity"."name"' in page[0]
    assert '"directory_enterprise"."search_text"' not in page[0]
    assert '"promotion_activity"."search_text"' not in page[0]
    # Everything the table, its links and the pager touch was loaded: no query per row.
    rows = response.context["table"].paginated_rows
    with CaptureQueriesContext(connection) as more:
        response.content.decode()
        seen = [
            (str(r.record), str(r.record.activity), str(r.record.enterprise), r.record.activity.pk)
            for r in rows
        ]
    assert len(more) == 0
    assert len(seen) == 25
    for i in range(40):
        DealFactory(counterpart_country="FR", value=Decimal(i))
    with CaptureQueriesContext(connection) as after_more_rows:
        client.get("/promotion/deals/")
    assert len(after_more_rows) == len(queries)


def test_the_deals_export_writes_the_values_the_plain_table_writes(rf, personas, deals):
    from xttm.promotion.views import DealListView

    view = DealListView()
    view.request = rf.get("/promotion/deals/")
    view.request.user = personas["admin"]
    loaded = view.get_queryset().order_by("code")
    full = Deal.objects.select_related("activity", "enterprise").order_by("code")
    for language in ("vi", "en"):
        with translation.override(language):
            ours = list(DealTable(loaded).as_values())
            theirs = list(PlainDealTable(full).as_values())
        assert ours == theirs
        assert len(ours) == len(deals) + 31
        assert None in [row[-2] for row in ours]  # the deal without a country
