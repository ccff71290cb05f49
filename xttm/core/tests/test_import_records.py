"""Rows reach the importers as (row number, cells) records; cells are cleaned the same as before."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from xttm.core.importing import Row, _clean_cell, find_table
from xttm.core.tests.test_importing import OrganizationImporter

HEADER = ["Mã tổ chức", "Tên tổ chức", "Loại", "Tỉnh/TP"]


@given(st.text())
def test_a_cell_is_cleaned_as_nfc_and_stripped_whether_or_not_it_is_ascii(text):
    assert _clean_cell(text) == unicodedata.normalize("NFC", text).strip()


def test_a_cell_typed_with_combining_marks_is_stored_precomposed():
    assert _clean_cell(" Hue\u0301 ") == "Hué"


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
