"""Import jobs: start one from an upload, run it in the worker, notice a dead worker, run it again.

A job's rows and its outcome are committed in one transaction, so a worker
that dies mid-import leaves nothing saved; the job row is then still `running`
with nobody working on it. On PostgreSQL the worker holds a session advisory
lock on the job for as long as it runs (the server drops it when the worker's
connection dies), so a `running` job whose lock anyone can take has lost its
worker. SQLite runs on one machine: there, a job whose worker process is gone is
dead. Imports of the same kind run one at a time (an advisory lock on
PostgreSQL, SQLite's single writer), so one file imported twice at once
creates nothing twice: the second run finds the first one's rows by their
natural key.
"""

import errno
import logging
import os
import socket
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .importing import get_importer
from .models import ImportJob

S = ImportJob.Status
logger = logging.getLogger(__name__)

# Two-integer advisory lock keys: a namespace each, so they never collide with other locks.
JOB_LOCK_SPACE = 0x78747401  # "xtt" + 1: one lock per running job
KIND_LOCK_SPACE = 0x78747402  # one lock per kind of import
REPORT_LOCK_SPACE = 0x78747403  # one lock per running report job (xttm/reports/tasks.py)
HOLD_SECONDS = 120  # the test hook never holds a worker longer than this


class JobRefused(Exception):
    """An action on a job that its state does not allow; the message is for the user."""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def start_import(kind: str, upload, *, user, dry_run: bool = False) -> ImportJob:
    """Keep the uploaded file under MEDIA_ROOT, record a queued job and hand it to the worker."""
    from .storage import save_or_explain

    get_importer(kind)  # an unknown kind fails here, not in the worker
    job = ImportJob(kind=kind, user=user, filename=Path(upload.name).name[:255], dry_run=dry_run)
    save_or_explain(job.file, upload.name, upload)
    job.save()
    _enqueue(job)
    return job


def retry_import(job: ImportJob, *, actor) -> ImportJob:
    """Queue a failed job again with the same file; anything else is refused."""
    reap_dead_imports()
    again = ImportJob.objects.filter(pk=job.pk, status=S.FAILED).update(
        status=S.QUEUED, progress=0, error="", result={}, finished_at=None
    )
    if again != 1:
        raise JobRefused(_("Chỉ chạy lại được lần nhập bị gián đoạn."))
    job.refresh_from_db()
    _enqueue(job)
    return job


def _enqueue(job: ImportJob) -> None:
    from .tasks import run_import

    # After commit: a worker must never pick up a job whose row it cannot see yet.
    transaction.on_commit(lambda: run_import.enqueue(job.pk))


def run_import_job(job_id: int) -> str:
    """The worker's side: claim the job, import its file, store the outcome with the rows."""
    reap_dead_imports()  # a worker that starts cleans up after one that died
    with job_lock(job_id):
        claimed = ImportJob.objects.filter(pk=job_id, status=S.QUEUED).update(
            status=S.RUNNING,
            progress=10,
            attempts=F("attempts") + 1,
            worker=worker_name(),
            started_at=timezone.now(),
        )
        if claimed != 1:
            return "not queued"  # already run, or running elsewhere: a duplicate delivery
        job = ImportJob.objects.select_related("user").get(pk=job_id)
        try:
            with one_import_of_a_kind_at_a_time(job.kind):
                importer = get_importer(job.kind)(actor=job.user)
                with job.file.open("rb") as fh:
                    result = importer.run(fh, filename=job.filename, dry_run=job.dry_run)
                _hold_for_tests()
                outcome = {**result.as_json(), "ok": result.ok, "file_error": result.file_error}
                ImportJob.objects.filter(pk=job_id).update(
                    status=S.SUCCEEDED, progress=100, result=outcome, finished_at=timezone.now()
                )
        except Exception as exc:  # the page shows why instead of spinning forever
            logger.exception("Import job %s failed", job_id)  # the traceback is for the log only
            _fail(job_id, _explain(exc))
            return "failed"
    return "succeeded"


def _explain(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return _("Tệp đã tải lên không còn trên máy chủ; hãy tải tệp lên lại.")
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("Ổ đĩa máy chủ đã đầy; không lưu dòng nào. Hãy báo quản trị hệ thống.")
    if isinstance(exc, DatabaseError):
        return _("Cơ sở dữ liệu gặp lỗi khi nhập; không lưu dòng nào: {reason}").format(
            reason=str(exc).strip()[:300]
        )
    return _("Lỗi hệ thống khi nhập; không lưu dòng nào: {reason}").format(
        reason=str(exc)[:300] or exc.__class__.__name__
    )


def _fail(job_id: int, message: str) -> None:
    ImportJob.objects.filter(pk=job_id, status=S.RUNNING).update(
        status=S.FAILED, error=message, finished_at=timezone.now()
    )


def reap_dead_imports() -> list[int]:
    """Mark failed every running job whose worker is gone; return their ids."""
    dead = []
    for job in ImportJob.objects.filter(status=S.RUNNING).only("pk", "worker"):
        if _worker_is_gone(job):
            dead.append(job.pk)
    if dead:
        ImportJob.objects.filter(pk__in=dead, status=S.RUNNING).update(
            status=S.FAILED,
            error=_(
                "Tiến trình nền dừng giữa chừng khi đang nhập; không dòng nào được lưu. "
                "Bấm “Chạy lại” để nhập lại tệp này."
            ),
            finished_at=timezone.now(),
        )
    return dead


def lock_is_free(space: int, job_id: int) -> bool:
    """Whether nobody holds the job's advisory lock (PostgreSQL): a running job's worker is gone."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [space, _int4(job_id)])
        free = cursor.fetchone()[0]
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [space, _int4(job_id)])
    return free


def _worker_is_gone(job: ImportJob) -> bool:
    if connection.vendor == "postgresql":
        return lock_is_free(JOB_LOCK_SPACE, job.pk)
    host, _sep, pid = job.worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's worker: nothing to ask here
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's process
    return False


@contextmanager
def job_lock(job_id: int, space: int = JOB_LOCK_SPACE):
    """Hold the job's advisory lock for the whole run (PostgreSQL); it dies with the connection."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [space, _int4(job_id)])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [space, _int4(job_id)])


@contextmanager
def one_import_of_a_kind_at_a_time(kind: str):
    """A transaction that first waits for any other import of `kind` to commit.

    The command line runs its imports through this too, so a file imported
    from the page and from a terminal at once creates nothing twice.
    """
    with transaction.atomic():
        _serialise(kind)
        yield


def _serialise(kind: str) -> None:
    """Wait for any other import of this kind to commit (PostgreSQL; SQLite has one writer)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [KIND_LOCK_SPACE, _int4(zlib.crc32(kind.encode()))],
            )


def _int4(value: int) -> int:
    """Fold a number into PostgreSQL's signed 32-bit integer range."""
    value %= 2**32
    return value - 2**32 if value >= 2**31 else value


def _hold_for_tests() -> None:
    """Test-only: announce that the rows are written but uncommitted, then wait while told to."""
    hold = settings.XTTM_TEST_IMPORT_HOLD_FILE
    if not hold:
        return
    path = Path(hold)
    path.write_text(str(os.getpid()))
    deadline = time.monotonic() + HOLD_SECONDS
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
