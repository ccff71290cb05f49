"""Read replica routing: reporting pages read from `replica`, everything else uses the primary.

Active only when `DATABASE_REPLICA_URL` is set (xttm/settings.py adds the alias
and this router). Only reads made inside `reporting_reads()` go to the replica:
the dashboards and their exports tolerate a few seconds of replication lag,
while a service that reads a row and then writes it back must see the primary,
so routing by model (e.g. every `ResultSummary` read) would be unsafe.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

REPLICA = "replica"
PRIMARY = "default"

# Only the domain data is read from the replica. Sessions, users, login throttling and
# report jobs stay on the primary: a session made a moment ago may not have reached
# the replica yet, and that would log the user out.
REPORTING_APPS = frozenset({"directory", "promotion", "emulation"})

_reporting: ContextVar[bool] = ContextVar("xttm_reporting_reads", default=False)


@contextmanager
def reporting_reads():
    """Inside this block, reads go to the replica (when one is configured)."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


def use_replica(view):
    """Wrap a read-only view (a dashboard, an export) so its queries read from the replica."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with reporting_reads():
            response = view(request, *args, **kwargs)
            # A TemplateResponse renders after the view returns: render inside the block.
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response

    return wrapped


class ReplicaRouter:
    """Django database router for a primary (`default`) and one read replica (`replica`)."""

    def db_for_read(self, model, **hints):
        if _reporting.get() and model._meta.app_label in REPORTING_APPS:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica receives its schema through replication, never from migrate.
        return db == PRIMARY
