"""The read-replica router: reporting reads go to `replica`, every other read and all writes to the primary."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connections
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from xttm.core.db_router import ReplicaRouter, reporting_reads, use_replica
from xttm.promotion.models import ResultSummary, Scheme
from xttm.reports.models import ReportJob

SHOW_DATABASES = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'aliases': sorted(settings.DATABASES), "
    "'routers': settings.DATABASE_ROUTERS, "
    "'mirror': settings.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR')}))"
)


def _settings_with(**env) -> dict:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "xttm.settings"}
    environment.pop("DATABASE_REPLICA_URL", None)
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", SHOW_DATABASES],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_replica_url_there_is_one_database_and_no_router():
    assert _settings_with() == {"aliases": ["default"], "routers": [], "mirror": None}


def test_a_replica_url_adds_the_replica_alias_mirrored_in_tests_and_the_router():
    shown = _settings_with(DATABASE_REPLICA_URL="postgres://reader@replica.example.vn:5432/xttm")
    assert shown == {
        "aliases": ["default", "replica"],
        "routers": ["xttm.core.db_router.ReplicaRouter"],
        "mirror": "default",
    }


def test_domain_reads_go_to_the_replica_only_inside_reporting():
    router = ReplicaRouter()
    assert router.db_for_read(ResultSummary) == "default"
    with reporting_reads():
        assert router.db_for_read(ResultSummary) == "replica"
        assert router.db_for_read(Scheme) == "replica"
        assert router.db_for_read(Session) == "default"
        assert router.db_for_read(ReportJob) == "default"
    assert router.db_for_read(Scheme) == "default"


def test_writes_always_go_to_the_primary_even_inside_reporting():
    router = ReplicaRouter()
    with reporting_reads():
        assert router.db_for_write(ResultSummary) == "default"
    assert router.db_for_write(Scheme) == "default"


def test_migrations_run_only_on_the_primary():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "promotion") is True
    assert router.allow_migrate("replica", "promotion") is False


def test_a_wrapped_view_reads_from_the_replica_for_get_but_not_for_post():
    router = ReplicaRouter()
    seen = []

    def view(request):
        seen.append(router.db_for_read(ResultSummary))
        return None

    wrapped = use_replica(view)
    wrapped(RequestFactory().get("/reports/"))
    wrapped(RequestFactory().post("/reports/"))
    assert seen == ["replica", "default"]
    assert router.db_for_read(ResultSummary) == "default"


@pytest.mark.skipif(
    "replica" not in settings.DATABASES,
    reason="set DATABASE_REPLICA_URL (e.g. to DATABASE_URL) to route through the replica alias",
)
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_programme_dashboard_reads_its_summary_from_the_replica(client):
    # Transactional: the replica is a second connection (the TEST MIRROR of
    # default) and sees only committed rows.
    from xttm.accounts.factories import UserFactory
    from xttm.promotion.choices import Line

    user = UserFactory(username="lanhdao-replica", roles=["leadership"])
    client.force_login(user)
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        # The whole programme is read from the rollup, a filtered view from the summary.
        whole = client.get("/reports/")
        filtered = client.get("/reports/", {"line": Line.EXPORT})
    assert whole.status_code == filtered.status_code == 200
    replica_sql = " ".join(q["sql"] for q in on_replica.captured_queries)
    primary_sql = " ".join(q["sql"] for q in on_primary.captured_queries)
    for table in ("promotion_resultrollup", "promotion_resultsummary"):
        assert table in replica_sql
        assert table not in primary_sql
    # Sessions and users stay on the primary, whenever they are first read.
    assert "django_session" in primary_sql
    assert "django_session" not in replica_sql
