"""Hostile files fed to the importers: each gets one clear Vietnamese message, bounded memory, nothing saved."""

import csv
import io
import tracemalloc
import zipfile

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook

from xttm.core.tests.test_importing import windows_1258
from xttm.directory.factories import tax_code_for
from xttm.directory.importers import EnterpriseImporter
from xttm.directory.models import Enterprise

NOT_XLSX = "Tệp không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng."
TOO_BIG = (
    "Bảng tính quá lớn hoặc nén bất thường khi giải nén; "
    "hãy mở bằng Excel, lưu lại và tách thành nhiều tệp."
)
HEADER = ["Mã số thuế", "Tên doanh nghiệp", "Tỉnh/Thành phố"]
MB = 1024 * 1024

pytestmark = pytest.mark.django_db


def xlsx(rows, *, edit=None) -> bytes:
    """A workbook of these rows; `edit(ws)` may merge cells or add formulas first."""
    wb = Workbook()
    ws = wb.active
    ws.title = "DN"
    for row in rows:
        ws.append(row)
    if edit:
        edit(ws)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def good_rows(count=2):
    return [HEADER] + [[tax_code_for(n), f"Công ty Số {n}", "Hà Nội"] for n in range(count)]


def with_sheet_xml(data: bytes, rewrite) -> bytes:
    """The same xlsx with its first sheet's XML passed through `rewrite(xml) -> xml`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            content = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = rewrite(content)
            archive.writestr(member.filename, content)
    return out.getvalue()


def append_rows(xml_rows: bytes):
    return lambda xml: xml.replace(b"</sheetData>", xml_rows + b"</sheetData>")


def run_bounded(data, filename="doanh-nghiep.xlsx", **kwargs):
    """Run the enterprise importer, returning its result and the Python heap's peak in MB."""
    tracemalloc.start()
    try:
        result = EnterpriseImporter(**kwargs).run(data, filename=filename)
        peak = tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()
    return result, peak


def only_error(result) -> str:
    assert len(result.errors) == 1, result.errors
    return result.errors[0]["message"]


# --- Files that are not spreadsheets ------------------------------------------------------


