"""Importing enterprises and people from real-world workbooks, on the command line and directly."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from xttm.core.importing import CellError
from xttm.directory.choices import (
    EmploymentCategory,
    EnterpriseSize,
    Gender,
    Ownership,
    ProvinceSystem,
    Sector,
)
from xttm.directory.factories import EnterpriseFactory, PersonFactory, UnitFactory, province
from xttm.directory.importers import EnterpriseImporter, PersonImporter, province_lookup
from xttm.directory.models import Enterprise, Person

pytestmark = pytest.mark.django_db


ENTERPRISE_HEADER = [
    "STT", "MA SO THUE", "ten doanh nghiep", "Ten Tieng Anh", "Tinh/TP", "Nganh",
    "Quy mo", "loai hinh so huu", "Dia chi", "So dien thoai", "E-mail", "Website",
]  # fmt: skip

# 0100109106 typed as a number: Excel dropped the leading zero.
VINAMILK = [100109106, "Công ty Cổ phần Sữa Việt Nam", "Vietnam Dairy Products JSC", "Ha Noi", "C",
            "Lon", "Tu nhan", "10 Tân Trào, Quận 7", 2854155555, "VINAMILK@example.vn",
            "www.vinamilk.com.vn"]  # fmt: skip
BANH_KEO = ["0302000006", "Công ty TNHH Bánh kẹo Phương Nam", "", "TP. Hồ Chí Minh", "1073",
            "vừa", "FDI", "", "", "", ""]  # fmt: skip
HOI_AN = ["4000100019", "HTX Gốm Thanh Hà", "", "Quang Nam", "C - Công nghiệp chế biến, chế tạo",
          "sieu nho", "HTX", "", "", "", ""]  # fmt: skip


def messy_workbook(path, rows, header=ENTERPRISE_HEADER, sheet="DS doanh nghiep"):
    """Two merged title rows and a blank row above the header, as offices send them."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = "DANH SÁCH DOANH NGHIỆP THAM GIA CHƯƠNG TRÌNH XTTM QUỐC GIA NĂM 2025"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A2"] = "(Kèm theo báo cáo của Trung tâm XTTM ngày 05/01/2025)"
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(header))
    ws.append([])
    ws.append(header)
    for index, row in enumerate(rows, start=1):
        ws.append([index, *row])
    wb.save(path)
    return path


