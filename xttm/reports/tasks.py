"""Background jobs of the reports: build a period report, recording progress as it goes.

A worker that dies while building (a killed process, a lost machine) would leave
its job `running` for ever. While it builds, the worker holds an advisory lock on
the job (PostgreSQL drops it with the worker's connection); a `running` job whose
lock is free has lost its worker and is queued again — building a report twice
is harmless — when its page is polled or when any worker starts a report.
"""

import traceback

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.tasks import task
from django.utils import timezone

from xttm.core.jobs import REPORT_LOCK_SPACE, job_lock, lock_is_free
from xttm.core.storage import FileWriteError, save_or_explain

from .models import ReportJob


def requeue_orphaned_reports() -> list[int]:
    """Queue again every running report whose worker is gone (PostgreSQL); return their ids."""
    if connection.vendor != "postgresql":
        return []  # SQLite is the one-machine demo: its single worker restarts with `serve`
    running = ReportJob.objects.filter(status=ReportJob.Status.RUNNING).values_list("pk", flat=True)
    orphans = [pk for pk in running if lock_is_free(REPORT_LOCK_SPACE, pk)]
    for pk in orphans:
        again = ReportJob.objects.filter(pk=pk, status=ReportJob.Status.RUNNING).update(
            status=ReportJob.Status.QUEUED, progress=0, step=""
        )
        if again:
            transaction.on_commit(lambda pk=pk: build_report.enqueue(pk))
    return orphans


@task()
def build_report(job_id: int) -> str:
    """Build the report a `ReportJob` asks for and attach the file; failures are stored, not raised."""
    requeue_orphaned_reports()  # a worker that starts picks up after one that died
    with job_lock(job_id, REPORT_LOCK_SPACE):
        return _build(job_id)


def _build(job_id: int) -> str:
    claimed = ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(
        status=ReportJob.Status.RUNNING, progress=5
    )
    if claimed != 1:
        return "not queued"  # built already, or being built: a duplicate delivery
    job = ReportJob.objects.get(pk=job_id)

    def progress(percent: int, step: str) -> None:
        # A plain UPDATE so the polling page sees it while the job still runs.
        ReportJob.objects.filter(pk=job.pk).update(progress=percent, step=str(step)[:120])

    try:
        from .documents import build

        user = get_user_model().objects.get(pk=job.user_id)
        content, filename, _mime = build(job.kind, user, job.params, progress)
    except Exception as exc:  # the job page shows the error instead of spinning forever
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJob.Status.FAILED,
            error=f"{exc}\n{traceback.format_exc()[-2000:]}",
            finished_at=timezone.now(),
        )
        return "failed"
    job.refresh_from_db()
    try:
        save_or_explain(job.file, filename, ContentFile(content))
    except FileWriteError as exc:  # a full disk: said plainly, and no half file is left
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJob.Status.FAILED, error=str(exc), finished_at=timezone.now()
        )
        return "failed"
    job.filename = filename
    job.status = ReportJob.Status.DONE
    job.progress = 100
    job.step = ""
    job.finished_at = timezone.now()
    job.save()
    return job.file.name
