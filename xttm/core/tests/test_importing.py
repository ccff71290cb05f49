"""The import framework: parsing messy sheets, reading Vietnamese numbers and dates, all-or-nothing saves."""

import datetime
import io
import os
import unicodedata
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from openpyxl import Workbook

from xttm.core import importing
from xttm.core.importing import (
    CellError,
    Column,
    Importer,
    ImportFileError,
    ImportResult,
    Lookup,
    choice_parser,
    find_table,
    parse_date,
    parse_number,
    parse_text,
    read_sheets,
)
from xttm.directory.choices import OrganizationKind, ProvinceSystem
from xttm.directory.importers import province_lookup
from xttm.directory.models import Organization


def messy_workbook(path, data_rows, *, sheet="Danh sach"):
    """Two merged title rows and a blank row above a header typed in mixed case without diacritics."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = "DANH SÁCH TỔ CHỨC XÚC TIẾN THƯƠNG MẠI"
    ws.merge_cells("A1:E1")
    ws["A2"] = "(Kèm theo Công văn số 123/XTTM-KH ngày 05/01/2025)"
    ws.merge_cells("A2:E2")
    ws.append([])
    ws.append(
        ["STT", "MA TO CHUC", "Ten To Chuc", "loai", "Tinh/TP", "Kinh phi (dong)", "Ngay lap"]
    )
    for index, row in enumerate(data_rows, start=1):
        ws.append([index, *row])
    wb.save(path)
    return path


class OrganizationImporter(Importer):
    """An importer over another model, to show the framework is not tied to the directory's two."""

    name = "organizations-test"
    model = Organization
    key = "code"
    columns = (
        Column("code", "Mã tổ chức", required=True),
        Column("name", "Tên tổ chức", required=True),
        Column(
            "kind",
            "Loại",
            required=True,
            parse=choice_parser(OrganizationKind, {OrganizationKind.ASSOCIATION: ["Hiệp hội"]}),
        ),
        Column("province", "Tỉnh/Thành phố", ("Tỉnh/TP",), required=True),
    )

    def clean_province(self, value):
        return province_lookup().get(value)


# --- Parsing ---------------------------------------------------------------------------


def test_it_finds_the_header_below_title_rows_and_keeps_excel_row_numbers(tmp_path):
    path = messy_workbook(
        tmp_path / "to-chuc.xlsx",
        [
            [
                "ttxt-hue",
                "Trung tâm XTTM Huế",
                "Trung tâm XTTM tỉnh/thành phố",
                "Hue",
                "1.234.567",
                "05/01/2024",
            ],
            [],
            [
                "vinafruit",
                "Hiệp hội Rau quả",
                "Hiệp hội",
                "TP HCM",
                2500000,
                datetime.date(2020, 1, 5),
            ],
        ],
    )
    ((sheet, rows),) = read_sheets(path)
    table = find_table(sheet, rows, OrganizationImporter.columns)

    assert table.sheet == "Danh sach"
    assert table.header_row == 4
    assert table.headers == {
        "code": "MA TO CHUC",
        "name": "Ten To Chuc",
        "kind": "loai",
        "province": "Tinh/TP",
    }
    assert [row.number for row in table.rows] == [5, 7]
    assert table.rows[0].cells == {
        "code": "ttxt-hue",
        "name": "Trung tâm XTTM Huế",
        "kind": "Trung tâm XTTM tỉnh/thành phố",
        "province": "Hue",
    }


def test_numbers_and_dates_from_the_messy_sheet_read_the_vietnamese_way(tmp_path):
    path = messy_workbook(
        tmp_path / "to-chuc.xlsx",
        [
            ["a", "A", "Hiệp hội", "Hue", "1.234.567", "05/01/2024"],
            ["b", "B", "Hiệp hội", "Hue", 2500000, datetime.date(2020, 1, 5)],
        ],
    )
    ((_sheet, rows),) = read_sheets(path)

    assert [parse_number(r[5]) for r in rows[4:6]] == [Decimal(1234567), Decimal(2500000)]
    assert [parse_date(r[6]) for r in rows[4:6]] == [
        datetime.date(2024, 1, 5),
        datetime.date(2020, 1, 5),
    ]


def test_a_sheet_without_any_known_header_is_no_table():
    rows = [["Báo cáo"], ["Họ tên", "Địa chỉ"], ["x", "y"]]

    assert find_table("Sheet1", rows, OrganizationImporter.columns) is None


