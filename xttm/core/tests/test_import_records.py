"""Rows reach the importers as (row number, cells) records; cells are cleaned the same as before."""

import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator, MaxLengthValidator
from hypothesis import example, given
from hypothesis import strategies as st

from xttm.core.importing import (
    CellError,
    Row,
    _quick_check,
    clean_cell,
    find_table,
    parse_number,
    parse_number_text,
    parse_text,
)
from xttm.core.tests.test_importing import OrganizationImporter

HEADER = ["Mã tổ chức", "Tên tổ chức", "Loại", "Tỉnh/TP"]


@given(st.text())
def test_a_cell_is_cleaned_as_nfc_and_stripped_whether_or_not_it_is_ascii(text):
    assert clean_cell(text) == unicodedata.normalize("NFC", text).strip()


@given(st.text())
def test_text_keeps_single_spaces_between_words_whatever_whitespace_was_typed(text):
    # str.split() splits on exactly the characters the regex's \s matches; the fast path for
    # text with nothing to collapse must agree with it on every string.
    assert parse_text(text) == " ".join(text.split())


def test_a_cell_typed_with_combining_marks_is_stored_precomposed():
    assert clean_cell(" Hue\u0301 ") == "Hué"


def test_the_records_are_the_row_number_and_the_cells_in_header_order():
    rows = [
        ["Danh sách"],
        ["Tỉnh/TP", "Mã tổ chức", "Ghi chú", "Tên tổ chức", "Loại"],
        ["Huế", "ttxt-hue", "bỏ qua", "Trung tâm Huế"],  # a short row: the last cell is ""
        ["", "", "chỉ ghi chú"],  # blank in every column the importer reads
        [None, "vcci", None, "VCCI", "Hiệp hội", "thừa"],
    ]
    table = find_table("Trang", rows, OrganizationImporter.columns)

    assert list(table.headers) == ["province", "code", "name", "kind"]
    assert table.records == [
        (3, ("Huế", "ttxt-hue", "Trung tâm Huế", "")),
        (5, (None, "vcci", "VCCI", "Hiệp hội")),
    ]
    assert table.rows == [
        Row(
            "Trang", 3, {"province": "Huế", "code": "ttxt-hue", "name": "Trung tâm Huế", "kind": ""}
        ),
        Row("Trang", 5, {"province": None, "code": "vcci", "name": "VCCI", "kind": "Hiệp hội"}),
    ]


def test_a_table_read_lazily_gives_the_same_records_once():
    rows = [HEADER, ["a", "A", "Hiệp hội", "Huế"], ["b", "B", "Hiệp hội", "Huế"]]
    table = find_table("Trang", iter(rows), OrganizationImporter.columns, lazy=True)

    assert [number for number, _cells in table.records] == [2, 3]
    assert list(table.records) == []


# --- Numbers: the fast paths give the Decimal the parser gave before them ------------------


def parse_number_before(value) -> Decimal:
    """`parse_number` before the fast paths: every number through str, every text the general path."""
    if isinstance(value, bool):
        raise CellError("not a number")
    if isinstance(value, float) and value.is_integer():
        return Decimal(int(value))
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    return parse_number_text(value)


def _outcome(parse, value):
    try:
        number = parse(value)
    except CellError:
        return "refused"
    # The same value and the same exponent: Decimal('5') and Decimal('5.0') are stored differently.
    return (str(number), number.as_tuple())


@given(
    st.one_of(
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.text(alphabet="0123456789.,-+ đvndVND$'١٢³", max_size=14),
        st.integers(min_value=0).map(str),
        st.decimals(allow_nan=False, allow_infinity=False),
    )
)
def test_a_number_cell_parses_to_the_same_decimal_as_before_the_fast_paths(value):
    assert _outcome(parse_number, value) == _outcome(parse_number_before, value)


def test_a_float_like_a_tenth_reads_as_typed_not_as_the_binary_float():
    assert parse_number(0.1) == Decimal("0.1")
    assert parse_number(45_000_000.0).as_tuple() == Decimal("45000000").as_tuple()
    assert parse_number("0045") == Decimal("45")


@given(
    st.decimals(allow_nan=True, allow_infinity=True, places=None)
    | st.integers(-(10**21), 10**21).map(Decimal)
    | st.integers(-(10**21), 10**21).map(lambda n: Decimal(n).scaleb(-2)),
    st.sampled_from([(20, 2), (18, 0), (14, 4), (5, None)]),
)
@example(Decimal(10**18), (18, 0))  # one whole digit too many, at the bound
@example(Decimal("-1000000000000000000.00"), (20, 2))
@example(Decimal("1.500"), (20, 2))  # the value fits, its written places do not
@example(Decimal("1E+18"), (18, 0))
def test_the_quick_check_of_a_decimal_never_passes_a_value_its_validator_refuses(value, field):
    max_digits, places = field
    validator = DecimalValidator(max_digits, places)
    if _quick_check(validator)(value):
        validator(value)  # raises ValidationError, and fails the test, if the check let it by


@given(st.text(max_size=30))
def test_the_quick_check_of_a_length_agrees_with_its_validator(text):
    validator = MaxLengthValidator(20)
    try:
        validator(text)
        refused = False
    except ValidationError:
        refused = True
    assert _quick_check(validator)(text) is not refused
