"""Every URL and API route, requested as every persona and anonymously, against the access table.

The table (`access_table.py`) says what each persona gets from each route
with the partner organisation's objects; a route that is not in it fails
the first test, so a new page or endpoint cannot go live unexamined. The
walk then checks, on one small data set per group of routes:

- each GET (and each POST with an empty body) answers as the table says,
  and never 500; the API's PATCH/DELETE are refused to whoever cannot read;
- a refused write changes nothing in the database (no INSERT/UPDATE/DELETE
  beyond the session's bookkeeping);
- every version the audit history records during the walk names its author;
- the other organisation's objects are a 403/404 for the partner officer;
- no page, export or API answer the partner officer gets carries the other
  organisation's marker, in HTML, JSON or inside an xlsx/docx; exports write
  formula-like text as text; inline scripts carry the CSP nonce;
- the admin answers every non-staff visitor with its login page.

`XTTM_ACCESS_PRINT=1 uv run pytest xttm/core/tests/test_access_routes.py -s -k answers`
prints the table as observed, to review and paste when routes change.
"""

import io
import logging
import os
import re
import zipfile

import openpyxl
import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Max
from django.template.base import Template
from django.test import Client
from django.test.utils import CaptureQueriesContext, _TestState
from django.urls import URLPattern, URLResolver, get_resolver
from simple_history.models import HistoricalChanges

from xttm.core.views import ObjectListView

from .access_table import PERSONAS, TABLE
from .access_world import FOREIGN, build_world

ADMIN_PREFIX = "admin/"
# Writes that any request may make without changing the data: the session,
# the login throttle's bookkeeping, the user's last visit.
BOOKKEEPING = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(django_session|axes_)', re.I)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)
LOGIN_URL = "/accounts/login/"