def run_import(*args):
    """Run `xttm import …`; return (exit code, JSON summary, stderr line)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err)
        code, message = 0, ""
    except CommandError as exc:
        code, message = exc.returncode, str(exc)
    summary = json.loads(out.getvalue()) if out.getvalue() else None
    return code, summary, message


def snapshot():
    return list(
        Enterprise.objects.order_by("tax_code").values_list("tax_code", "name", "province_id")
    )


# --- Enterprises on the command line -------------------------------------------------------


def test_it_imports_a_messy_real_world_workbook(tmp_path):
    path = messy_workbook(tmp_path / "dn.xlsx", [VINAMILK, BANH_KEO, HOI_AN])

    code, summary, _ = run_import("enterprises", str(path))

    assert code == 0
    assert summary == {
        "created": 3, "updated": 0, "unchanged": 0, "rows": 3, "dry_run": False, "errors": [],
    }  # fmt: skip
    vinamilk = Enterprise.objects.get(tax_code="0100109106")
    assert (
        vinamilk.name, vinamilk.english_name, vinamilk.province, vinamilk.sector, vinamilk.size,
        vinamilk.ownership, vinamilk.address, vinamilk.phone, vinamilk.email, vinamilk.website,
    ) == (
        "Công ty Cổ phần Sữa Việt Nam", "Vietnam Dairy Products JSC", province("01"), Sector.C,
        EnterpriseSize.LARGE, Ownership.PRIVATE, "10 Tân Trào, Quận 7", "02854155555",
        "vinamilk@example.vn", "https://www.vinamilk.com.vn",
    )  # fmt: skip
    assert (
        vinamilk.search_text == "cong ty co phan sua viet nam vietnam dairy products jsc 0100109106"
    )
    assert vinamilk.registered_by is None
    assert vinamilk.history.count() == 1
    banh_keo = Enterprise.objects.get(tax_code="0302000006")
    assert (banh_keo.province, banh_keo.sector, banh_keo.size, banh_keo.ownership) == (
        province("79"), Sector.C, EnterpriseSize.MEDIUM, Ownership.FOREIGN,
    )  # fmt: skip


def test_a_bad_check_digit_refuses_the_whole_file_and_saves_nothing(tmp_path):
    EnterpriseFactory(tax_code="0302000006", name="Tên cũ", province=province("79"))
    before = snapshot()
    bad = [100109107, *VINAMILK[1:]]
    path = messy_workbook(tmp_path / "dn.xlsx", [BANH_KEO, bad, HOI_AN])

    code, summary, message = run_import("enterprises", str(path))

    assert code == 1
    assert message == "Có 1 lỗi; không lưu dòng nào."
    assert summary == {
        "created": 0, "updated": 0, "unchanged": 0, "rows": 3, "dry_run": False,
        "errors": [
            {
                "sheet": "DS doanh nghiep",
                "row": 6,
                "column": "MA SO THUE",
                "message": "Mã số thuế “100109107” sai chữ số kiểm tra.",
            }
        ],
    }  # fmt: skip
    assert snapshot() == before


def test_every_bad_row_is_reported_by_sheet_row_and_column(tmp_path):
    rows = [
        [*VINAMILK[:3], "Ha Noi", "Z"] + VINAMILK[5:],
        [*BANH_KEO[:3], "Sao Hỏa"] + BANH_KEO[4:],
        [*HOI_AN[:6], "Ngân hàng"] + HOI_AN[7:],
        ["", "Không có mã", "", "Hà Nội", "", "", "", "", "", "khong-phai-email", ""],
    ]
    path = messy_workbook(tmp_path / "dn.xlsx", rows)

    code, summary, _ = run_import("enterprises", str(path))

    assert code == 1
    assert [(e["sheet"], e["row"], e["column"]) for e in summary["errors"]] == [
        ("DS doanh nghiep", 5, "Nganh"),
        ("DS doanh nghiep", 6, "Tinh/TP"),
        ("DS doanh nghiep", 7, "loai hinh so huu"),
        ("DS doanh nghiep", 8, "MA SO THUE"),
        ("DS doanh nghiep", 8, "E-mail"),
    ]
    messages = [e["message"] for e in summary["errors"]]
    assert messages[0].startswith(
        "“Z” không phải là một trong: Nông nghiệp, lâm nghiệp và thủy sản;"
    )
    assert messages[1] == "Không tìm thấy tỉnh, thành phố “Sao Hỏa”."
    assert messages[2].startswith("“Ngân hàng” không phải là một trong: Nhà nước; Tư nhân;")
    assert messages[3] == "Thiếu Mã số thuế."
    assert Enterprise.objects.count() == 0


def test_importing_the_same_file_twice_creates_and_updates_nothing_the_second_time(tmp_path):
    path = messy_workbook(tmp_path / "dn.xlsx", [VINAMILK, BANH_KEO, HOI_AN])

    run_import("enterprises", str(path))
    code, summary, _ = run_import("enterprises", str(path))

    assert code == 0
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 0, 3)
    assert Enterprise.objects.count() == 3
    assert Enterprise.objects.get(tax_code="0100109106").history.count() == 1


def test_a_changed_row_updates_the_enterprise_and_a_blank_cell_keeps_its_value(tmp_path):
    EnterpriseFactory(
        tax_code="0100109106", name="Vinamilk", province=province("01"), phone="0281234567"
    )
    row = [*VINAMILK]
    row[8] = ""  # phone left blank
    path = messy_workbook(tmp_path / "dn.xlsx", [row])

    code, summary, _ = run_import("enterprises", str(path))

    assert code == 0
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 1, 0)
    vinamilk = Enterprise.objects.get(tax_code="0100109106")
    assert (vinamilk.name, vinamilk.phone) == ("Công ty Cổ phần Sữa Việt Nam", "0281234567")
    assert vinamilk.history.count() == 2


def test_a_dry_run_reports_the_counts_and_saves_nothing(tmp_path):
    path = messy_workbook(tmp_path / "dn.xlsx", [VINAMILK, BANH_KEO, HOI_AN])

    code, summary, _ = run_import("enterprises", str(path), "--dry-run")

    assert code == 0
    assert summary == {
        "created": 3, "updated": 0, "unchanged": 0, "rows": 3, "dry_run": True, "errors": [],
    }  # fmt: skip
    assert Enterprise.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"%PDF-1.7 this is a PDF renamed to xlsx")

    code, summary, message = run_import("enterprises", str(path))

    assert code == 2
    assert message == "Tệp “bao-cao.xlsx” không phải bảng tính Excel (.xlsx) hoặc CSV hợp lệ."
    assert summary["errors"] == [{"sheet": "", "row": None, "column": "", "message": message}]
    assert Enterprise.objects.count() == 0


def test_a_missing_file_is_a_clear_error_with_exit_code_2(tmp_path):
    code, summary, message = run_import("enterprises", str(tmp_path / "khong-co.xlsx"))

    assert code == 2
    assert summary is None
    assert message == f"Không tìm thấy tệp “{tmp_path / 'khong-co.xlsx'}”."


def test_a_workbook_without_the_header_says_which_headers_it_needs(tmp_path):
    wb = Workbook()
    wb.active.append(["Họ tên", "Ghi chú"])
    wb.save(tmp_path / "khac.xlsx")

    code, summary, message = run_import("enterprises", str(tmp_path / "khac.xlsx"))

    assert code == 2
    assert message.startswith("Không tìm thấy dòng tiêu đề trong 20 dòng đầu của tệp. ")
    assert "Mã số thuế, Tên doanh nghiệp, Tên tiếng Anh, Tỉnh/Thành phố" in message


def test_a_tax_code_twice_in_one_file_is_refused(tmp_path):
    path = messy_workbook(
        tmp_path / "dn.xlsx", [VINAMILK, ["0100109106", "Vinamilk", "", "Hà Nội"]]
    )

    code, summary, _ = run_import("enterprises", str(path))

    assert code == 1
    assert summary["errors"] == [
        {
            "sheet": "DS doanh nghiep",
            "row": 6,
            "column": "MA SO THUE",
            "message": "Mã số thuế “0100109106” trùng với dòng 5 (trang “DS doanh nghiep”).",
        }
    ]
    assert Enterprise.objects.count() == 0


def test_a_csv_with_semicolons_imports_like_the_workbook(tmp_path):
    path = tmp_path / "dn.csv"
    path.write_bytes(
        "Mã số thuế;Tên doanh nghiệp;Tỉnh, thành phố\n100109106;Công ty Sữa;Hà Nội\n".encode(
            "utf-8-sig"
        )
    )

    code, summary, _ = run_import("enterprises", str(path))

    assert (code, summary["created"]) == (0, 1)
    assert Enterprise.objects.get().name == "Công ty Sữa"


# --- Provinces ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "Hà Nội",
        "Ha Noi",
        "HA NOI",
        "TP Hà Nội",
        "TP. Hà Nội",
        "Thành phố Hà Nội",
        "thanh pho ha noi",
    ],
)
def test_a_province_is_found_with_or_without_diacritics_and_prefix(written):
    found = province_lookup().get(written)

    assert (found.system, found.code) == (ProvinceSystem.NEW_34, "01")


@pytest.mark.parametrize(
    ("written", "code"), [("TP.HCM", "79"), ("Sài Gòn", "79"), ("Thừa Thiên Huế", "46")]
)
def test_common_nicknames_of_provinces_are_found(written, code):
    found = province_lookup().get(written)

    assert (found.system, found.code) == (ProvinceSystem.NEW_34, code)


def test_an_old_province_name_resolves_to_the_old_system_province(tmp_path):
    path = messy_workbook(tmp_path / "dn.xlsx", [HOI_AN])

    run_import("enterprises", str(path))

    hoi_an = Enterprise.objects.get(tax_code="4000100019")
    assert (hoi_an.province.system, hoi_an.province.code, hoi_an.province.name) == (
        ProvinceSystem.OLD_63, "49", "Quảng Nam",
    )  # fmt: skip
    assert hoi_an.province.current == province("48")
    assert (hoi_an.sector, hoi_an.size, hoi_an.ownership) == (
        Sector.C, EnterpriseSize.MICRO, Ownership.COOPERATIVE,
    )  # fmt: skip


def test_an_unknown_province_is_refused():
    with pytest.raises(CellError) as exc:
        province_lookup().get("Tinh Sao Hoa")

    assert exc.value.message == "Không tìm thấy tỉnh, thành phố “Tinh Sao Hoa”."


# --- Who may change what -----------------------------------------------------------------


def test_an_import_by_a_partner_officer_registers_new_enterprises_to_their_organisation(
    tmp_path, personas, partner_org
):
    path = messy_workbook(tmp_path / "dn.xlsx", [VINAMILK])

    result = EnterpriseImporter(actor=personas["partner_officer"]).run(path)

    assert result.created == 1
    enterprise = Enterprise.objects.get(tax_code="0100109106")
    assert enterprise.registered_by == partner_org
    assert enterprise.history.get().history_user == personas["partner_officer"]


def test_a_partner_officer_may_not_change_another_organisations_enterprise(
    tmp_path, personas, other_org
):
    EnterpriseFactory(tax_code="0100109106", name="Vinamilk", registered_by=other_org)
    path = messy_workbook(tmp_path / "dn.xlsx", [VINAMILK, BANH_KEO])

    result = EnterpriseImporter(actor=personas["partner_officer"]).run(path)

    assert result.errors == [
        {
            "sheet": "DS doanh nghiep",
            "row": 5,
            "column": "MA SO THUE",
            "message": "Doanh nghiệp “Vinamilk” do đơn vị khác nhập; "
            "bạn không được sửa thông tin của doanh nghiệp này.",
        }
    ]
    assert Enterprise.objects.get(tax_code="0100109106").name == "Vinamilk"
    assert not Enterprise.objects.filter(tax_code="0302000006").exists()


def test_a_programme_officer_may_update_any_enterprise(tmp_path, personas, other_org):
    EnterpriseFactory(tax_code="0100109106", name="Vinamilk", registered_by=other_org)
    path = messy_workbook(tmp_path / "dn.xlsx", [VINAMILK])

    result = EnterpriseImporter(actor=personas["programme_officer"]).run(path)

    assert (result.created, result.updated, result.errors) == (0, 1, [])
    assert Enterprise.objects.get(tax_code="0100109106").registered_by == other_org


# --- People ------------------------------------------------------------------------------


PEOPLE_HEADER = [
    "STT", "Ma can bo", "HO VA TEN", "gioi tinh", "Ngay sinh", "Don vi", "Chuc vu",
    "Ngach/Loai", "Ngay tuyen dung", "Email", "Dien thoai",
]  # fmt: skip


def test_it_imports_people_with_units_by_code_or_name_and_dates_both_ways(tmp_path):
    office = UnitFactory(code="van-phong", name="Văn phòng Cục")
    planning = UnitFactory(code="phong-ke-hoach", name="Phòng Kế hoạch – Tổng hợp")
    rows = [
        ["CB-001", "Nguyễn Thị Lan", "Nữ", "05/03/1985", "van-phong", "Chánh Văn phòng",
         "cong chuc", datetime.date(2008, 9, 1), "LAN.NT@example.vn", 912345678],
        ["CB-002", "Trần Văn Hùng", "M", datetime.date(1990, 12, 31), "Phong Ke hoach - Tong hop",
         "", "Người lao động", "1/7/2015", "", ""],
    ]  # fmt: skip
    path = messy_workbook(tmp_path / "cb.xlsx", rows, header=PEOPLE_HEADER, sheet="Can bo")

    code, summary, _ = run_import("people", str(path))

    assert (code, summary["created"], summary["errors"]) == (0, 2, [])
    lan = Person.objects.get(code="CB-001")
    assert (
        lan.full_name, lan.gender, lan.date_of_birth, lan.unit, lan.position,
        lan.employment_category, lan.recruited_on, lan.email, lan.phone,
    ) == (
        "Nguyễn Thị Lan", Gender.FEMALE, datetime.date(1985, 3, 5), office, "Chánh Văn phòng",
        EmploymentCategory.CIVIL_SERVANT, datetime.date(2008, 9, 1), "lan.nt@example.vn",
        "0912345678",
    )  # fmt: skip
    hung = Person.objects.get(code="CB-002")
    assert (hung.gender, hung.date_of_birth, hung.unit, hung.employment_category, hung.recruited_on) == (
        Gender.MALE, datetime.date(1990, 12, 31), planning, EmploymentCategory.WORKER,
        datetime.date(2015, 7, 1),
    )  # fmt: skip

    code, summary, _ = run_import("people", str(path))
    assert (code, summary["created"], summary["updated"], summary["unchanged"]) == (0, 0, 0, 2)


def test_a_bad_person_row_names_its_column_and_nothing_is_saved(tmp_path):
    UnitFactory(code="van-phong", name="Văn phòng Cục")
    PersonFactory(code="CB-009", full_name="Lê Văn Cũ")
    before = list(Person.objects.values_list("code", "full_name"))
    rows = [
        ["CB-009", "Lê Văn Mới", "Nam", "01/01/1980", "van-phong", "", "Viên chức", "", "", ""],
        ["CB-010", "Phạm Thị Hà", "Nữ", "30/02/1990", "Phòng Ma", "", "Viên chức", "", "", ""],
        ["CB 011", "Đỗ Minh", "Khác", "01/01/1995", "van-phong", "", "Viên chức", "01/01/1990", "", ""],
    ]  # fmt: skip
    path = messy_workbook(tmp_path / "cb.xlsx", rows, header=PEOPLE_HEADER, sheet="Can bo")

    code, summary, _ = run_import("people", str(path))

    assert code == 1
    assert [(e["row"], e["column"]) for e in summary["errors"]] == [
        (6, "Ngay sinh"), (6, "Don vi"), (7, "gioi tinh"),
    ]  # fmt: skip
    assert summary["errors"][0]["message"] == "Ngày “30/02/1990” không tồn tại."
    assert summary["errors"][1]["message"] == "Không tìm thấy đơn vị “Phòng Ma”."
    assert summary["errors"][2]["message"] == "“Khác” không phải là một trong: Nữ; Nam."
    assert list(Person.objects.values_list("code", "full_name")) == before


def test_a_person_recruited_before_birth_is_refused(tmp_path):
    UnitFactory(code="van-phong", name="Văn phòng Cục")
    rows = [["CB-1", "Đỗ Minh", "Nam", "01/01/1995", "van-phong", "", "CC", "01/01/1990", "", ""]]
    path = messy_workbook(tmp_path / "cb.xlsx", rows, header=PEOPLE_HEADER, sheet="Can bo")

    result = PersonImporter().run(path)

    assert result.errors == [
        {"sheet": "Can bo", "row": 5, "column": "Ngay tuyen dung",
         "message": "Ngày tuyển dụng phải sau ngày sinh."}
    ]  # fmt: skip
    assert not Person.objects.filter(code="CB-1").exists()


# --- Templates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("importer", "headers"),
    [
        (
            EnterpriseImporter,
            ["Mã số thuế", "Tên doanh nghiệp", "Tên tiếng Anh", "Tỉnh/Thành phố", "Ngành (VSIC)",
             "Quy mô", "Loại hình sở hữu", "Địa chỉ", "Điện thoại", "Email", "Website"],
        ),
        (
            PersonImporter,
            ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị", "Chức vụ", "Ngạch/Loại",
             "Ngày tuyển dụng", "Email", "Điện thoại"],
        ),
    ],
)  # fmt: skip
def test_the_blank_template_has_the_vietnamese_headers_and_imports_as_nothing(importer, headers):
    content = importer.template_workbook()

    wb = load_workbook(io.BytesIO(content))
    assert [c.value for c in wb.worksheets[0][1]] == headers
    result = importer().run(content, filename="mau.xlsx")
    assert result.as_json() == {
        "created": 0, "updated": 0, "unchanged": 0, "rows": 0, "dry_run": False, "errors": [],
    }  # fmt: skip
