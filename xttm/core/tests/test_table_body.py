"""Table bodies written in Python (core/table.html) are the HTML django-tables2's template writes.

Every list page of every app goes through ObjectListView and so through the
Python body: each is requested over the access walk's data set plus rows with
markup, ampersands, quotes, empty values, dates and money in them, and its
table must be what django-tables2's own Bootstrap template renders for it.
"""

import datetime
import itertools
from decimal import Decimal

import django_tables2 as tables
import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.html import parse_html

from xttm.core.tables import body_html, head_html
from xttm.directory.factories import EnterpriseFactory, PersonFactory
from xttm.promotion.factories import DealFactory

from .access_world import build_world
from .test_access_routes import is_list_page, walk_routes

TRICKY = "<script>alert('x')</script> Tín & \"Phát\" <b>"
DJANGO_TABLES2 = Template(
    '{% load django_tables2 %}{% render_table table "django_tables2/bootstrap5.html" %}'
)


def django_tables2_html(table, request) -> str:
    """The table as django-tables2's own Bootstrap 5 template writes it."""
    table._counter = itertools.count()  # a second rendering: rows count from even again
    return DJANGO_TABLES2.render(RequestContext(request, {"table": table}))


def table_of(html: str) -> str:
    return html[html.index("<table") : html.index("</table>") + len("</table>")]


