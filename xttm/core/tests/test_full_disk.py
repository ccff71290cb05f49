"""A full disk while writing a file: a clear Vietnamese error, and no half-written file left.

The disk is real: a 1 MB tmpfs mounted for the test and filled up (so the test
needs root; it skips with the reason otherwise), then unmounted.
"""

import errno
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xttm.core.models import ImportJob
from xttm.directory.factories import EnterpriseFactory
from xttm.reports.models import ReportJob
from xttm.reports.tasks import build_report

FULL_DISK = "ổ đĩa máy chủ đã đầy. Hãy báo quản trị hệ thống giải phóng dung lượng rồi thử lại."


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs of our own, unmounted after the test."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill up needs root")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0777", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(disk: Path, *, leave: int = 0) -> None:
    """Write to the disk until it is full, then give back `leave` bytes."""
    filler = disk / "filler"
    with open(filler, "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))


def files_in(disk: Path) -> list[str]:
    return sorted(str(p.relative_to(disk)) for p in disk.rglob("*") if p.is_file())


@pytest.mark.django_db
def test_a_list_export_on_a_full_disk_says_so_and_leaves_no_temporary_file(
    client_as, small_disk, monkeypatch
):
    EnterpriseFactory.create_batch(30)
    # openpyxl streams write-only sheets through temporary files.
    monkeypatch.setattr(tempfile, "tempdir", str(small_disk))
    fill(small_disk)
    client = client_as("programme_officer")
    list_url = reverse("directory:enterprise-list")

    response = client.get(list_url, {"export": "xlsx"}, headers={"referer": list_url})

    assert response.status_code == 507
    assert f"Không tạo được tệp: {FULL_DISK}" in response.text
    assert f'href="{list_url}"' in response.text
    assert files_in(small_disk) == ["filler"]


@pytest.mark.django_db
def test_a_report_job_on_a_full_disk_fails_with_the_reason_and_no_half_file(
    personas, settings, small_disk
):
    settings.MEDIA_ROOT = small_disk / "media"
    (settings.MEDIA_ROOT / "reports").mkdir(parents=True)
    fill(small_disk, leave=4096)  # room for the start of the file, not for all of it
    job = ReportJob.objects.create(
        user=personas["leadership"],
        kind=ReportJob.Kind.PROGRAMME_XLSX,
        params={"year_from": "2010", "year_to": "2014"},
    )

    assert build_report.call(job.pk) == "failed"

    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.error.startswith("Không ghi được tệp “xttm-so-lieu-2010-2014.xlsx”: ")
    assert job.error.endswith(FULL_DISK)
    assert (job.file.name, job.filename) == ("", "")
    assert files_in(small_disk) == ["filler"]


@pytest.mark.django_db
def test_an_import_upload_on_a_full_disk_is_refused_on_the_form_and_queues_nothing(
    client_as, settings, small_disk
):
    settings.MEDIA_ROOT = small_disk / "media"
    settings.MEDIA_ROOT.mkdir()
    fill(small_disk, leave=4096)
    content = b"Ma so thue,Ten doanh nghiep\n" + b"0100109106,Cong ty\n" * 2000
    upload = SimpleUploadedFile("doanh-nghiep.csv", content, content_type="text/csv")

    response = client_as("admin").post(reverse("directory:enterprise-import"), {"file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": [f"Không ghi được tệp “doanh-nghiep.csv”: {FULL_DISK}"]
    }
    assert ImportJob.objects.count() == 0
    assert files_in(small_disk) == ["filler"]
