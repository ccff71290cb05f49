"""A report whose worker died mid-build goes back in the queue and is built; a live one is left alone."""

import pytest
from django.db import connection, connections

from xttm.core.jobs import REPORT_LOCK_SPACE
from xttm.reports.models import ReportJob
from xttm.reports.tasks import build_report, requeue_orphaned_reports

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: a running job's worker is known by its advisory lock; CI runs it on PG",
    ),
]


def _running_job(user) -> ReportJob:
    return ReportJob.objects.create(
        user=user,
        kind=ReportJob.Kind.PROGRAMME_XLSX,
        params={"year_from": 2010, "year_to": 2014},
        status=ReportJob.Status.RUNNING,
        progress=40,
    )


def test_a_running_report_whose_worker_died_is_queued_again_and_built(
    programme_data, personas, client_as, django_capture_on_commit_callbacks
):
    job = _running_job(personas["leadership"])  # no worker holds its lock: the worker is gone

    with django_capture_on_commit_callbacks() as enqueued:
        page = client_as("leadership").get(f"/reports/jobs/{job.pk}/")

    assert page.status_code == 200
    job.refresh_from_db()
    assert (job.status, job.progress) == (ReportJob.Status.QUEUED, 0)
    assert len(enqueued) == 1  # handed to the worker once the page's transaction commits
    assert build_report.call(job.pk).endswith(".xlsx")
    job.refresh_from_db()
    assert (job.status, job.progress) == (ReportJob.Status.DONE, 100), job.error
    assert job.file.name.endswith(".xlsx")


def test_a_report_still_being_built_by_a_live_worker_is_left_alone(personas):
    job = _running_job(personas["leadership"])
    worker = connections.create_connection("default")  # the live worker's own connection
    try:
        with worker.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [REPORT_LOCK_SPACE, job.pk])

        assert requeue_orphaned_reports() == []

        job.refresh_from_db()
        assert (job.status, job.progress) == (ReportJob.Status.RUNNING, 40)
    finally:
        worker.close()  # the lock goes with the connection, as when a worker dies


def test_a_duplicate_delivery_of_a_finished_report_builds_nothing(personas):
    job = _running_job(personas["leadership"])
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.DONE, progress=100)

    assert build_report.call(job.pk) == "not queued"

    job.refresh_from_db()
    assert (job.status, job.progress, job.file.name) == (ReportJob.Status.DONE, 100, "")
