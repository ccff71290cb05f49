"""The health endpoint: is the database answering, and is a task worker taking jobs?"""

import datetime

from django.db import connection
from django.http import JsonResponse
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .tasks import ping

PING_PATH = f"{ping.func.__module__}.{ping.func.__qualname__}"
# A worker polls every second; a ping older than this was not picked up.
STALL_AFTER = datetime.timedelta(seconds=60)


def worker_state() -> dict:
    from django.conf import settings

    if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_rq."):
        return rq_worker_state()
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    pings = DBTaskResult.objects.filter(task_path=PING_PATH)
    last_ok = pings.filter(status=TaskResultStatus.SUCCESSFUL).order_by("-finished_at").first()
    pending = pings.filter(status=TaskResultStatus.READY).order_by("enqueued_at").first()
    if pending is None:
        ping.enqueue()
    # Old pings are pruned here so the heartbeat never grows the table.
    pings.filter(finished_at__lt=now - datetime.timedelta(hours=1)).delete()
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    oldest = queued.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    if last_ok and now - last_ok.finished_at <= STALL_AFTER * 2:
        state = "ok"
    elif pending is not None and now - pending.enqueued_at > STALL_AFTER:
        state = "stalled"
    else:
        state = "unknown"
    return {
        "status": state,
        "last_heartbeat": last_ok.finished_at.isoformat() if last_ok else None,
        "queued": queued.count(),
        "oldest_queued_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "running": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
        "failed_last_24h": DBTaskResult.objects.filter(
            status=TaskResultStatus.FAILED, finished_at__gte=now - datetime.timedelta(days=1)
        ).count(),
    }


def rq_worker_state() -> dict:
    """The RQ backend's workers keep their own heartbeat in Redis: no ping job needed."""
    import django_rq
    from redis.exceptions import RedisError
    from rq import Worker
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    queue = django_rq.get_queue("default")
    now = timezone.now()
    try:
        workers = Worker.all(queue=queue)
    except RedisError as exc:
        # Redis down: the site still answers from the database; the queue does not.
        return {"status": "error", "backend": "rq", "error": exc.__class__.__name__}
    beats = [
        beat if beat.tzinfo else beat.replace(tzinfo=datetime.UTC)
        for beat in (worker.last_heartbeat for worker in workers)
        if beat is not None
    ]
    # A killed worker stays registered until its key expires: count the live ones.
    live = [beat for beat in beats if now - beat <= STALL_AFTER * 2]
    last = max(beats, default=None)
    if live:
        state = "ok"
    elif queue.count:
        state = "stalled"
    else:
        state = "unknown"
    first = queue.get_jobs(offset=0, length=1)
    oldest = first[0].enqueued_at if first else None
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=datetime.UTC)
    return {
        "status": state,
        "backend": "rq",
        "workers": len(live),
        "last_heartbeat": last.isoformat() if last else None,
        "queued": queue.count,
        "oldest_queued_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "running": StartedJobRegistry(queue=queue).count,
        "failed": FailedJobRegistry(queue=queue).count,
    }


@never_cache
def health(request):
    """200 when the database answers (the worker's state is reported, not required)."""
    body = {"database": {"status": "ok", "vendor": connection.vendor}}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the same thing to a load balancer
        body["database"] = {"status": "error", "error": exc.__class__.__name__}
        body["status"] = "error"
        return JsonResponse(body, status=503)
    body["worker"] = worker_state()
    body["status"] = "ok" if body["worker"]["status"] == "ok" else "degraded"
    return JsonResponse(body)
