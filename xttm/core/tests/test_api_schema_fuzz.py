"""Every API operation, fuzzed from our own OpenAPI schema: no server error, every response as documented.

A bounded number of examples per operation keeps the default run short;
`XTTM_FUZZ_EXAMPLES=200 uv run pytest xttm/core/tests/test_api_schema_fuzz.py`
runs a longer search. Writes land in the test database, which is rolled back.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from xttm.wsgi import application

EXAMPLES = int(os.environ.get("XTTM_FUZZ_EXAMPLES", "1"))
LONG = EXAMPLES > 1


# Loaded when the module is collected: generating the schema reads no table.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests go through the WSGI handler, whose request signals close a connection that is
    inside a transaction (PostgreSQL: the test's own); Django's test client unhooks them too."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def token_of(user) -> str:
    return Token.objects.get_or_create(user=user)[0].key


def fuzz(case, user):
    case.call_and_validate(
        headers={"Authorization": f"Token {token_of(user)}"},
        checks=[not_a_server_error, response_schema_conformance],
    )


BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    # The explicit phase adds schemathesis's coverage cases (dozens per operation): the long run only.
    phases=[Phase.explicit, Phase.generate] if LONG else [Phase.generate],
)


@schema.parametrize()
@BOUNDED
@pytest.mark.django_db
def test_the_api_answers_an_administrator_as_its_schema_says(case, personas):
    fuzz(case, personas["admin"])


@schema.parametrize()
@BOUNDED
@pytest.mark.django_db
def test_the_api_answers_a_partner_officer_as_its_schema_says(case, personas):
    fuzz(case, personas["partner_officer"])