@pytest.fixture
def tricky_rows(personas, partner_org, other_org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_world(personas, partner_org, other_org)
    enterprise = EnterpriseFactory(name=TRICKY)
    PersonFactory(full_name=TRICKY, date_of_birth=None, position="", unit__name=TRICKY)
    DealFactory(enterprise=enterprise, code='HĐ<1>&"2"', value=Decimal("1234567.89"))
    DealFactory(enterprise=enterprise, signed_on=datetime.date(1999, 12, 31))


def test_every_list_page_writes_the_table_django_tables2_writes(client_as, tricky_rows):
    compared, lists = set(), set()
    # The administrator sees the programme and directory; the secretariat the emulation
    # lists with their edit columns.
    for persona in ("admin", "emulation_secretariat"):
        client = client_as(persona)
        for _key, route, pattern in walk_routes():
            if not is_list_page(pattern):
                continue
            lists.add(route)
            response = client.get("/" + route)
            if response.status_code != 200:
                continue
            page = response.content.decode()
            theirs = django_tables2_html(response.context["table"], response.wsgi_request)
            assert parse_html(table_of(page)) == parse_html(table_of(theirs)), route
            compared.add(route)
    assert compared == lists, f"not compared: {lists - compared}"
    assert {"directory/enterprises/", "directory/people/", "promotion/deals/"} <= compared


def test_markup_in_the_data_is_escaped_on_the_page(client_as, tricky_rows):
    page = client_as("admin").get("/directory/enterprises/?q=tin").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Tín &amp; &quot;Phát&quot;" in page
    assert "<script>alert" not in page


def test_an_empty_list_shows_the_tables_empty_text():
    class Plain(tables.Table):
        name = tables.Column()

        class Meta:
            empty_text = "Không có <dữ liệu>"

    html = body_html(Plain([]))
    assert html == '<tr><td colspan="1">Không có &lt;dữ liệu&gt;</td></tr>'


def test_per_cell_attrs_defaults_links_and_localisation_match_django_tables2():
    class Tricky(tables.Table):
        name = tables.Column(attrs={"td": {"data-v": lambda value: f"{value}!"}})
        amount = tables.Column(localize=False)
        share = tables.Column(localize=True, default="—")
        home = tables.Column(linkify=lambda record: f"/x/{record['id']}/")
        note = tables.Column(empty_values=())

        def render_note(self, record, value):
            return f"{record['id']} {value}"

    rows = [
        {"id": 1, "name": TRICKY, "amount": 1234567, "share": Decimal("0.5"), "home": "<h>"},
        {"id": 2, "name": None, "amount": None, "share": None, "home": "", "note": "&"},
    ]
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    table = Tricky(rows)
    theirs = django_tables2_html(Tricky(rows), request)
    body = theirs[theirs.index("<tbody") : theirs.index("</tbody>") + len("</tbody>")]
    assert parse_html(f"<tbody >{body_html(table)}</tbody>") == parse_html(body)


def test_the_date_column_formats_each_day_once_per_language(settings):
    from django.utils import formats, translation

    from xttm.core.tables import FastDateColumn, _date_text

    day = datetime.date(2026, 3, 9)
    column = FastDateColumn(short=False)
    _date_text.cache_clear()
    with translation.override("en"):
        english = [column.render(value=day) for _ in range(3)]
        assert english[0] == formats.date_format(day, "DATE_FORMAT")
    with translation.override("vi"):
        vietnamese = column.render(value=day)
        assert vietnamese == formats.date_format(day, "DATE_FORMAT")
    info = _date_text.cache_info()
    assert (info.misses, info.hits) == (2, 2)
    settings.SHORT_DATE_FORMAT = "Y-m-d"  # formats may change with settings: forget them
    assert _date_text.cache_info().currsize == 0


def test_the_header_writes_what_django_tables2_writes_with_prefix_params_and_markup():
    class Headed(tables.Table):
        name = tables.Column(verbose_name=TRICKY, attrs={"th": {"data-x": "<&>"}})
        amount = tables.Column(orderable=False)
        code = tables.Column(verbose_name="Mã")

        class Meta:
            prefix = "t1-"
            order_by = "-code"

    request = RequestFactory().get("/", {"q": "Tín & Phát", "kind": ["a", "b"], "t1-page": "2"})
    request.user = AnonymousUser()
    rows = [{"name": "x", "amount": 1, "code": "c"}]
    theirs = django_tables2_html(Headed(rows, request=request), request)
    ours = Template("{% load xttm %}{% table_head table %}").render(
        RequestContext(request, {"table": Headed(rows, request=request)})
    )
    head = theirs[theirs.index("<thead") : theirs.index("</thead>") + len("</thead>")]
    assert parse_html(ours) == parse_html(head)
    assert "t1-sort=code" in ours and "q=T%C3%ADn+%26+Ph%C3%A1t" in ours

    class Headless(Headed):
        class Meta:
            show_header = False

    assert head_html(Headless(rows), request) == ""


def test_paths_through_models_and_dicts_read_as_django_tables2_reads_them():
    from xttm.directory.models import Enterprise
    from xttm.promotion.models import Activity, Deal

    class Paths(tables.Table):
        activity = tables.Column(accessor="activity__name")
        province = tables.Column(accessor="activity__province__name", default="(none)")
        country = tables.Column(accessor="activity__country__name")
        missing = tables.Column(accessor="activity__nothing__here", default="?")
        place = tables.Column(accessor="activity__place")
        upper = tables.Column(accessor="enterprise__name__upper")
        kind = tables.Column(accessor="activity__kind")
        # A link column with its own text is rendered even when its path fails.
        link = tables.URLColumn(accessor="activity__nothing__here", text="mở")

    deals = [
        Deal(
            code="a",
            activity=Activity(name=TRICKY, country="FR", city="Lyon", kind="fair"),
            enterprise=Enterprise(name="Tín & Phát"),
        ),
        Deal(code="b", activity=Activity(name="", country="VN"), enterprise=Enterprise(name="")),
    ]
    dicts = [
        {
            "activity": {"name": "x", "province": None},
            "activity__name": "own key",
            "enterprise": {},
        },
        {"activity": [1, 2], "enterprise": {"name": "e"}},
    ]
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    for rows in (deals, dicts):
        theirs = django_tables2_html(Paths(rows), request)
        body = theirs[theirs.index("<tbody") : theirs.index("</tbody>") + len("</tbody>")]
        assert parse_html(f"<tbody >{body_html(Paths(rows))}</tbody>") == parse_html(body)


def test_render_signatures_are_read_as_django_tables2_reads_them():
    from django_tables2.utils import signature

    from xttm.core.tables import _signature

    class Renders(tables.Table):
        name = tables.Column()

        def render_name(self, value, record, **rest):
            return value

        @staticmethod
        def plain(value, *args, bound_row=None):
            return value

    table = Renders([])
    column = tables.Column()
    for function in (
        table.render_name,
        Renders.render_name,
        Renders.plain,
        column.render,
        len,
        lambda value: value,
    ):
        assert _signature(function) == signature(function)
        assert _signature(function) == signature(function)  # and from the cache
