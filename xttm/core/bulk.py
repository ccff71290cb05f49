"""Statements for many rows at once: a multi-row INSERT, COPY text, a column among many values."""

import contextlib
import datetime
import itertools
import re
import uuid
from collections.abc import Sequence
from decimal import Decimal


@contextlib.contextmanager
def references_checked_as_written(connection, *, on: bool = True):
    """Inside a transaction, PostgreSQL checks foreign keys as each statement ends, not at commit.

    Django declares foreign keys DEFERRABLE INITIALLY DEFERRED, so PostgreSQL
    queues a check of every row written and runs them all at COMMIT, when
    nothing else can go on: 200,000 checks for 100,000 participations, some
    2 s that the official waited for after the last row was written. Checked as
    each COPY ends, they run on the server while the import validates its next
    chunk. A rolled-back run (`on=False`) never runs its queued checks at all,
    so it is better left deferred.

    On leaving normally, the rest of an enclosing transaction gets Django's
    default back (every deferrable constraint Django makes is initially
    deferred); on an error or a run marked for rollback, the rollback of the
    savepoint or the transaction restores it.
    """
    if not on or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    if not connection.needs_rollback:  # else the rollback restores it, and Django allows no query
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def among(column: str, values, params: list, connection=None) -> str:
    """SQL for `column` among `values`, the values appended to `params`.

    PostgreSQL gets one array parameter: psycopg's client-side binding scans
    the SQL for every `%s`, and 2,000 placeholders a chunk cost it more than
    the query (a third of a 20,000-row import's time).
    """
    if connection is None:
        from django.db import connection

    values = list(values)
    if connection.vendor == "postgresql":
        params.append(values)
        return f"{column} = ANY(%s)"
    params += values
    return f"{column} IN ({', '.join(['%s'] * len(values))})"


def insert_rows(connection, insert: str, columns: Sequence[list]) -> list[tuple[int, int]]:
    """`insert` ("INSERT INTO t (a, b) VALUES ") the rows given column by column, in as few
    multi-row statements as SQLite's parameter limit allows (other databases: executemany).

    On the writer thread this matters: the sqlite3 module lets go of the GIL for
    each statement's work, so executemany, a statement per row, would hand the GIL
    back and forth once per row and starve while the other thread validates (a
    convoy); one statement per few thousand rows builds the b-trees with the GIL
    free. What still needs the GIL is turning values into SQLite's, so a column of
    decimals or dates is turned at once, with the conversions Django registers
    with sqlite3 (`str`, `isoformat`), instead of one adapter call per value.

    Returns, on SQLite, the (first, last) rowids each statement gave: one
    statement's rows take consecutive rowids, no other writer coming between
    them (empty elsewhere).
    """
    width = len(columns)
    if not width or not columns[0]:
        return []
    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:
            placeholders = ", ".join(["%s"] * width)
            cursor.executemany(f"{insert}({placeholders})", list(zip(*columns, strict=True)))
        return []
    import sqlite3

    columns = [_sqlite_values(values) for values in columns]
    raw = connection.connection
    per = max(1, raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    one = "(" + ", ".join(["?"] * width) + ")"
    ranges = []
    for start in range(0, len(columns[0]), per):
        batch = [values[start : start + per] for values in columns]
        params = list(itertools.chain.from_iterable(zip(*batch, strict=True)))
        # Raw, so errors are wrapped here: a failed write raises Django's IntegrityError etc.
        with connection.wrap_database_errors:
            last = raw.execute(insert + ", ".join([one] * len(batch[0])), params).lastrowid
        ranges.append((last - len(batch[0]) + 1, last))
    return ranges


def _sqlite_values(values: list) -> list:
    """A column as Django's sqlite3 adapters would bind it, converted in one pass when it is
    all decimals or all dates (else left to the adapters)."""
    kinds = set(map(type, values))
    if kinds == {Decimal}:
        return list(map(str, values))
    if kinds == {datetime.date}:
        return list(map(datetime.date.isoformat, values))
    return values


# Rows formatted and sent at a time: the server works on one piece while the next is formatted.
COPY_PIECE = 500


def copy_rows(cursor, table: str, columns: Sequence[str], values: Sequence[list]) -> list[str]:
    """PostgreSQL: COPY the rows given column by column into `table` (names unquoted): one
    round trip, without a statement per row. `cursor` is Django's, on the connection to use.
    Returns the rows' lines of COPY text (`copy_text`), for `copy_lines` to reuse."""
    lines: list[str] = []
    count = _rows(values)
    with _copy(cursor, table, columns) as copy:
        for start in range(0, count, COPY_PIECE):
            piece = copy_text([column[start : start + COPY_PIECE] for column in values])
            copy.write("\n".join(piece) + "\n")
            lines += piece
    return lines


def copy_lines(
    cursor, table: str, columns: Sequence[str], lines: list[str], tail: str = ""
) -> None:
    """COPY rows already in COPY's text form into `table`, each line followed by `tail` (the
    text of more columns, tab first)."""
    end = tail + "\n"
    with _copy(cursor, table, columns) as copy:
        for start in range(0, len(lines), COPY_PIECE):
            copy.write(end.join(lines[start : start + COPY_PIECE]) + end)


@contextlib.contextmanager
def _copy(cursor, table: str, columns: Sequence[str]):
    quote = cursor.db.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    # Raw psycopg, so errors are wrapped here: a failed COPY raises Django's IntegrityError etc.
    with cursor.db.wrap_database_errors:
        with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            yield copy


def copy_text(values: Sequence[list]) -> list[str]:
    """Each row of the columns `values` as a line of PostgreSQL's COPY text format.

    Built a column at a time: a column of one type is turned to text in one pass
    (`map(str, …)` runs in C), where psycopg's `write_row` adapts every value of
    every row through its dumpers. A history row repeats its record's values, so
    its line is the record's line with the history's own fields after it
    (`copy_lines`' tail), which costs a string join instead of a second
    formatting (`ResultImporter._copy_new`).
    """
    if not _rows(values):
        return []
    return list(map("\t".join, zip(*map(_copy_column, values), strict=True)))


def _rows(values: Sequence[list]) -> int:
    """The number of rows of these columns, which must all have it."""
    lengths = set(map(len, values))
    if len(lengths) > 1:
        raise ValueError(f"columns of different lengths: {sorted(lengths)}")
    return lengths.pop() if lengths else 0


# COPY text escapes these four inside a value; `\N` is NULL.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r"[\\\t\n\r]")


def _copy_column(values: list) -> list[str]:
    kinds = set(map(type, values))
    if len(kinds) == 1:
        kind = next(iter(kinds))
        if kind is int or kind is Decimal:
            return list(map(str, values))
        if kind is datetime.date or kind is datetime.datetime:
            return list(map(kind.isoformat, values))
        if kind is str:
            if _NEEDS_ESCAPE.search("".join(values)):
                return [value.translate(_COPY_ESCAPES) for value in values]
            return values
    return list(map(_copy_value, values))


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):  # a choice's enum member too: its text is its value
        return str.translate(value, _COPY_ESCAPES)
    if isinstance(value, int):
        return int.__repr__(value)  # an IntEnum member too: its number
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.date):  # and datetime
        return value.isoformat()
    raise TypeError(f"COPY has no text form here for {type(value).__name__}: {value!r}")
