"""Background tasks of the core: the worker's heartbeat."""

from django.tasks import task
from django.utils import timezone


@task()
def ping() -> str:
    """A no-op the health check sends through the queue to prove a worker is taking jobs."""
    return timezone.now().isoformat()
