"""Background jobs of the reports: build a period report, recording progress as it goes."""

import traceback

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from xttm.core.storage import FileWriteError, save_or_explain

from .models import ReportJob


@task()
def build_report(job_id: int) -> str:
    """Build the report a `ReportJob` asks for and attach the file; failures are stored, not raised."""
    job = ReportJob.objects.get(pk=job_id)
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.RUNNING, progress=5)

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
