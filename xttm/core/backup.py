"""Consistent backups of the database and the uploaded files, and their restore.

An archive is a .tar.gz holding `manifest.json` (what was saved, with row
counts and a checksum per table), the database (`database.sqlite3` taken with
SQLite's online backup API, or `database.pgdump` from `pg_dump -Fc`, both a
consistent snapshot while the application runs) and `media/`.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Vietnamese)."""


@dataclass
class TableState:
    rows: int
    checksum: str


def table_states(using: str = "default") -> dict[str, TableState]:
    """Row count and an order-independent checksum of every table Django manages.

    The checksum is a SHA-256 over the sorted text of every row, so the same
    data gives the same value after a restore, whatever the physical order.
    """
    states = {}
    connection = connections[using]
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names come from the database)
            rows = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            states[table] = TableState(rows=len(rows), checksum=digest)
    return states


def _plain(value):
    # PostgreSQL returns memoryview for bytea and aware datetimes; SQLite returns
    # bytes and strings. Normalise so the same data checksums the same on both.
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat()
    return value


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def create_backup(target: Path, *, alias: str = "default") -> dict:
    """Write an archive to `target`; return its manifest.

    On PostgreSQL the dump and the manifest's row counts and checksums read
    one snapshot (exported from a repeatable-read transaction and handed to
    pg_dump), so writes that land meanwhile are in neither, and a restore
    checks out exactly.
    """
    vendor = connections[alias].vendor
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if vendor == "sqlite":
            db_file = tmp_path / "database.sqlite3"
            # Through Django's own connection, so an in-memory test database works too.
            connections[alias].ensure_connection()
            dest = sqlite3.connect(str(db_file))
            try:
                connections[alias].connection.backup(dest)
            finally:
                dest.close()
            states = table_states(using=alias)
        elif vendor == "postgresql":
            db_file = tmp_path / "database.pgdump"
            states = _pg_dump_with_states(db_file, alias)
        else:
            raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "vendor": vendor,
            "database_file": db_file.name,
            "tables": {name: state.__dict__ for name, state in states.items()},
            "media_files": sorted(
                str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()
            )
            if media_root.exists()
            else [],
        }
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
                tar.add(db_file, arcname=db_file.name)
                if media_root.exists():
                    tar.add(media_root, arcname="media")
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise BackupError(f"Không ghi được bản sao lưu {target}: {exc.strerror}") from exc
    return manifest


def _pg_dump_with_states(db_file: Path, alias: str) -> dict[str, TableState]:
    """pg_dump and the table states, both from one exported snapshot."""
    if shutil.which("pg_dump") is None:
        raise BackupError("Không tìm thấy pg_dump: cài gói postgresql-client để sao lưu.")
    conn = connections[alias]
    if conn.in_atomic_block:
        raise BackupError("Sao lưu phải chạy ngoài một giao dịch đang mở.")
    db = conn.settings_dict
    with transaction.atomic(using=alias):
        with conn.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        result = subprocess.run(
            [
                "pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(db_file),
                *_pg_args(db), db["NAME"],
            ],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_dump thất bại: {result.stderr.strip()}")
        return table_states(using=alias)


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            manifest = json.load(member)
    except (OSError, tarfile.TarError, KeyError, json.JSONDecodeError) as exc:
        raise BackupError(f"“{archive}” không phải bản sao lưu XTTM hợp lệ.") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("Bản sao lưu thuộc định dạng khác, không khôi phục được.")
    return manifest


def restore_backup(archive: Path, *, alias: str = "default") -> dict:
    """Replace the database and media with the archive's; return the differences found after.

    The returned dict maps a table to (expected rows, found rows) where the
    restored data does not match the manifest; empty means an exact restore.
    """
    manifest = read_manifest(archive)
    vendor = connections[alias].vendor
    if manifest["vendor"] != vendor:
        raise BackupError(
            "Bản sao lưu của {saved} không khôi phục vào {current} được.".format(
                saved=manifest["vendor"], current=vendor
            )
        )
    db = connections[alias].settings_dict
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp_path, filter="data")
        db_file = tmp_path / manifest["database_file"]
        if vendor == "sqlite":
            # The online backup API copies page by page into the live database
            # under one lock: readers see the old or the new data, never a mix.
            connections[alias].ensure_connection()
            source = sqlite3.connect(str(db_file))
            try:
                source.backup(connections[alias].connection)
            finally:
                source.close()
        else:
            connections[alias].close()
            result = subprocess.run(
                [
                    "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                    "-d", db["NAME"], *_pg_args(db), str(db_file),
                ],
                env=_pg_env(db),
                capture_output=True,
                text=True,
            )  # fmt: skip
            if result.returncode != 0:
                raise BackupError(f"pg_restore thất bại: {result.stderr.strip()}")
        media_root = Path(settings.MEDIA_ROOT)
        restored_media = tmp_path / "media"
        if media_root.exists():
            shutil.rmtree(media_root)
        if restored_media.exists():
            shutil.copytree(restored_media, media_root)
    after = table_states(using=alias)
    differences = {}
    for table, saved in manifest["tables"].items():
        found = after.get(table)
        if found is None or found.rows != saved["rows"] or found.checksum != saved["checksum"]:
            differences[table] = (saved["rows"], found.rows if found else None)
    return differences
