"""Background tasks of the core: the worker's heartbeat and spreadsheet imports."""

from django.tasks import task
from django.utils import timezone


@task()
def ping() -> str:
    """A no-op the health check sends through the queue to prove a worker is taking jobs."""
    return timezone.now().isoformat()


@task()
def run_import(job_id: int) -> str:
    """Run one `ImportJob`; its outcome (or why it broke) is stored on the job, not raised."""
    from .jobs import run_import_job

    return run_import_job(job_id)