def windows_1258(text: str) -> bytes:
    """Encode as Vietnamese Windows does: base letters precomposed, tone marks combining."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            shape = "".join(m for m in marks if m not in tones)
            out.append(
                (unicodedata.normalize("NFC", base + shape) + "".join(tones)).encode("cp1258")
            )
    return b"".join(out)


@pytest.mark.parametrize(
    ("encode", "text"),
    [
        (lambda t: t.encode("utf-8-sig"), "Mã tổ chức;Tên tổ chức\nttxt-hue;Trung tâm Đà Nẵng\n"),
        (windows_1258, "Mã tổ chức;Tên tổ chức\nttxt-hue;Trung tâm Đà Nẵng\n"),
        (lambda t: t.encode("utf-16"), "Mã tổ chức\tTên tổ chức\nttxt-hue\tTrung tâm Đà Nẵng\n"),
    ],
    ids=["utf-8-sig", "cp1258", "utf-16"],
)
def test_it_reads_csv_in_the_encodings_vietnamese_offices_save(encode, text):
    ((sheet, rows),) = read_sheets(encode(text), filename="to-chuc.csv")

    assert sheet == "to-chuc"
    assert rows == [["Mã tổ chức", "Tên tổ chức"], ["ttxt-hue", "Trung tâm Đà Nẵng"]]


def test_text_typed_with_combining_marks_is_stored_precomposed():
    decomposed = "Đà Nẵng".replace("à", "a\u0300").replace("ẵ", "a\u0306\u0303")
    ((_sheet, rows),) = read_sheets(
        f"Tên tổ chức,Mã tổ chức\n{decomposed},x\n".encode(), filename="a.csv"
    )

    assert rows[1][0] == "Đà Nẵng"


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (
            b"%PDF-1.4 not a sheet",
            "bao-cao.xlsx",
            "Tệp “bao-cao.xlsx” không phải bảng tính Excel (.xlsx) hoặc CSV hợp lệ.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old",
            "cu.xls",
            "Tệp Excel 97–2003 (.xls) chưa được hỗ trợ; hãy mở và lưu lại thành .xlsx.",
        ),
        (
            b"PK\x03\x04broken zip",
            "hong.xlsx",
            "Tệp không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.",
        ),
        (
            b"\x00\x01\x02\x03binary",
            "rac.csv",
            "Tệp không phải bảng tính Excel (.xlsx) hoặc CSV hợp lệ.",
        ),
        (b"", "rong.xlsx", "Tệp rỗng."),
    ],
)
def test_it_refuses_what_is_not_a_spreadsheet_with_a_clear_message(content, filename, message):
    with pytest.raises(ImportFileError) as exc:
        read_sheets(content, filename=filename)

    assert str(exc.value) == message


def test_it_refuses_a_zip_that_is_not_an_xlsx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    with pytest.raises(ImportFileError) as exc:
        read_sheets(buffer.getvalue(), filename="van-ban.xlsx")

    assert str(exc.value) == "Tệp không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng."


def test_it_refuses_a_sheet_longer_than_the_row_cap(tmp_path, monkeypatch, settings):
    settings.XTTM_IMPORT_MAX_ROWS = 3
    monkeypatch.setattr(importing, "HEADER_SCAN_ROWS", 2)
    wb = Workbook()
    for n in range(10):
        wb.active.append([f"to-chuc-{n}", "Tên"])
    wb.save(tmp_path / "dai.xlsx")

    with pytest.raises(ImportFileError) as exc:
        read_sheets(tmp_path / "dai.xlsx")

    assert str(exc.value) == "Tệp có hơn 3 dòng; hãy tách thành nhiều tệp."


def test_a_file_read_from_its_path_is_closed_once_its_sheets_are_open(tmp_path):
    path = messy_workbook(tmp_path / "to-chuc.xlsx", [["ttxt-hue", "Trung tâm Huế", "", "Huế"]])
    open_before = set(os.listdir("/proc/self/fd"))
    sheets = list(importing.iter_sheets(path))
    assert set(os.listdir("/proc/self/fd")) <= open_before
    ((sheet, rows),) = sheets
    assert sheet == "Danh sach"
    assert any("Trung tâm Huế" in row for row in rows)


def test_an_open_upload_is_read_where_it_is_and_left_open_for_its_owner(tmp_path):
    path = messy_workbook(tmp_path / "to-chuc.xlsx", [["ttxt-hue", "Trung tâm Huế", "", "Huế"]])
    with open(path, "rb") as upload:
        ((_sheet, rows),) = read_sheets(upload)
        assert not upload.closed
        upload.seek(0)
        assert upload.read(2) == b"PK"  # still the caller's to read (or close)
    assert any("Trung tâm Huế" in row for row in rows)


def test_an_upload_is_read_from_its_bytes_not_from_a_file_here_of_the_same_name(
    tmp_path, monkeypatch
):
    # An upload's name is what the client called it; a file of that name in the working
    # directory is somebody else's.
    monkeypatch.chdir(tmp_path)
    messy_workbook(tmp_path / "upload.xlsx", [["khac", "Tệp khác trên máy", "", "Huế"]])
    sent = messy_workbook(tmp_path / "sent.xlsx", [["ttxt-hue", "Trung tâm Huế", "", "Huế"]])
    upload = SimpleUploadedFile("upload.xlsx", sent.read_bytes())
    ((_sheet, rows),) = read_sheets(upload)
    cells = [cell for row in rows for cell in row]
    assert "Trung tâm Huế" in cells
    assert "Tệp khác trên máy" not in cells


def test_a_file_on_disk_larger_than_the_upload_cap_is_refused(tmp_path, settings):
    settings.XTTM_MAX_UPLOAD_BYTES = 1024
    path = messy_workbook(tmp_path / "to-chuc.xlsx", [["ttxt-hue", "Trung tâm Huế", "", "Huế"]])
    open_before = set(os.listdir("/proc/self/fd"))
    with pytest.raises(ImportFileError) as exc:
        read_sheets(path)
    assert str(exc.value).startswith("Tệp lớn hơn ")
    assert set(os.listdir("/proc/self/fd")) <= open_before  # the refused file is closed too


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ImportFileError) as exc:
        read_sheets(tmp_path / "khong-co.xlsx")

    assert str(exc.value).startswith("Không đọc được tệp “")


# --- Cell parsers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234.567", Decimal("1234567")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("12,5", Decimal("12.5")),
        ("1234.5", Decimal("1234.5")),
        ("1.234", Decimal("1234")),
        ("1,234,567", Decimal("1234567")),
        ("-2.000", Decimal("-2000")),
        ("1.234.567 đ", Decimal("1234567")),
        ("2 500 000 VNĐ", Decimal("2500000")),
        (1234567.0, Decimal("1234567.0")),
        (42, Decimal("42")),
    ],
)
def test_it_reads_numbers_written_the_vietnamese_way(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1.23.4", "1,2,3", "1.234,5,6", "-", True])
def test_it_refuses_text_that_is_not_a_number(raw):
    with pytest.raises(CellError) as exc:
        parse_number(raw)

    assert exc.value.message == f"“{raw}” không phải là số."


@pytest.mark.parametrize(
    "raw",
    [
        "05/01/2020",
        "5/1/2020",
        "05-01-2020",
        "05.01.2020",
        "2020-01-05",
        "05/01/2020 00:00:00",
        datetime.date(2020, 1, 5),
        datetime.datetime(2020, 1, 5, 8, 30),
        43835,
        43835.0,
    ],
)
def test_it_reads_dates_typed_as_text_or_stored_by_excel(raw):
    assert parse_date(raw) == datetime.date(2020, 1, 5)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31/02/2020", "Ngày “31/02/2020” không tồn tại."),
        ("tháng 5", "“tháng 5” không phải ngày hợp lệ (dd/mm/yyyy)."),
        ("05/01/20", "“05/01/20” không phải ngày hợp lệ (dd/mm/yyyy)."),
        (-3, "“-3” không phải ngày hợp lệ (dd/mm/yyyy)."),
    ],
)
def test_it_refuses_dates_that_do_not_exist_or_cannot_be_read(raw, message):
    with pytest.raises(CellError) as exc:
        parse_date(raw)

    assert exc.value.message == message


def test_text_cells_lose_the_float_tail_and_extra_spaces():
    assert parse_text(912345678.0) == "912345678"
    assert parse_text("  Công ty   ABC ") == "Công ty ABC"
    assert parse_text(datetime.date(2020, 1, 5)) == "05/01/2020"


def test_a_choice_is_found_by_value_label_or_alias_without_diacritics():
    parse = choice_parser(OrganizationKind, {OrganizationKind.ASSOCIATION: ["HH"]})

    assert parse("hiep hoi nganh hang") == "association"
    assert parse("HH") == "association"
    assert parse("agency") == "agency"
    with pytest.raises(CellError) as exc:
        parse("Công ty")
    assert exc.value.message.startswith(
        "“Công ty” không phải là một trong: Cục Xúc tiến thương mại;"
    )


def test_a_lookup_prefers_lower_tiers_and_refuses_ambiguous_names():
    lookup = Lookup("đơn vị")
    lookup.add("phong-a", "P1", tier=0)
    lookup.add("phong-b", "P1", tier=1)
    lookup.add("phong-b", "Phòng Kế hoạch", tier=1)
    lookup.add("phong-c", "Phòng Kế hoạch", tier=1)

    assert lookup.get("p1") == "phong-a"
    with pytest.raises(CellError) as ambiguous:
        lookup.get("phong ke hoach")
    assert (
        ambiguous.value.message
        == "“phong ke hoach” khớp với nhiều đơn vị; hãy ghi mã để phân biệt."
    )
    with pytest.raises(CellError) as missing:
        lookup.get("Phòng Tổng hợp")
    assert missing.value.message == "Không tìm thấy đơn vị “Phòng Tổng hợp”."


# --- Running an importer -------------------------------------------------------------------


def org_rows():
    return [
        [
            "ttxt-hue",
            "Trung tâm XTTM Huế",
            "Trung tâm XTTM tỉnh/thành phố",
            "Thua Thien Hue",
            "",
            "",
        ],
        ["vinafruit", "Hiệp hội Rau quả", "Hiệp hội", "TP HCM", "", ""],
    ]


@pytest.mark.django_db
def test_an_importer_over_any_model_creates_then_leaves_unchanged_rows_alone(tmp_path):
    path = messy_workbook(tmp_path / "to-chuc.xlsx", org_rows())

    first = OrganizationImporter().run(path)
    second = OrganizationImporter().run(path)

    assert first.as_json() == {
        "created": 2, "updated": 0, "unchanged": 0, "rows": 2, "dry_run": False, "errors": [],
    }  # fmt: skip
    assert second.as_json() == {
        "created": 0, "updated": 0, "unchanged": 2, "rows": 2, "dry_run": False, "errors": [],
    }  # fmt: skip
    hue = Organization.objects.get(code="ttxt-hue")
    assert (hue.province.system, hue.province.code, hue.kind) == (
        ProvinceSystem.NEW_34, "46", OrganizationKind.PROVINCIAL_CENTRE,
    )  # fmt: skip


@pytest.mark.django_db
def test_a_database_error_while_saving_rolls_back_every_row(tmp_path, monkeypatch):
    path = messy_workbook(tmp_path / "to-chuc.xlsx", org_rows())
    original_save = Organization.save

    def failing_save(self, *args, **kwargs):
        if self.code == "vinafruit":
            raise IntegrityError("duplicate key")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Organization, "save", failing_save)

    result = OrganizationImporter().run(path)

    assert result.errors == [
        {
            "sheet": "Danh sach",
            "row": 6,
            "column": "",
            "message": "Không lưu được dòng này: duplicate key",
        }
    ]
    assert (result.created, result.updated) == (0, 0)
    assert not Organization.objects.filter(code__in=["ttxt-hue", "vinafruit"]).exists()


@pytest.mark.django_db
def test_a_missing_required_column_is_reported_on_the_header_row(tmp_path):
    wb = Workbook()
    wb.active.title = "DS"
    wb.active.append(["Mã tổ chức", "Tên tổ chức", "Loại"])
    wb.active.append(["x", "X", "Hiệp hội"])
    wb.save(tmp_path / "thieu.xlsx")

    result = OrganizationImporter().run(tmp_path / "thieu.xlsx")

    assert result.errors == [
        {"sheet": "DS", "row": 1, "column": "", "message": "Thiếu cột bắt buộc: Tỉnh/Thành phố."}
    ]


@pytest.mark.django_db
def test_a_cell_longer_than_the_limit_is_refused(tmp_path, settings):
    settings.XTTM_IMPORT_MAX_CELL_CHARS = 10
    path = messy_workbook(
        tmp_path / "to-chuc.xlsx", [["x", "Một cái tên rất dài", "Hiệp hội", "Huế", "", ""]]
    )

    result = OrganizationImporter().run(path)

    assert result.errors == [
        {"sheet": "Danh sach", "row": 5, "column": "Ten To Chuc", "message": "Ô dài quá 10 ký tự."}
    ]
    assert not Organization.objects.filter(code="x").exists()


def test_the_result_reports_errors_beyond_the_cap_as_one_line(monkeypatch):
    monkeypatch.setattr(importing, "MAX_ERRORS", 2)
    result = ImportResult()
    for row in (5, 6, 7, 8):
        result.add_error("Sai.", sheet="DS", row=row, column="A")

    assert result.as_json()["errors"] == [
        {"sheet": "DS", "row": 5, "column": "A", "message": "Sai."},
        {"sheet": "DS", "row": 6, "column": "A", "message": "Sai."},
        {"sheet": "", "row": None, "column": "", "message": "Còn 2 lỗi khác không hiển thị."},
    ]


def test_two_columns_claiming_one_header_is_a_programming_error():
    class Clashing(Importer):
        model = Organization
        key = "code"
        columns = (Column("code", "Mã"), Column("name", "Tên", ("ma",)))

    with pytest.raises(Exception, match="names both 'code' and 'name'"):
        Clashing()
