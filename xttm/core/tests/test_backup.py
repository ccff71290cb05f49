"""Backup and restore round-trip a database and its uploaded files exactly.

The tests that back up are transactional: a backup reads committed data, as the
command does outside any transaction (SQLite's backup API waits forever on a
connection that holds an open write transaction).
"""

import io
import os
import shutil
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from xttm.core.backup import create_backup, read_manifest, restore_backup, table_states
from xttm.directory.factories import EnterpriseFactory, PersonFactory
from xttm.directory.models import Enterprise, Person


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_same_rows_checksums_and_files(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "schemes").mkdir(parents=True)
    (settings.MEDIA_ROOT / "schemes" / "de-an.pdf").write_bytes(b"%PDF-1.4 test")
    EnterpriseFactory.create_batch(5)
    PersonFactory.create_batch(3)
    before = table_states()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))

    # Everything changes after the backup: rows added and removed, a file lost.
    EnterpriseFactory.create_batch(2)
    Enterprise.objects.first().delete()
    (settings.MEDIA_ROOT / "schemes" / "de-an.pdf").unlink()

    assert restore_backup(archive) == {}
    after = table_states()
    assert {t: (s.rows, s.checksum) for t, s in after.items()} == {
        t: (s.rows, s.checksum) for t, s in before.items()
    }
    assert Enterprise.objects.count() == 5
    assert (settings.MEDIA_ROOT / "schemes" / "de-an.pdf").read_bytes() == b"%PDF-1.4 test"


@pytest.mark.django_db(transaction=True)
def test_restore_asks_for_confirmation_and_changes_nothing_without_it(tmp_path):
    EnterpriseFactory.create_batch(2)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    EnterpriseFactory()
    with pytest.raises(CommandError, match="Chạy lại với --yes"):
        call_command("restore", str(archive))
    assert Enterprise.objects.count() == 3


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused_clearly(tmp_path):
    bogus = tmp_path / "khong-phai.tar.gz"
    bogus.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="không phải bản sao lưu XTTM hợp lệ"):
        call_command("restore", str(bogus), "--yes")


@pytest.mark.skipif(
    not os.environ.get("XTTM_SLOW_TESTS"),
    reason="seeding the demo takes a minute: set XTTM_SLOW_TESTS=1 (CI does with XTTM_CI_SLOW=1)",
)
@pytest.mark.django_db(transaction=True)
def test_a_demo_database_round_trips_with_its_uploaded_files(tmp_path, settings):
    from xttm.core.demo import seed_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo()
    # Uploaded files as the application keeps them: an import's file and a report.
    (settings.MEDIA_ROOT / "imports" / "2026" / "11").mkdir(parents=True)
    (settings.MEDIA_ROOT / "imports" / "2026" / "11" / "doanh-nghiep.csv").write_bytes(
        "Mã số thuế,Tên\n0100109106,Công ty Sữa\n".encode()
    )
    (settings.MEDIA_ROOT / "reports").mkdir()
    (settings.MEDIA_ROOT / "reports" / "bao-cao.docx").write_bytes(b"PK\x03\x04 docx")
    before = table_states()
    archive = tmp_path / "demo.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    manifest = read_manifest(archive)

    # The database is damaged and the files are lost…
    Enterprise.objects.update(name="Đã bị sửa nhầm")
    Person.objects.update(email="")
    EnterpriseFactory.create_batch(3)
    shutil.rmtree(settings.MEDIA_ROOT)
    # …and come back, checked by the command against the manifest.
    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert "số dòng và mã kiểm tra khớp" in out.getvalue()
    after = table_states()
    assert {t: (s.rows, s.checksum) for t, s in after.items()} == {
        t: (s.rows, s.checksum) for t, s in before.items()
    }
    assert after["directory_enterprise"].rows == manifest["tables"]["directory_enterprise"]["rows"]
    assert after["directory_enterprise"].rows > 1000  # the demo, not an empty database
    assert manifest["media_files"] == [
        "imports/2026/11/doanh-nghiep.csv",
        "reports/bao-cao.docx",
    ]
    assert (settings.MEDIA_ROOT / "reports" / "bao-cao.docx").read_bytes() == b"PK\x03\x04 docx"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: writes from another connection while pg_dump runs; CI runs it on PG",
)
@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_others_write_restores_exactly_what_its_manifest_says(
    tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    EnterpriseFactory.create_batch(5)
    archive = tmp_path / "busy.tar.gz"
    done = threading.Event()
    written = []

    def keep_writing():
        try:
            while not done.is_set():
                written.append(EnterpriseFactory().pk)
        finally:
            connection.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 3:  # the other connection is writing before the backup starts
            time.sleep(0.01)
        manifest = create_backup(archive)
    finally:
        done.set()
        writer.join(timeout=30)

    saved = manifest["tables"]["directory_enterprise"]["rows"]
    assert Enterprise.objects.count() == 5 + len(written) > saved  # writes went on after it
    assert restore_backup(archive) == {}
    assert Enterprise.objects.count() == saved