def walk_routes(resolver=None, prefix="", namespace=""):
    """(key, route string, pattern) for every URL pattern; format-suffix twins share their key."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}{p.namespace}:"
            yield from walk_routes(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}", prefix + str(p.pattern), p


def api_writes(pattern) -> tuple[str, ...]:
    """The PATCH/DELETE a DRF detail route takes (PUT is the same gate as PATCH)."""
    actions = getattr(pattern.callback, "actions", None) or {}
    return tuple(m.upper() for m in ("patch", "delete") if m in actions)


def accepts_post(pattern) -> bool:
    """Whether the view has a POST handler; the others answer 405, which Django guarantees."""
    actions = getattr(pattern.callback, "actions", None)
    if actions is not None:  # a DRF viewset route
        return "post" in actions
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    return True  # a function view: try it


def routes() -> dict[str, tuple[str, bool]]:
    """Route key → (the route string to request, whether it takes POST);
    the route string is (the first pattern of each key, the suffix-free one).

    The three DRF routers each have an `api-root`: those keys carry their prefix.
    """
    found: dict[str, tuple[str, bool]] = {}
    for key, route, pattern in walk_routes():
        if route.startswith(ADMIN_PREFIX):
            continue
        if key == "api-root":
            if "<drf_format_suffix" in route:
                continue
            key = f"api-root {route}"
        found.setdefault(key, (route, accepts_post(pattern), api_writes(pattern)))
    return found


def admin_routes() -> list[tuple[str, str]]:
    return [(k, r) for k, r, _ in walk_routes() if r.startswith(ADMIN_PREFIX)]


def test_every_route_is_in_the_access_table():
    missing = sorted(set(routes()) - set(TABLE))
    stale = sorted(set(TABLE) - set(routes()))
    assert not missing, f"add the new route to the access table (access_table.py): {missing}"
    assert not stale, f"these routes are gone; remove them from the access table: {stale}"


# --- Concrete URLs --------------------------------------------------------------------------

ARG = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


def kwargs_for(key: str, side, o: dict) -> dict:
    """The URL's arguments: org-owned objects from `side`, shared ones from `o`."""
    short = key.split(":")[-1]
    by_pk = {
        # directory
        "organization-detail": o["unit"].organization,
        "organization-update": o["unit"].organization,
        "unit-detail": o["unit"],
        "unit-update": o["unit"],
        "person-detail": o["person"],
        "person-update": o["person"],
        "enterprise-detail": side.enterprise,
        "enterprise-update": side.enterprise,
        "province-detail": o["unit"].organization.province,
        # promotion pages and API
        "brandcycle-update": o["brand_cycle"],
        "brandcycle-detail": o["brand_cycle"],
        "brandapplicant-update": o["brand_applicant"],
        "brandapplicant-detail": o["brand_applicant"],
        "brandproduct-update": o["brand_product"],
        "brandproduct-detail": o["brand_product"],
        "facility-update": o["facility"],
        "facility-detail": o["facility"],
        "staffing-update": side.staffing,
        "networkstaffing-detail": side.staffing,
        "scheme-detail": side.scheme,
        "scheme-update": side.scheme,
        "scheme-move": side.scheme,
        "scheme-transition": side.scheme,
        "scheme-transitions": side.scheme,
        "attachment-add": side.scheme,
        "attachment-download": side.attachment,
        "attachment-delete": side.attachment,
        "budget-line": side.scheme,
        "scheme-appraise": side.scheme,
        "activity-create": side.scheme,
        "activity-detail": side.activity,
        "participation-add": side.activity,
        "participation-detail": side.participation,
        "deal-create": side.activity,
        "deal-detail": side.deal,
        "notification-open": side.notification,
        "notification-detail": side.notification,
        "notification-read": side.notification,
        "programmeyear-detail": None,
        "supportcontent-detail": o["content"],
        "contentrate-detail": o["rate"],
        "schemeevent-detail": side.event,
        "appraisal-detail": side.appraisal,
        "approvalbatch-detail": o["batch"],
        "adjustment-detail": side.adjustment,
        "budgetline-detail": side.budget_line,
        "exchangerate-detail": None,
        # emulation
        "movement-detail": o["movement"],
        "movement-criteria": o["movement"],
        "movement-file": o["movement_attachment"],
        "movement-assess": o["movement"],
        "review-create": o["movement"],
        "review-report": o["review"],
        "registration-detail": o["registration"],
        "registration-action": o["registration"],
        "registration-approve": o["registration"],
        "registration-return-": o["registration"],
        "registration-submit": o["registration"],
        "person-profile": o["person"],
        "unit-profile": o["unit"],
        "rating-detail": o["rating"],
        "commendation-edit": o["commendation"],
        "commendation-detail": o["commendation"],
        "initiative-edit": o["initiative"],
        "initiative-detail": o["initiative"],
        "discipline-edit": o["discipline"],
        "discipline-detail": o["discipline"],
        "hold-edit": o["hold"],
        "hold-lift": o["hold"],
        "reviewhold-detail": o["hold"],
        "reviewhold-lift": o["hold"],
        "leave-edit": o["leave"],
        "leave-detail": o["leave"],
        "round-detail": o["round"],
        "round-nominate": o["round"],
        "session-create": o["round"],
        "nomination-detail": o["nomination"],
        "nomination-dossier": o["nomination"],
        "nomination-file": o["nomination"],
        "nomination-document": o["nomination"],
        "session-detail": o["session"],
        "session-minutes": o["session"],
        "session-vote": o["session"],
        "session-action": o["session"],
        "decision-detail": o["decision"],
        "decision-issue": o["decision"],
        "decision-document": o["decision"],
        "exemplar-detail": o["exemplar"],
        "lesson-detail": o["lesson"],
        "emulationsetting-detail": o["setting"],
        "ballot-detail": None,
        "person-facts-detail": o["person"],
        "unit-facts-detail": o["unit"],
        "job": side.job,
        "job-download": side.job,
        "import-job": side.import_job,
        "import-job-retry": side.import_job,
    }
    extra = {
        "year": 2026,
        "to_state": "submitted",
        "action": "submit",
        "document": o["document"].pk,
        "kind": "submission",
        "item": o["item"].pk,
        "nomination": o["nomination"].pk,
        "session": o["session"].pk,
        "uidb64": o["uidb64"],
        "token": o["token"],
    }
    if short == "decision-document":
        extra["kind"] = "docx"
    if key.startswith("reports:"):
        extra["kind"] = "programme_xlsx"
    if short in ("session-action",):
        extra["action"] = "close"
    obj = by_pk.get(short)
    if obj is not None:
        extra["pk"] = obj.pk
    elif short in ("programmeyear-detail",):
        from xttm.promotion.models import ProgrammeYear

        extra["pk"] = ProgrammeYear.objects.get(year=2026).pk
    elif short == "exchangerate-detail":
        from xttm.promotion.models import ExchangeRate

        extra["pk"] = ExchangeRate.objects.first().pk
    elif short == "ballot-detail":
        extra["pk"] = 999999
    return extra


