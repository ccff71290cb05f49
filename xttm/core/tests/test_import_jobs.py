"""Import jobs: queued from the page, run by a real worker, safe when run twice at once or killed.

The tests that run a worker are transactional: the worker commits, and it
closes its connection between batches, which PostgreSQL refuses inside a
test's transaction.
"""

import csv
import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.urls import reverse

from xttm.core import jobs
from xttm.core.models import ImportJob
from xttm.directory.factories import tax_code_for
from xttm.directory.models import Enterprise

S = ImportJob.Status
ROWS = 40

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: real concurrent connections and a worker process on the same "
    "database (SQLite's in-memory test database is private to one connection); CI runs it on PG",
)


def enterprises_csv(count: int = ROWS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Mã số thuế", "Tên doanh nghiệp", "Tỉnh/Thành phố"])
    for n in range(count):
        writer.writerow([tax_code_for(5000 + n), f"Công ty TNHH Thử nghiệm số {n}", "Hà Nội"])
    return buffer.getvalue().encode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def worker_queue(settings):
    """The real queue: django-tasks-db, as in production (the test settings may say otherwise)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue_job(client, name="doanh-nghiep.csv", content=None):
    """Upload through the page; return the job it queued (nothing imported yet)."""
    upload = SimpleUploadedFile(name, content or enterprises_csv(), content_type="text/csv")
    response = client.post(reverse("directory:enterprise-import"), {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("import-job", args=[job.pk])
    return job


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_queued_polled_and_imported_by_the_worker(
    client_as, media, worker_queue, personas
):
    client = client_as("programme_officer")
    job = queue_job(client)

    assert (job.status, job.kind, job.filename, job.user) == (
        S.QUEUED,
        "enterprises",
        "doanh-nghiep.csv",
        personas["programme_officer"],
    )
    assert Path(job.file.path).read_bytes() == enterprises_csv()
    assert Enterprise.objects.count() == 0
    page = client.get(reverse("import-job", args=[job.pk])).text
    assert 'hx-trigger="every 1s"' in page and "Đang chờ" in page

    call_command("db_worker", batch=True, verbosity=0)

    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (S.SUCCEEDED, 100, 1)
    assert Enterprise.objects.count() == ROWS
    fragment = client.get(reverse("import-job", args=[job.pk]), headers={"HX-Request": "true"})
    assert "hx-trigger" not in fragment.text
    assert f"Thêm mới {ROWS}, cập nhật 0, giữ nguyên 0." in fragment.text
    # Another user does not see the job; the administrator does.
    assert client_as("partner_officer").get(f"/imports/{job.pk}/").status_code == 404
    assert client_as("admin").get(f"/imports/{job.pk}/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_died_is_marked_failed_and_its_retry_succeeds(
    client_as, media, worker_queue
):
    # A worker that ran on this machine and is gone: a real process, already reaped.
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                              capture_output=True, text=True)  # fmt: skip
    dead_pid = int(finished.stdout)
    client = client_as("programme_officer")
    job = queue_job(client)
    call_command("db_worker", batch=True, verbosity=0)  # the queued task: now gone from the queue
    ImportJob.objects.filter(pk=job.pk).update(
        status=S.RUNNING, result={}, worker=f"{jobs.socket.gethostname()}:{dead_pid}"
    )
    Enterprise.objects.all().delete()

    page = client.get(reverse("import-job", args=[job.pk])).text

    job.refresh_from_db()
    assert job.status == S.FAILED
    assert job.error.startswith("Tiến trình nền dừng giữa chừng khi đang nhập")
    assert "Chạy lại" in page
    response = client.post(reverse("import-job-retry", args=[job.pk]))
    assert response.status_code == 302
    call_command("db_worker", batch=True, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (S.SUCCEEDED, 2, "")
    assert Enterprise.objects.count() == ROWS


@pytest.mark.django_db
def test_a_finished_job_is_not_run_again(client_as, media, post_import):
    client = client_as("programme_officer")
    post_import(client, reverse("directory:enterprise-import"), {
        "file": SimpleUploadedFile("dn.csv", enterprises_csv(3), content_type="text/csv")
    })  # fmt: skip
    job = ImportJob.objects.get()

    response = client.post(reverse("import-job-retry", args=[job.pk]), follow=True)

    assert "Chỉ chạy lại được lần nhập bị gián đoạn." in response.text
    job.refresh_from_db()
    assert (job.status, job.attempts) == (S.SUCCEEDED, 1)
    assert Enterprise.objects.count() == 3


@pytest.mark.django_db
def test_a_job_whose_kept_file_is_gone_fails_with_the_reason_and_saves_nothing(
    personas, media, worker_queue
):
    upload = SimpleUploadedFile("dn.csv", enterprises_csv(3), content_type="text/csv")
    job = jobs.start_import("enterprises", upload, user=personas["programme_officer"])
    Path(job.file.path).unlink()

    assert jobs.run_import_job(job.pk) == "failed"

    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (S.FAILED, 1, {})
    assert job.error == "Tệp đã tải lên không còn trên máy chủ; hãy tải tệp lên lại."
    assert Enterprise.objects.count() == 0


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_same_file_imported_twice_at_once_creates_no_duplicates(client_as, media, worker_queue):
    client = client_as("programme_officer")
    first = queue_job(client)
    second = queue_job_again(client)
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(job):
        try:
            barrier.wait(timeout=10)
            outcomes[job.pk] = jobs.run_import_job(job.pk)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(job,)) for job in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes == {first.pk: "succeeded", second.pk: "succeeded"}
    results = sorted((j.result["created"], j.result["unchanged"]) for j in ImportJob.objects.all())
    assert results == [(0, ROWS), (ROWS, 0)]
    assert Enterprise.objects.count() == ROWS


def queue_job_again(client):
    upload = SimpleUploadedFile("doanh-nghiep.csv", enterprises_csv(), content_type="text/csv")
    client.post(reverse("directory:enterprise-import"), {"file": upload})
    return ImportJob.objects.order_by("-pk").first()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_import_leaves_the_job_failed_nothing_saved_and_the_retry_succeeds(
    client_as, media, worker_queue, tmp_path
):
    client = client_as("programme_officer")
    job = queue_job(client)
    hold = tmp_path / "held"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://{user}@{host}:{port}/{name}".format(
            user=db["USER"], host=db["HOST"], port=db["PORT"], name=db["NAME"]
        ),
        "MEDIA_ROOT": str(media),
        "XTTM_TEST_IMPORT_HOLD_FILE": str(hold),
        "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "xttm.cli", "db_worker", "--batch"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not hold.exists():
            assert worker.poll() is None, worker.stderr.read().decode()
            assert time.monotonic() < deadline, "the worker never reached the import"
            time.sleep(0.05)
        # The rows are written inside the worker's open transaction: invisible here.
        assert ImportJob.objects.get(pk=job.pk).status == S.RUNNING
        assert Enterprise.objects.count() == 0
        assert jobs.reap_dead_imports() == []  # the live worker holds the job's lock
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    assert worker.returncode == -signal.SIGKILL

    # The server notices the lost connection and drops its lock within moments.
    close_old_connections()
    deadline = time.monotonic() + 10
    while (
        page := client.get(reverse("import-job", args=[job.pk]))
    ) and "Chạy lại" not in page.text:
        assert time.monotonic() < deadline, "the dead worker's job never turned failed"
        time.sleep(0.1)
    job.refresh_from_db()
    assert job.status == S.FAILED
    assert "Tiến trình nền dừng giữa chừng khi đang nhập; không dòng nào được lưu." in page.text
    assert Enterprise.objects.count() == 0

    client.post(reverse("import-job-retry", args=[job.pk]))
    call_command("db_worker", batch=True, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (S.SUCCEEDED, 2), job.error
    assert job.result["created"] == ROWS
    assert Enterprise.objects.count() == ROWS
