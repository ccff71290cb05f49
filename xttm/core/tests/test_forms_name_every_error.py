"""Every create and edit page, sent an empty form, names each invalid field in Vietnamese and saves nothing.

The routes come from the same URL walk as the access test, so a new form page is
checked as soon as it exists; the objects in the URLs are the access test's world.
"""

import html

import pytest
from django.db import connection
from django.forms import BaseForm
from django.test.utils import CaptureQueriesContext

from xttm.core.tests.access_table import PERSONAS, TABLE
from xttm.core.tests.access_world import build_world
from xttm.core.tests.test_access_routes import (
    BOOKKEEPING,
    WRITE,
    kwargs_for,
    routes,
    url_of,
)

pytestmark = pytest.mark.django_db

ENGLISH_DEFAULTS = ("This field is required", "Enter a valid", "Select a valid choice")


@pytest.fixture
def world(personas, partner_org, other_org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world(personas, partner_org, other_org)


def form_pages() -> list[tuple[str, str, str]]:
    """(route key, route, the first persona whose empty POST reaches validation: 200 in the table)."""
    found = []
    for key, (route, takes_post, _api) in sorted(routes().items()):
        if not takes_post or not key.rsplit(":", 1)[-1].endswith(("-create", "-update")):
            continue
        posts = TABLE[key][1].split()
        persona = next((p for p, code in zip(PERSONAS, posts, strict=True) if code == "200"), None)
        if persona:
            found.append((key, route, persona))
    return found


def forms_in(response) -> list[BaseForm]:
    return [
        v for ctx in response.context for v in ctx.flatten().values() if isinstance(v, BaseForm)
    ]


def test_there_are_form_pages_to_check():
    # A guard: the walk must find the directory, programme and emulation forms.
    keys = {key for key, _route, _persona in form_pages()}
    assert {
        "directory:enterprise-create",
        "promotion:scheme-create",
        "emulation:movement-create",
    } <= keys


@pytest.mark.parametrize(("key", "route", "persona"), form_pages(), ids=lambda v: str(v))
def test_an_empty_form_names_each_invalid_field_in_vietnamese_and_saves_nothing(
    key,
    route,
    persona,
    world,
    personas,
    client,
):
    client.force_login(personas[persona])
    url = url_of(route, kwargs_for(key, world.own, world.objects))

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {})

    assert response.status_code == 200, f"{key}: {response.status_code}"
    writes = [
        q["sql"][:120]
        for q in queries.captured_queries
        if WRITE.match(q["sql"]) and not BOOKKEEPING.match(q["sql"])
    ]
    assert writes == [], f"{key} wrote while refusing an empty form: {writes}"

    invalid = [form for form in forms_in(response) if form.is_bound and form.errors]
    assert invalid, f"{key}: the page says nothing is wrong with an empty form"
    page = response.content.decode()
    for form in invalid:
        for field, errors in form.errors.items():
            for error in errors:
                # The message is on the page, next to its field (or above the form).
                assert html.escape(error, quote=True) in page or error in page, (key, field, error)
                assert not error.startswith(ENGLISH_DEFAULTS), (key, field, error)