def url_of(route: str, kwargs: dict) -> str:
    def fill(m):
        name = m.group("name") or m.group("rname")
        return str(kwargs[name])

    path = ARG.sub(fill, route).replace("^", "").replace("$", "")
    return "/" + path


# --- The walk ---------------------------------------------------------------------------------


def texts_of(response) -> str:
    """What a reader of the response would see: the body, or the XML inside an xlsx/docx."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return " ".join(
                    archive.read(n).decode("utf-8", "replace")
                    for n in archive.namelist()
                    if n.endswith(".xml")
                )
        except zipfile.BadZipFile:
            return ""
    return content.decode("utf-8", "replace")


@pytest.fixture
def world(personas, partner_org, other_org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world(personas, partner_org, other_org)


@pytest.fixture
def clients(personas):
    made = {"anon": Client()}
    for name in PERSONAS[1:]:
        made[name] = Client()
        made[name].force_login(personas[name])
    return made


def _request(client, method, url):
    connection.queries_log.clear()  # the log is a bounded deque: a full one captures nothing
    with CaptureQueriesContext(connection) as queries:
        if method == "GET":
            response = client.get(url)
        elif method == "POST":
            response = client.post(url, {})
        else:  # an API's PATCH or DELETE
            response = client.generic(method, url, "{}", content_type="application/json")
    writes = [
        q["sql"][:120]
        for q in queries.captured_queries
        if WRITE.match(q["sql"]) and not BOOKKEEPING.match(q["sql"])
    ]
    refused = response.status_code in (401, 403, 404, 405) or (
        response.status_code == 302 and response.url.startswith(LOGIN_URL)
    )
    return response, (writes if refused else [])


# The schema is the same document for everyone (no rows in it) and costs a second to build:
# it is requested anonymously and as the partner officer only.
ONLY_ANON_AND_PARTNER = {"api-schema"}
# Enterprises are a shared register, and the network's staffing figures are reference rows
# every signed-in user reads: their pages are open to every partner, but must not show the
# other organisation's schemes, activities or deals.
SHARED = {
    "directory:enterprise-detail",
    "directory:enterprise-update",
    "enterprise-detail",
    "networkstaffing-detail",
}


def is_list_page(pattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", None)
    return view_class is not None and issubclass(view_class, ObjectListView)


GROUPS = ("directory", "promotion", "emulation", "reports", "api", "other")


def group_of(key: str, route: str) -> str:
    namespace = key.split(":")[0] if ":" in key else ""
    if namespace in GROUPS:
        return namespace
    return "api" if route.startswith("api/") else "other"


def observe(world, clients, group):
    """Status of every (route, persona, method) of a group with the partner organisation's objects.

    Every GET runs before any POST (then the API's PATCH and DELETE), so a
    request that deletes or moves an object cannot change what a GET sees.
    """
    seen = {}
    leaks = []
    table = sorted((k, v) for k, v in routes().items() if group_of(k, v[0]) == group)
    for method in ("GET", "POST", "PATCH", "DELETE"):
        for key, (route, takes_post, writes_api) in table:
            if (method == "POST" and not takes_post) or (
                method in ("PATCH", "DELETE") and method not in writes_api
            ):
                continue
            url = url_of(route, kwargs_for(key, world.own, world.objects))
            for persona in PERSONAS:
                if key in ONLY_ANON_AND_PARTNER and persona not in ("anon", "partner_officer"):
                    continue
                response, writes = _request(clients[persona], method, url)
                if key == "logout" and persona != "anon":
                    clients[persona].force_login(world.personas[persona])
                seen[key, persona, method] = (response.status_code, writes, url)
                if method == "GET" and response.status_code == 200:
                    text = texts_of(response)
                    if persona == "partner_officer" and FOREIGN in text:
                        leaks.append(url)
                    leaks.extend(f"{url}: {p}" for p in csp_problems(response, text))
    return seen, leaks


SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son(click|load|change|submit|error|input)\s*=", re.I)


def csp_problems(response, text) -> list[str]:
    """An HTML page's inline scripts must carry the nonce its Content-Security-Policy names."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    policy = response.get("Content-Security-Policy", "")
    script_src = policy.split("script-src", 1)[-1].split(";")[0] if "script-src" in policy else ""
    if not script_src or "unsafe-inline" in script_src:
        return [f"the policy does not hold scripts back: {policy!r}"]
    # Django names a nonce in the policy only when the page used one.
    found = re.search(r"'nonce-([^']+)'", script_src)
    nonce = f'nonce="{found.group(1)}"' if found else None
    problems = [
        f"inline script without the nonce: <script{attrs}>"
        for attrs in SCRIPT.findall(text)
        if "src=" not in attrs
        and 'type="application/json"' not in attrs  # data (json_script), never run
        and (nonce is None or nonce not in attrs)
    ]
    if INLINE_HANDLER.search(text):
        problems.append(f"inline event handler: {INLINE_HANDLER.search(text).group(0)[:80]}")
    return problems


@pytest.fixture
def quiet_refusals(monkeypatch):
    """Each 403/404 would log a warning with its traceback: thousands of them, all expected.

    The test runner also instruments every template render with a signal (for
    `response.context`, which the walk never reads); plain rendering makes the
    thousands of pages about a fifth cheaper.
    """
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    original = getattr(getattr(_TestState, "saved_data", None), "template_render", None)
    if original is not None:
        monkeypatch.setattr(Template, "_render", original)
    yield
    logger.setLevel(level)


def print_table(seen):
    """The observed table, in access_table.py's format (XTTM_ACCESS_PRINT=1)."""
    for key in sorted({k for k, _, _ in seen}):

        def codes(method, key=key):
            return " ".join(str(seen.get((key, p, method), ("-",))[0]) for p in PERSONAS)

        post = codes("POST") if (key, "anon", "POST") in seen else "-"
        print(f'    "{key}": ("{codes("GET")}", "{post}"),')


def history_models():
    """The version tables of audited models (the m2m link tables carry no author of their own)."""
    return [
        m
        for m in apps.get_models()
        if issubclass(m, HistoricalChanges)
        and any(f.name == "history_user" for f in m._meta.fields)
    ]


# A test per group: the report names the app, and pytest-xdist can share the walk out.
@pytest.mark.parametrize("group", GROUPS)
def test_every_route_answers_each_persona_as_the_access_table_says(
    group, world, clients, quiet_refusals
):
    before = {m: m.objects.aggregate(last=Max("history_id"))["last"] or 0 for m in history_models()}
    seen, leaks = observe(world, clients, group)
    # Every version the requests wrote names the user who made the change.
    written = {m: m.objects.filter(history_id__gt=last) for m, last in before.items()}
    if group in ("emulation", "api"):  # their POSTs change audited rows: the check is not blind
        assert sum(q.count() for q in written.values()) > 0
    anonymous = [m.__name__ for m, q in written.items() if q.filter(history_user=None).exists()]
    assert anonymous == [], f"changes recorded without their actor: {anonymous}"
    if os.environ.get("XTTM_ACCESS_PRINT"):
        print_table(seen)
    wrong = []
    for (key, persona, method), (status, writes, url) in sorted(seen.items()):
        if method in ("PATCH", "DELETE"):
            # Not in the table: whoever may not read the object may not change it either.
            if status >= 500 or (
                seen[key, persona, "GET"][0] in (401, 403, 404)
                and status not in (401, 403, 404, 405)
            ):
                wrong.append(f"{method} {url} as {persona}: {status}")
            if writes:
                wrong.append(f"refused {method} {url} as {persona} wrote: {writes}")
            continue
        codes = TABLE.get(key, ("-", "-"))[method == "POST"].split()
        want = codes[PERSONAS.index(persona)] if len(codes) > 1 else "-"
        if status >= 500 or (want != "-" and status != int(want)):
            wrong.append(f"{method} {url} as {persona}: {status}, the table says {want}")
        if method == "POST" and writes:
            wrong.append(f"refused POST {url} as {persona} wrote: {writes}")
    assert not wrong, "\n".join(wrong)
    assert not leaks, f"other organisation's data or unsafe scripts: {leaks}"


def test_the_other_organisations_objects_are_refused_to_the_partner_officer(
    world, clients, quiet_refusals
):
    """Each route built with the other organisation's objects: a 403/404, and nothing written."""
    partner = clients["partner_officer"]
    wrong = []
    checked = 0
    for key, (route, takes_post, _writes) in sorted(routes().items()):
        own = url_of(route, kwargs_for(key, world.own, world.objects))
        url = url_of(route, kwargs_for(key, world.foreign, world.objects))
        if url == own:
            continue  # the route names no organisation's object
        checked += 1
        for method in ("GET", "POST") if takes_post else ("GET",):
            response, writes = _request(partner, method, url)
            if key in SHARED:
                if response.status_code >= 500 or FOREIGN in texts_of(response):
                    wrong.append(f"{method} {url}: {response.status_code} or shows {FOREIGN}")
            elif response.status_code not in (403, 404, 405) or writes:
                wrong.append(f"{method} {url}: {response.status_code}, wrote {writes}")
    assert checked >= 30
    assert not wrong, "\n".join(wrong)


def formulas_in(response) -> list[str]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [
        cell.coordinate
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_the_partner_officers_lists_and_exports_hold_no_other_organisations_rows(
    world, clients, quiet_refusals
):
    partner = clients["partner_officer"]
    seen = []
    for _key, route, pattern in walk_routes():
        if not is_list_page(pattern):
            continue
        for query in ("", "?export=xlsx"):
            response = partner.get("/" + route + query)
            assert response.status_code == 200, (route, query)
            text = texts_of(response)
            assert FOREIGN not in text, f"/{route}{query} shows the other organisation's rows"
            if query:
                assert formulas_in(response) == [], f"/{route}{query} exports a formula"
            seen.append(route)
    # Our own rows do show (the search for the marker is not blind), their formula-like
    # names as text.
    assert world.own.scheme.title.startswith("=")
    schemes = partner.get("/promotion/schemes/?export=xlsx")
    assert world.own.scheme.code in texts_of(schemes)
    assert FOREIGN in texts_of(clients["outsider"].get("/promotion/schemes/?export=xlsx"))
    assert len(seen) >= 40


ADMIN_ARGS = {
    "object_id": "1",
    "pk": "1",
    "content_type_id": "1",
    "app_label": "emulation",
    "url": "x",
}
# Open by design: the login page asks for a staff login, logout ends a session, and
# view-on-site only redirects to the object's own page, which has its scope.
ADMIN_OPEN = {"admin/login/", "admin/logout/", "admin/r/<int:content_type_id>/<path:object_id>/"}


def admin_url(route: str, pattern) -> str:
    path = ARG.sub(lambda m: ADMIN_ARGS[m.group("name") or m.group("rname")], route)
    path = re.sub(r"\(\?P<app_label>[^)]*\)", "emulation", path)
    return "/" + path.replace("^", "").replace("$", "")


def test_the_admin_is_closed_to_every_persona_without_staff_status(clients, quiet_refusals):
    """The admin decides on `is_staff` alone, the same for every role: three visitors suffice."""
    wrong = []
    for _key, route, pattern in walk_routes():
        if not route.startswith(ADMIN_PREFIX) or route in ADMIN_OPEN:
            continue
        url = admin_url(route, pattern)
        for persona in ("anon", "admin", "partner_officer"):
            response = clients[persona].get(url)
            if response.status_code != 302 or "/admin/login/" not in response.url:
                wrong.append(f"{url} as {persona}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
