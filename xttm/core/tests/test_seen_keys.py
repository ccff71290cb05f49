"""SeenKeys names a repeated row with the row it repeats, as a dict of every key would.

The blocks here hold 8 keys, so a few hundred keys span dozens of blocks and
every merge crosses block boundaries, lands keys before the first fence and
splits blocks. Keys are ints, whose hash is the int itself (but hash(-1) is -2),
so where keys land is known.
"""

import random

import pytest

from xttm.core.importing import SeenKeys


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


@pytest.mark.parametrize(("seed", "block"), [(1, 8), (2, 8), (3, 13), (4, 64), (5, 32_768)])
def test_thousands_of_random_keys_get_the_answers_a_dict_of_every_key_gives(seed, block):
    chunks = random_file(seed, rows=6_000, distinct=3_000)
    seen = SeenKeys(block=block)
    assert feed(seen, chunks) == feed(DictOfEveryKey(), chunks)
    if block < 100:
        assert len(seen.hashes) > 3_000 // block  # the keys did spread over many blocks


def test_a_repeat_in_the_same_chunk_is_named_at_once_and_not_again_by_flush():
    seen = SeenKeys(block=8)
    feed(seen, [[(k, "A", k + 2) for k in range(100)]])
    assert seen.add(500, "A", 200) is None
    assert seen.add(500, "A", 201) == ("A", 200)
    assert seen.add(7, "A", 202) is None  # of an earlier chunk: told by flush
    assert seen.flush() == [(("A", 202), ("A", 9))]


def test_keys_below_every_fence_and_on_every_fence_are_found_again():
    seen = SeenKeys(block=8)
    feed(seen, [[(k, "A", k) for k in range(1_000, 1_200)]])  # 25 blocks and more
    fences = [int(f) for f in seen.fences]
    below = [(k, "A", 2_000 + k) for k in range(50)]
    assert feed(seen, [below]) == [[None] * 50, []]
    again = [(k, "B", n) for n, k in enumerate([*fences, 0, 49, 1_199])]
    assert feed(seen, [again])[1] == sorted(
        (("B", number), ("A", 2_000 + k if k < 50 else k)) for k, _sheet, number in again
    )


def test_a_key_repeated_in_many_later_chunks_is_named_each_time_with_its_first_row():
    seen = SeenKeys(block=8)
    feed(seen, [[(42, "A", 2)], *([(1_000 * c + k, "A", k) for k in range(30)] for c in range(9))])
    for number in (500, 600, 700):
        assert seen.add(42, "B", number) is None
        assert seen.flush() == [(("B", number), ("A", 2))]


def test_rows_of_many_sheets_with_the_same_row_numbers_are_named_with_their_own_sheet():
    seen = SeenKeys(block=8)
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


def test_keys_sharing_a_hash_are_named_with_the_first_row_that_had_the_hash():
    # Ints a multiple of 2**61 - 1 apart share a hash. Twenty keys of one chunk hashing to 5
    # fill more than two blocks; a later key hashing to 5 is named with the first of them.
    # (Real keys share a 64-bit hash with odds of about 10⁻⁸ in a 400,000-row file.)
    seen = SeenKeys(block=8)
    alike = [5 + n * (2**61 - 1) for n in range(1, 22)]
    feed(seen, [[(k, "A", k) for k in [0, 1, 2, 3, *range(100, 140)]]])
    feed(seen, [[(k, "A", 200 + n) for n, k in enumerate(alike[:20])]])
    assert sum(5 in block for block in seen.hashes) >= 3  # the twenty straddle blocks
    assert seen.add(alike[20], "B", 2) is None
    assert seen.flush() == [(("B", 2), ("A", 200))]


def test_a_place_past_32_bits_fails_loudly_rather_than_naming_a_wrong_row():
    seen = SeenKeys()
    seen.add("a", "A", 2**32)
    with pytest.raises(OverflowError):
        seen.flush()
