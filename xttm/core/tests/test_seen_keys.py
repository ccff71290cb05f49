"""SeenKeys names a repeated row with the row it repeats, as a dict of every key would.

Whether the keys of earlier chunks are kept in memory or in the import's
temporary table, and whatever the Bloom filter in front of them lets through.
Keys are ints, whose hash is the int itself (but hash(-1) is -2), so keys that
share a hash can be made.
"""

import random

import pytest

from xttm.core.importing import MemoryLedger, SeenKeys, TableLedger


@pytest.fixture(params=["memory", "table"])
def ledger(request):
    if request.param == "memory":
        return MemoryLedger()
    request.getfixturevalue("db")
    from django.db import connection

    return TableLedger(connection)


class CountingLedger(MemoryLedger):
    def __init__(self):
        super().__init__()
        self.asked = 0

    def find(self, hashes):
        self.asked += len(hashes)
        return super().find(hashes)


class DictOfEveryKey:
    """What SeenKeys must answer, kept the obvious way: every key in a dict."""

    def __init__(self):
        self.earlier, self.chunk = {}, {}

    def add(self, key, sheet, number):
        if key in self.chunk:
            return self.chunk[key]
        self.chunk[key] = (sheet, number)
        return None

    def flush(self):
        repeats = sorted(
            (where, self.earlier[key]) for key, where in self.chunk.items() if key in self.earlier
        )
        for key, where in self.chunk.items():
            self.earlier.setdefault(key, where)
        self.chunk = {}
        return repeats


def feed(seen, chunks):
    """Each chunk's add() answers and flush() answer, for chunks of (key, sheet, row)."""
    answers = []
    for chunk in chunks:
        answers.append([seen.add(key, sheet, number) for key, sheet, number in chunk])
        answers.append(seen.flush())
    return answers