def test_it_refuses_a_truncated_xlsx_and_saves_nothing():
    before = Enterprise.objects.count()
    data = xlsx(good_rows())

    result, peak = run_bounded(data[: len(data) // 2])

    assert (only_error(result), result.file_error) == (NOT_XLSX, True)
    assert Enterprise.objects.count() == before
    assert peak < 5


def test_it_refuses_a_pdf_named_xlsx():
    before = Enterprise.objects.count()

    result, _peak = run_bounded(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "dn.xlsx")

    assert only_error(result) == "Tệp “dn.xlsx” không phải bảng tính Excel (.xlsx) hoặc CSV hợp lệ."
    assert Enterprise.objects.count() == before


def test_it_refuses_a_file_larger_than_the_upload_bound(settings):
    settings.XTTM_MAX_UPLOAD_BYTES = 2 * MB
    data = xlsx(good_rows()) + b"\0" * (2 * MB)

    result, _peak = run_bounded(data)

    assert only_error(result) == "Tệp lớn hơn 2 MB; hãy tách thành nhiều tệp."


# --- Zip bombs ------------------------------------------------------------------------------


def test_it_refuses_a_zip_bomb_from_its_directory_before_inflating_it():
    """A 60 MB sheet of blanks that deflates to a few kB: ratio far above the bound."""
    data = xlsx(good_rows())
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member in source.infolist():
            if member.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(member.filename, source.read(member.filename))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(source.read("xl/worksheets/sheet1.xml").split(b"<sheetData>")[0])
            for _ in range(60):
                sheet.write(b" " * MB)
            sheet.write(b"<sheetData/></worksheet>")
    bomb = out.getvalue()
    assert len(bomb) < 200_000
    before = Enterprise.objects.count()

    result, peak = run_bounded(bomb)

    assert only_error(result) == TOO_BIG
    assert Enterprise.objects.count() == before
    assert peak < 5


def test_it_refuses_a_zip_whose_directory_understates_the_inflated_size():
    """The directory says the sheet is small; inflating it in pieces finds it is not."""
    data = xlsx(good_rows(50))
    # Patch the sheet's uncompressed size in both headers down to 100 bytes.
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    patched = bytearray(data)
    real = info.file_size.to_bytes(4, "little")
    fake = (100).to_bytes(4, "little")
    local = info.header_offset
    assert patched[local + 22 : local + 26] == real
    patched[local + 22 : local + 26] = fake
    central = patched.find(b"PK\x01\x02")
    while central != -1:
        if patched[central + 24 : central + 28] == real:
            patched[central + 24 : central + 28] = fake
        central = patched.find(b"PK\x01\x02", central + 1)
    assert zipfile.ZipFile(io.BytesIO(patched)).getinfo("xl/worksheets/sheet1.xml").file_size == 100
    before = Enterprise.objects.count()

    result, _peak = run_bounded(bytes(patched))

    assert only_error(result) == NOT_XLSX
    assert Enterprise.objects.count() == before


def test_it_refuses_one_value_cell_far_away_before_calamine_lays_out_the_sheet():
    """A 6 kB file whose one cell at CZ1000000 would make calamine allocate some 3 GB."""
    data = with_sheet_xml(
        xlsx(good_rows()),
        append_rows(b'<row r="1000000"><c r="CZ1000000" t="inlineStr"><is><t>x</t></is></c></row>'),
    )
    before = Enterprise.objects.count()

    result, peak = run_bounded(data)

    assert only_error(result) == "Tệp có hơn 500.000 dòng; hãy tách thành nhiều tệp."
    assert Enterprise.objects.count() == before
    assert peak < 5


def test_it_refuses_a_value_in_a_column_beyond_the_bound():
    data = with_sheet_xml(
        xlsx(good_rows()), append_rows(b'<row r="9"><c r="ZZZ9"><v>1</v></c></row>')
    )

    result, _peak = run_bounded(data)

    assert only_error(result) == (
        "Bảng tính có dữ liệu ở quá 200 cột; hãy xóa các cột thừa hoặc tách tệp."
    )


def test_a_million_empty_formatted_rows_under_the_table_are_passed_over():
    """Formatting dragged to the bottom of the sheet: the two real rows import, in bounded memory."""
    empty = b"".join(b'<row r="%d"><c r="A%d" s="0"/></row>' % (n, n) for n in range(4, 1_000_001))
    data = with_sheet_xml(xlsx(good_rows(2)), append_rows(empty))

    result, peak = run_bounded(data)

    assert result.as_json() == {
        "created": 2, "updated": 0, "unchanged": 0, "rows": 2, "dry_run": False, "errors": [],
    }  # fmt: skip
    assert peak < 40  # a million Row objects would take hundreds of MB


# --- Cells ----------------------------------------------------------------------------------


def test_a_formula_reads_as_its_cached_value_and_one_without_a_value_is_a_blank():
    def formulas(ws):
        ws["B3"] = '=CONCATENATE("Công ty ","Số 1")'  # openpyxl stores no cached value

    before = Enterprise.objects.count()
    result, _peak = run_bounded(xlsx(good_rows(2), edit=formulas))

    assert result.errors == [
        {
            "sheet": "DN",
            "row": 3,
            "column": "Tên doanh nghiệp",
            "message": "Thiếu Tên doanh nghiệp.",
        }
    ]
    assert Enterprise.objects.count() == before


def test_a_merged_tax_code_leaves_the_rows_below_without_one():
    rows = [HEADER, [tax_code_for(1), "Công ty A", "Hà Nội"], [None, "Công ty B", "Hà Nội"]]
    before = Enterprise.objects.count()

    result, _peak = run_bounded(xlsx(rows, edit=lambda ws: ws.merge_cells("A2:A3")))

    assert result.errors == [
        {"sheet": "DN", "row": 3, "column": "Mã số thuế", "message": "Thiếu Mã số thuế."}
    ]
    assert Enterprise.objects.count() == before


def test_wrong_types_are_named_cell_by_cell():
    import datetime

    rows = [HEADER, [datetime.date(2020, 1, 5), "Công ty A", "Hà Nội"], [tax_code_for(2), "B", 42]]
    before = Enterprise.objects.count()

    result, _peak = run_bounded(xlsx(rows))

    assert result.errors == [
        {
            "sheet": "DN", "row": 2, "column": "Mã số thuế",
            "message": "Mã số thuế “2020-01-05” phải có 10 chữ số, hoặc 13 chữ số với chi nhánh.",
        },
        {"sheet": "DN", "row": 3, "column": "Tỉnh/Thành phố", "message": "Không tìm thấy tỉnh, thành phố “42”."},
    ]  # fmt: skip
    assert Enterprise.objects.count() == before


def test_a_ten_thousand_character_cell_is_refused():
    rows = [HEADER, [tax_code_for(1), "Công ty " + "A" * 10_000, "Hà Nội"]]
    before = Enterprise.objects.count()

    result, _peak = run_bounded(xlsx(rows))

    assert result.errors == [
        {"sheet": "DN", "row": 2, "column": "Tên doanh nghiệp", "message": "Ô dài quá 5.000 ký tự."}
    ]
    assert Enterprise.objects.count() == before


# --- CSV encodings ----------------------------------------------------------------------------


def csv_bytes(rows, encoding) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    if encoding == "cp1258":
        return windows_1258(text.getvalue())
    return text.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_csv_in_the_encodings_offices_save_imports_the_same(encoding):
    rows = [HEADER, [tax_code_for(1), "Công ty Cà phê Đà Lạt", "Lâm Đồng"]]

    result, _peak = run_bounded(csv_bytes(rows, encoding), "dn.csv")

    assert (result.errors, result.created) == ([], 1)
    assert Enterprise.objects.get(tax_code=tax_code_for(1)).name == "Công ty Cà phê Đà Lạt"


def test_latin_1_csv_reads_its_accented_letters():
    """Headers typed without diacritics, a French name saved as Latin-1 (= Windows-1258 for é)."""
    rows = [
        ["Ma so thue", "Ten doanh nghiep", "Tinh"],
        [tax_code_for(1), "Société Générale", "Ha Noi"],
    ]

    result, _peak = run_bounded(csv_bytes(rows, "latin-1"), "dn.csv")

    assert (result.errors, result.created) == ([], 1)
    assert Enterprise.objects.get(tax_code=tax_code_for(1)).name == "Société Générale"


def test_a_csv_mixing_utf_8_and_windows_1258_lines_is_refused_not_garbled():
    data = csv_bytes(good_rows(1), "utf-8") + csv_bytes(
        [[tax_code_for(5), "Công ty Bình Minh", "Hà Nội"]], "cp1258"
    )
    before = Enterprise.objects.count()

    result, _peak = run_bounded(data, "dn.csv")

    assert only_error(result) == (
        "Tệp CSV lẫn nhiều bảng mã (một phần UTF-8, một phần không); "
        "hãy lưu lại toàn bộ với bảng mã UTF-8."
    )
    assert Enterprise.objects.count() == before


def test_a_csv_with_a_nul_character_far_down_is_refused_naming_its_line():
    rows = good_rows(300)  # past the first 4,096 bytes, which the encoding check looks at
    rows[250][1] = "Công ty\x00 Lỗi"
    before = Enterprise.objects.count()

    result, _peak = run_bounded(csv_bytes(rows, "utf-8"), "dn.csv")

    assert (only_error(result), result.created) == (
        "Tệp CSV có ký tự rỗng (NUL) ở dòng 251; hãy mở bằng Excel và lưu lại.",
        0,
    )
    assert Enterprise.objects.count() == before


def test_a_csv_longer_than_the_row_bound_is_refused_whole(settings):
    settings.XTTM_IMPORT_MAX_ROWS = 5
    before = Enterprise.objects.count()

    result, _peak = run_bounded(csv_bytes(good_rows(40), "utf-8"), "dn.csv")

    assert (only_error(result), result.created) == (
        "Tệp có hơn 5 dòng; hãy tách thành nhiều tệp.",
        0,
    )
    assert Enterprise.objects.count() == before


# --- Anything at all ----------------------------------------------------------------------------


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), name=st.sampled_from(["a.xlsx", "a.csv", "a.txt", "a"]))
def test_any_bytes_give_a_result_never_an_exception(data, name):
    before = Enterprise.objects.count()

    result = EnterpriseImporter().run(data, filename=name)

    if not result.ok:
        assert all(error["message"] for error in result.errors)
        assert Enterprise.objects.count() == before


cell = st.one_of(
    st.none(),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.sampled_from([tax_code_for(3), "Hà Nội", "=1+1", "0100109106-001", "  "]),
)


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(cell, min_size=3, max_size=4), max_size=6))
def test_any_cells_under_the_header_are_saved_whole_or_not_at_all(rows):
    before = Enterprise.objects.count()

    result = EnterpriseImporter().run(xlsx([HEADER, *rows]), filename="dn.xlsx")

    if result.ok:
        assert Enterprise.objects.count() == before + result.created
    else:
        assert result.created == 0
        assert Enterprise.objects.count() == before


def test_a_far_cell_hidden_in_a_low_row_is_found_by_its_own_reference():
    """Calamine places a cell by its own `r`, whatever its row's `r` says."""
    data = with_sheet_xml(
        xlsx(good_rows()),
        append_rows(b'<row r="9"><c r="B900000" s="0"/><c r="A900000"><v>7</v></c></row>'),
    )

    result, _peak = run_bounded(data)

    assert only_error(result) == "Tệp có hơn 500.000 dòng; hãy tách thành nhiều tệp."
