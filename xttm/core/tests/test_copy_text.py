"""Rows turned to PostgreSQL's COPY text a column at a time read back exactly as they were."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone

from xttm.core import bulk
from xttm.core.bulk import copy_lines, copy_rows, copy_text
from xttm.promotion.choices import Line

AT = datetime.datetime(2026, 11, 27, 9, 30, 15, 250_000, tzinfo=datetime.UTC)

# One column per kind of value an import writes, with the awkward cases of each.
COLUMNS = {
    "label": ["HĐ-01/2026", "tab\there", "two\nlines", "back\\slash", "\\N", "\\.", "", "cr\r"],
    "note": ["Hợp đồng", None, "x", None, "", "\\", None, "đ"],
    "amount": [Decimal("1250.50"), Decimal("-0.01"), Decimal("1E+3"), Decimal("0")] * 2,
    "day": [datetime.date(2026, 1, 31), datetime.date(1999, 12, 1)] * 4,
    "at": [AT, AT + datetime.timedelta(microseconds=1)] * 4,
    "flag": [True, False, True, True, False, False, True, False],
    "count": [0, -1, 2**40, 7, None, 3, 5, 9],
    "line": [Line.EXPORT, "x"] * 4,
}


def test_each_row_becomes_one_line_of_tab_separated_text():
    lines = copy_text([[1, 2], ["a", "b"], [Decimal("1.50"), None]])

    assert lines == ["1\ta\t1.50", "2\tb\t\\N"]


def test_copy_texts_escapes_and_nulls_follow_postgresqls_rules():
    lines = copy_text([COLUMNS["label"], COLUMNS["note"]])

    assert lines == [
        "HĐ-01/2026\tHợp đồng",
        "tab\\there\t\\N",
        "two\\nlines\tx",
        "back\\\\slash\t\\N",
        "\\\\N\t",  # the two characters \N, not NULL; then an empty string, not NULL
        "\\\\.\t\\\\",
        "\t\\N",
        "cr\\r\tđ",
    ]


def test_booleans_dates_times_and_choices_take_their_postgresql_spelling():
    line = copy_text([[True], [False], [datetime.date(2026, 2, 3)], [AT], [Line.EXPORT], [None]])[0]

    assert line.split("\t") == [
        "t",
        "f",
        "2026-02-03",
        "2026-11-27T09:30:15.250000+00:00",
        Line.EXPORT.value,
        "\\N",
    ]


def test_a_value_without_a_text_form_is_refused_by_name():
    with pytest.raises(TypeError, match="bytes"):
        copy_text([[b"\x00"]])


def test_columns_of_different_lengths_are_refused_not_cut_to_the_first():
    with pytest.raises(ValueError, match=r"different lengths: \[0, 2\]"):
        copy_text([[], [1, 2]])
    with pytest.raises(ValueError, match=r"\[500, 501\]"):
        copy_text([list(range(500)), list(range(501))])


def test_no_rows_are_no_lines_and_no_copy():
    assert copy_text([]) == [] and copy_text([[], []]) == []


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_rows_copied_as_text_read_back_equal_to_what_was_given(monkeypatch):
    monkeypatch.setattr(bulk, "COPY_PIECE", 3)  # sent in pieces, the last one short
    token = uuid.UUID("12345678-1234-5678-1234-567812345678")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE copied (label text NOT NULL, note text, amount numeric, "
            "day date, at timestamptz, flag boolean, count bigint, line text, token uuid) "
            "ON COMMIT DROP"
        )
        lines = copy_rows(cursor, "copied", list(COLUMNS), list(COLUMNS.values()))
        cursor.execute("SELECT * FROM copied ORDER BY at, label")
        stored = cursor.fetchall()
        # The lines again (a record's history row reuses its line), a column added at the end.
        cursor.execute("TRUNCATE copied")
        copy_lines(cursor, "copied", [*COLUMNS, "token"], lines, f"\t{token}")
        cursor.execute("SELECT * FROM copied ORDER BY at, label")
        again = cursor.fetchall()

    given = sorted(
        (
            tuple(str(v) if isinstance(v, Line) else v for v in row)
            for row in zip(*COLUMNS.values(), strict=True)
        ),
        key=lambda row: (row[4], row[0]),
    )
    assert [tuple(row) for row in stored] == [(*row, None) for row in given]  # no token yet
    assert [tuple(row) for row in again] == [(*row, token) for row in given]
    assert len(lines) == 8 and timezone.is_aware(stored[0][4])


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_a_copy_of_uneven_columns_writes_nothing():
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE uneven (a int, b int) ON COMMIT DROP")
        with pytest.raises(ValueError):
            copy_rows(cursor, "uneven", ["a", "b"], [list(range(500)), list(range(501))])
        cursor.execute("SELECT count(*) FROM uneven")
        assert cursor.fetchone() == (0,)
