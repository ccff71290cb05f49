"""A sheet's body becomes (row number, cells at the table's columns) of each row not blank.

Whole batches of ordinary rows are picked in C; a batch with a short row, a
blank row or a first cell that is not text goes row by row. Either way the
records are those of the plain rule, checked here on generated sheets.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xttm.core import importing
from xttm.core.importing import _table_records, is_blank

CELLS = st.sampled_from(["", " ", "\u00a0", "HD-01", " a ", "0312", None, 0, 7, 1.5, True])


def plain_records(rows, first_number, positions):
    """The rule, row by row: a missing cell is empty text; a row of blank cells is left out."""
    out = []
    for number, cells in enumerate(rows, start=first_number):
        values = tuple(cells[c] if c < len(cells) else "" for c in positions)
        if not all(map(is_blank, values)):
            out.append((number, values))
    return out


@pytest.mark.parametrize("batch", [1, 3, 1_000])
@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=6), max_size=40),
    positions=st.lists(st.integers(0, 5), min_size=1, max_size=4, unique=True),
    first=st.integers(1, 9),
)
def test_the_records_of_a_sheet_are_its_rows_not_blank_at_the_tables_columns(
    batch, rows, positions, first
):
    importing._RECORD_BATCH, saved = batch, importing._RECORD_BATCH
    try:
        got = list(_table_records(iter(rows), first, tuple(positions)))
    finally:
        importing._RECORD_BATCH = saved
    assert got == plain_records(rows, first, tuple(positions))


def test_a_clean_batch_and_the_rows_after_a_blank_one_keep_their_own_numbers():
    rows = [["HD-1", "a"], ["HD-2", "b"], ["", " "], ["HD-4", "d"], [None], ["HD-6", "f"]]
    assert list(_table_records(iter(rows), 2, (0, 1))) == [
        (2, ("HD-1", "a")),
        (3, ("HD-2", "b")),
        (5, ("HD-4", "d")),
        (7, ("HD-6", "f")),
    ]