def random_file(seed, *, rows, distinct):
    """Rows of a file of several sheets, each numbering its rows from 2, cut into chunks of
    random sizes; keys drawn from `distinct` ints either side of zero, so many repeat."""
    rng = random.Random(seed)
    keys = [k for k in range(-distinct // 2, distinct // 2 + 1) if k != -1]
    sheets = [f"Trang {n}" for n in range(12)]
    chunks, chunk, sheet, number = [], [], sheets[0], 1
    for _ in range(rows):
        if rng.random() < 0.01:  # a new sheet, sometimes one read before
            sheet, number = rng.choice(sheets), 1
            if chunk:
                chunks.append(chunk)
                chunk = []
        number += rng.choice((1, 1, 1, 2, 7))  # blank and skipped rows leave gaps
        chunk.append((rng.choice(keys), sheet, number))
        if len(chunk) >= rng.choice((1, 5, 40, 300)):
            chunks.append(chunk)
            chunk = []
    return [*chunks, chunk]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_thousands_of_random_keys_get_the_answers_a_dict_of_every_key_gives(seed, ledger):
    chunks = random_file(seed, rows=6_000, distinct=3_000)
    assert feed(SeenKeys(ledger), chunks) == feed(DictOfEveryKey(), chunks)


def feed_rows(seen, chunks, skipped):
    """As `feed`, through `add_rows` a chunk at a time, leaving out the rows at `skipped` of each
    chunk (rows with a wrong cell): each row's answer (None, its first row, or "skipped")."""
    answers = []
    for chunk in chunks:
        keys = [key for key, _sheet, _number in chunk]
        numbers = [number for _key, _sheet, number in chunk]
        skip = {at for at in skipped if at < len(chunk)}
        keep, inside = seen.add_rows(keys, chunk[0][1] if chunk else "A", numbers, skip)
        row = {at: None for at in keep} | dict(inside) | dict.fromkeys(skip, "skipped")
        answers.append([row[at] for at in range(len(chunk))])
        answers.append(seen.flush())
    return answers


def feed_each(seen, chunks, skipped):
    """What `feed_rows` must answer: `add` row by row, the rows at `skipped` left out."""
    answers = []
    for chunk in chunks:
        answers.append(
            [
                "skipped" if at in skipped else seen.add(key, sheet, number)
                for at, (key, sheet, number) in enumerate(chunk)
            ]
        )
        answers.append(seen.flush())
    return answers


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("skipped", [set(), {0, 3, 4}])
def test_a_chunk_added_at_once_gets_the_answers_of_its_rows_added_one_by_one(seed, skipped, ledger):
    # The random file's chunks mostly repeat themselves (row by row inside add_rows); chunks
    # of distinct keys follow, each once with rows skipped and once without (one dict in C).
    chunks = random_file(seed, rows=3_000, distinct=1_500)
    chunks += [[(10_000 * c + k, "Cuối", k + 2) for k in range(50)] for c in range(1, 4)]
    chunks += [[(10_000 + k, "Cuối", k + 100) for k in range(0, 50, 7)]]  # repeats of above
    assert feed_rows(SeenKeys(ledger), chunks, skipped) == feed_each(
        SeenKeys(MemoryLedger()), chunks, skipped
    )
    assert feed_each(SeenKeys(MemoryLedger()), chunks, set()) == feed(DictOfEveryKey(), chunks)


def test_the_filter_sends_only_keys_seen_before_to_the_ledger():
    ledger = CountingLedger()
    seen = SeenKeys(ledger)
    feed(seen, [[(f"GD-{c}-{k}", "A", k) for k in range(2_000)] for c in range(50)])
    assert ledger.asked < 10  # 100,000 new keys: a clean file costs (almost) no lookup
    assert feed(seen, [[("GD-7-5", "B", 2), ("GD-new", "B", 3)]])[1] == [(("B", 2), ("A", 5))]
    assert ledger.asked < 12


def test_a_repeat_in_the_same_chunk_is_named_at_once_and_not_again_by_flush(ledger):
    seen = SeenKeys(ledger)
    feed(seen, [[(k, "A", k + 2) for k in range(100)]])
    assert seen.add(500, "A", 200) is None
    assert seen.add(500, "A", 201) == ("A", 200)
    assert seen.add(7, "A", 202) is None  # of an earlier chunk: told by flush
    assert seen.flush() == [(("A", 202), ("A", 9))]


def test_a_key_repeated_in_many_later_chunks_is_named_each_time_with_its_first_row(ledger):
    seen = SeenKeys(ledger)
    feed(seen, [[(42, "A", 2)], *([(1_000 * c + k, "A", k) for k in range(30)] for c in range(9))])
    for number in (500, 600, 700):
        assert seen.add(42, "B", number) is None
        assert seen.flush() == [(("B", number), ("A", 2))]


def test_rows_of_many_sheets_with_the_same_row_numbers_are_named_with_their_own_sheet(ledger):
    seen = SeenKeys(ledger)
    # Fifty sheets, each rows 2 to 21, then the first sheet read again with keys of its own.
    sheets = [f"Tỉnh {n}" for n in range(50)]
    chunks = [[(s * 100 + r, name, r) for r in range(2, 22)] for s, name in enumerate(sheets)]
    chunks.append([(7_000 + r, sheets[0], r) for r in range(2, 22)])
    feed(seen, chunks)
    repeats = [(s * 100 + 5, "Cuối", 30 + s) for s in range(50)] + [(7_003, "Cuối", 99)]
    assert feed(seen, [repeats])[1] == sorted(
        [(("Cuối", 30 + s), (name, 5)) for s, name in enumerate(sheets)]
        + [(("Cuối", 99), (sheets[0], 3))]
    )


def test_keys_sharing_a_hash_are_named_with_the_first_row_that_had_the_hash(ledger):
    # Ints a multiple of 2**61 - 1 apart share a hash. Of twenty keys of one chunk hashing to
    # 5, the first row is kept; a later key hashing to 5 is named with it.
    # (Real keys share a 64-bit hash with odds of about 10⁻⁸ in a 400,000-row file.)
    seen = SeenKeys(ledger)
    alike = [5 + n * (2**61 - 1) for n in range(1, 22)]
    feed(seen, [[(k, "A", k) for k in [0, 1, 2, 3, *range(100, 140)]]])
    feed(seen, [[(k, "A", 200 + n) for n, k in enumerate(alike[:20])]])
    assert seen.add(alike[20], "B", 2) is None
    assert seen.flush() == [(("B", 2), ("A", 200))]


def test_rows_far_down_many_sheets_are_still_named_with_their_own_row(ledger):
    # Each sheet's rows take places past the last sheet's; a hostile file of many sheets each
    # with a row far down would pass 2³² places, which the ledger keeps as 64-bit numbers.
    seen = SeenKeys(ledger)
    feed(seen, [[(f"k{n}", f"Trang {n}", 2**32 + n)] for n in range(3)])
    assert feed(seen, [[("k2", "Cuối", 7)]])[1] == [(("Cuối", 7), ("Trang 2", 2**32 + 2))]


def test_a_chunk_repeating_thousands_of_earlier_keys_names_every_one(ledger):
    # More possible repeats than one look-up asks for at once (`TableLedger.FIND_BATCH`).
    seen = SeenKeys(ledger)
    feed(seen, [[(f"GD-{n}", "A", n + 2) for n in range(2_000)]])
    again = [(f"GD-{n}", "B", n + 2) for n in range(2_000)]
    assert feed(seen, [again])[1] == [
        (("B", n + 2), ("A", n + 2)) for n in sorted(range(2_000), key=lambda n: n + 2)
    ]
