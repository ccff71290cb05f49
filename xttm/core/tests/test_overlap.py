"""Writes on a second thread, in the caller's transaction: what an import relies on to stay whole."""

import datetime
import sqlite3
import sys
import threading
import time
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from xttm.core.bulk import copy_rows, insert_rows
from xttm.core.overlap import SWITCH_INTERVAL, OverlappedWrites
from xttm.promotion.models import ExchangeRate

pytestmark = pytest.mark.django_db


def add_group(connection, name, *, pause=0.0, threads=None):
    """A write as an importer's: raw SQL on the connection it is given."""
    if pause:
        time.sleep(pause)
    if threads is not None:
        threads.append(threading.get_ident())
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO auth_group (name) VALUES (%s)", [name])


def test_a_write_runs_on_another_thread_inside_the_callers_transaction():
    threads = []
    with transaction.atomic():
        with OverlappedWrites() as writes:
            writes.submit(add_group, "Ban thi đua", threads=threads)
        assert Group.objects.filter(name="Ban thi đua").exists()
        transaction.set_rollback(True)

    assert threads and threads[0] != threading.get_ident()
    assert not Group.objects.filter(name="Ban thi đua").exists()


def test_a_query_of_the_calling_thread_waits_for_the_write_in_flight():
    with transaction.atomic(), OverlappedWrites() as writes:
        writes.submit(add_group, "Hội đồng", pause=0.2)
        # Asked at once, while the writer still sleeps: the query waits and sees the row.
        assert Group.objects.filter(name="Hội đồng").exists()


def test_a_failed_write_raises_in_the_caller_and_its_transaction_keeps_nothing():
    Group.objects.create(name="Văn phòng")
    with pytest.raises(IntegrityError):
        with transaction.atomic(), OverlappedWrites() as writes:
            writes.submit(add_group, "Phòng Kế hoạch")
            writes.submit(add_group, "Văn phòng")  # the same unique name: fails on the writer
            Group.objects.exists()  # the caller's next query raises the writer's error

    assert set(
        Group.objects.filter(name__in=["Văn phòng", "Phòng Kế hoạch"]).values_list(
            "name", flat=True
        )
    ) == {"Văn phòng"}


def test_a_failed_write_is_raised_on_leaving_the_block_when_no_query_follows():
    Group.objects.create(name="Văn phòng")
    with pytest.raises(IntegrityError):
        with transaction.atomic(), OverlappedWrites() as writes:
            writes.submit(add_group, "Văn phòng")

    assert Group.objects.filter(name="Văn phòng").count() == 1


def test_when_the_block_fails_its_own_error_is_raised_once_the_write_has_stopped():
    finished = []

    def slow(connection):
        add_group(connection, "Đoàn thanh niên", pause=0.2)
        finished.append(True)

    with pytest.raises(ValueError, match="tệp hỏng"):
        with transaction.atomic(), OverlappedWrites() as writes:
            writes.submit(slow)
            raise ValueError("tệp hỏng")

    assert finished == [True]
    assert not Group.objects.filter(name="Đoàn thanh niên").exists()


def test_imports_overlapping_on_two_threads_give_the_switch_interval_back_when_both_end():
    # The first import ends while the second still runs; the second ends last.
    before = sys.getswitchinterval()
    second_started, first_ended = threading.Event(), threading.Event()
    seen = []

    def second_import():
        with OverlappedWrites():  # the thread's own connection, never opened: it runs no query
            second_started.set()
            first_ended.wait(timeout=10)
            seen.append(sys.getswitchinterval())

    worker = threading.Thread(target=second_import)
    with OverlappedWrites():
        worker.start()
        assert second_started.wait(timeout=10)
    first_ended.set()
    worker.join(timeout=10)

    assert seen == [SWITCH_INTERVAL]  # still short while the second import ran alone
    assert sys.getswitchinterval() == before


def test_a_write_the_database_refuses_raises_djangos_error_and_keeps_nothing():
    with pytest.raises(IntegrityError):  # Django's, as the import job words it
        with transaction.atomic(), OverlappedWrites() as writes:
            writes.submit(
                lambda connection: (
                    insert_rows(
                        connection,
                        'INSERT INTO "promotion_exchangerate" ("date", "currency", "rate_to_vnd") '
                        "VALUES ",
                        [[datetime.date(2026, 1, 1)], [None], [Decimal(1)]],  # currency is NOT NULL
                    )
                    if connection.vendor == "sqlite"
                    else copy_into_rates(connection)
                )
            )
    assert not ExchangeRate.objects.exists()


def copy_into_rates(connection):
    with connection.cursor() as cursor:
        copy_rows(
            cursor,
            "promotion_exchangerate",
            ["date", "currency", "rate_to_vnd"],
            [[datetime.date(2026, 1, 1)], [None], [Decimal(1)]],
        )


def test_the_interpreters_switch_interval_is_shortened_only_while_writes_overlap():
    before = sys.getswitchinterval()
    with transaction.atomic(), OverlappedWrites():
        during = sys.getswitchinterval()

    assert during <= 0.001 < before
    assert sys.getswitchinterval() == before


def test_rows_inserted_column_by_column_read_back_as_the_orm_stores_them():
    from django.db import connection

    first = datetime.date(1990, 1, 1)
    count = 12_000
    days = [first + datetime.timedelta(days=n) for n in range(count)]
    rates = [Decimal(f"{24000 + n % 997}.{n % 10000:04d}") for n in range(count)]
    with transaction.atomic():
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            # SQLite's own bound on a statement's parameters, lowered so the rows take several.
            limit = connection.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 9_999)
        try:
            ranges = insert_rows(
                connection,
                'INSERT INTO "promotion_exchangerate" ("date", "currency", "rate_to_vnd") VALUES ',
                [days, ["USD"] * count, rates],
            )
        finally:
            if connection.vendor == "sqlite":
                connection.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)

    if connection.vendor == "sqlite":  # 3,333 rows a statement; the ids each one gave
        assert [last - first + 1 for first, last in ranges] == [3_333] * 3 + [2_001]
        ids = [n for first, last in ranges for n in range(first, last + 1)]
        assert sorted(ExchangeRate.objects.values_list("id", flat=True)) == ids
    stored = dict(ExchangeRate.objects.values_list("date", "rate_to_vnd"))
    assert len(stored) == count
    assert stored == dict(zip(days, rates, strict=True))
    ExchangeRate.objects.create(
        date=datetime.date(2030, 1, 1), currency="EUR", rate_to_vnd=rates[7]
    )
    assert ExchangeRate.objects.filter(rate_to_vnd=rates[7]).count() == 2
