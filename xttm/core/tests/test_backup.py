"""Backup and restore round-trip a database and its uploaded files exactly.

The tests that back up are transactional: a backup reads committed data, as the
command does outside any transaction (SQLite's backup API waits forever on a
connection that holds an open write transaction).
"""

import pytest
from django.core.management import CommandError, call_command

from xttm.core.backup import restore_backup, table_states
from xttm.directory.factories import EnterpriseFactory, PersonFactory
from xttm.directory.models import Enterprise


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
