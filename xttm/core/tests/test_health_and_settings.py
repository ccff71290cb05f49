"""The health endpoint, and the production settings passing Django's deployment check."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_the_database_and_enqueues_a_worker_heartbeat(client):
    from django_tasks_db.models import DBTaskResult

    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["status"] == "ok"
    # No worker runs in the test: the heartbeat is queued, the state not yet known.
    assert body["worker"]["status"] == "unknown"
    assert body["status"] == "degraded"
    assert DBTaskResult.objects.filter(task_path="xttm.core.tasks.ping").count() == 1
    client.get("/health/")
    assert DBTaskResult.objects.filter(task_path="xttm.core.tasks.ping").count() == 1


@pytest.mark.django_db(transaction=True)
def test_health_is_ok_once_a_worker_ran_the_heartbeat(client):
    # A real worker run: it closes database connections as it goes, which only a
    # transactional test survives on PostgreSQL.
    from django.core.management import call_command

    client.get("/health/")
    call_command("db_worker", batch=True, verbosity=0)
    body = client.get("/health/").json()
    assert body["worker"]["status"] == "ok"
    assert body["status"] == "ok"


def test_the_deployment_check_passes_with_production_variables(tmp_path):
    env = {
        **os.environ,
        "XTTM_PRODUCTION": "1",
        "SECRET_KEY": "k" * 60 + "-production-secret-for-the-check",
        "ALLOWED_HOSTS": "xttm.example.vn",
        "EMAIL_URL": "smtp+tls://xttm:secret@mail.example.vn:587",
        "XTTM_VAR_DIR": str(tmp_path),
    }
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "xttm.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "XTTM_PRODUCTION": "1", "XTTM_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "xttm.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_numbers_and_dates_print_the_vietnamese_way():
    import datetime

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("vi"):
        rendered = Template(
            "{% load humanize %}{{ n|intcomma }} {{ d|date:'SHORT_DATE_FORMAT' }}"
        ).render(Context({"n": 1234567, "d": datetime.date(2025, 7, 1)}))
    assert rendered == "1.234.567 01/07/2025"
