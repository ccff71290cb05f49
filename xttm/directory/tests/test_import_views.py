"""The import pages, tried as the personas: who may import, what the page shows, what gets saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from xttm.directory.factories import UnitFactory, province
from xttm.directory.models import Enterprise, Person

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_upload(rows, name="doanh-nghiep.xlsx", sheet="DS"):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = "DANH SÁCH DOANH NGHIỆP"
    ws.merge_cells("A1:D1")
    ws.append([])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


ENTERPRISES = [
    ["Ma so thue", "Ten doanh nghiep", "Tinh/Thanh pho", "Quy mo"],
    [100109106, "Công ty Cổ phần Sữa Việt Nam", "Da Nang", "Lớn"],
    ["0302000006", "Công ty TNHH Bánh kẹo Phương Nam", "Hồ Chí Minh", "Nhỏ"],
]


def test_a_partner_officer_imports_enterprises_registered_to_their_organisation(
    client_as, partner_org, post_import
):
    response = post_import(
        client_as("partner_officer"),
        reverse("directory:enterprise-import"),
        {"file": workbook_upload(ENTERPRISES)},
    )

    assert response.status_code == 200
    assert "Đã nhập xong." in response.text
    assert "Thêm mới 2, cập nhật 0, giữ nguyên 0." in response.text
    assert list(
        Enterprise.objects.order_by("tax_code").values_list("tax_code", "registered_by", "province")
    ) == [
        ("0100109106", partner_org.pk, province("48").pk),
        ("0302000006", partner_org.pk, province("79").pk),
    ]


def test_a_programme_officer_import_registers_no_organisation(client_as, post_import):
    post_import(
        client_as("programme_officer"),
        reverse("directory:enterprise-import"),
        {"file": workbook_upload(ENTERPRISES)},
    )

    assert list(Enterprise.objects.values_list("registered_by", flat=True)) == [None, None]


def test_the_page_lists_each_refused_row_and_saves_nothing(client_as, post_import):
    rows = [*ENTERPRISES, [100109107, "Sai mã", "Hà Nội", ""]]

    response = post_import(
        client_as("admin"), reverse("directory:enterprise-import"), {"file": workbook_upload(rows)}
    )

    assert response.status_code == 200
    assert "Tệp bị từ chối, không lưu dòng nào." in response.text
    assert response.context["result"]["errors"] == [
        {
            "sheet": "DS",
            "row": 6,
            "column": "Ma so thue",
            "message": "Mã số thuế “100109107” sai chữ số kiểm tra.",
        }
    ]
    assert "<td>Ma so thue</td>" in response.text
    assert Enterprise.objects.count() == 0


def test_a_dry_run_from_the_page_saves_nothing(client_as, post_import):
    response = post_import(
        client_as("programme_officer"),
        reverse("directory:enterprise-import"),
        {"file": workbook_upload(ENTERPRISES), "dry_run": "on"},
    )

    assert "Chạy thử: tệp hợp lệ, chưa lưu gì." in response.text
    assert "Khi nhập thật sẽ thêm mới 2, cập nhật 0, giữ nguyên 0." in response.text
    assert Enterprise.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_clear_message(client_as, post_import):
    garbage = SimpleUploadedFile("bao-cao.xlsx", b"%PDF-1.7 not a workbook", content_type=XLSX)

    response = post_import(
        client_as("admin"), reverse("directory:enterprise-import"), {"file": garbage}
    )

    assert response.context["result"]["errors"] == [
        {
            "sheet": "",
            "row": None,
            "column": "",
            "message": "Tệp “bao-cao.xlsx” không phải bảng tính Excel (.xlsx) hoặc CSV hợp lệ.",
        }
    ]
    assert Enterprise.objects.count() == 0


def test_an_upload_with_another_extension_is_refused_by_the_form(client_as):
    upload = SimpleUploadedFile("doanh-nghiep.pdf", b"%PDF-1.7", content_type="application/pdf")

    response = client_as("admin").post(reverse("directory:enterprise-import"), {"file": upload})

    assert response.context["form"].errors == {"file": ["Chỉ nhận tệp .xlsx hoặc .csv."]}
    assert "result" not in response.context
    assert Enterprise.objects.count() == 0


def test_an_upload_over_the_size_limit_is_refused_by_the_form(client_as, settings):
    settings.XTTM_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("lon.csv", b"x" * 2048, content_type="text/csv")

    response = client_as("admin").post(reverse("directory:enterprise-import"), {"file": upload})

    assert response.context["form"].errors == {"file": ["Tệp lớn hơn giới hạn 1,0\xa0KB."]}


def test_those_who_may_edit_enterprises_open_the_enterprise_import_page(client_as):
    for persona in ["admin", "programme_officer", "partner_officer"]:
        response = client_as(persona).get(reverse("directory:enterprise-import"))

        assert (persona, response.status_code) == (persona, 200)
        assert 'enctype="multipart/form-data"' in response.text
        assert reverse("directory:enterprise-import-template") in response.text
        assert reverse("directory:enterprise-list") in response.text


def test_other_roles_get_403_on_the_enterprise_import(client_as):
    for persona in ["staff", "leadership", "council_member", "emulation_secretariat"]:
        client = client_as(persona)
        for url_name in ["directory:enterprise-import", "directory:enterprise-import-template"]:
            assert (persona, client.get(reverse(url_name)).status_code) == (persona, 403)


def test_a_staff_member_cannot_post_an_import(client_as):
    response = client_as("staff").post(
        reverse("directory:enterprise-import"), {"file": workbook_upload(ENTERPRISES)}
    )

    assert response.status_code == 403
    assert Enterprise.objects.count() == 0


@pytest.mark.parametrize("persona", ["admin", "emulation_secretariat"])
def test_the_admin_and_the_emulation_secretariat_import_people(client_as, persona, post_import):
    UnitFactory(code="phong-xttm", name="Phòng Xúc tiến thương mại")
    rows = [
        ["Mã cán bộ", "Họ và tên", "Giới tính", "Đơn vị", "Ngạch/Loại", "Ngày sinh"],
        ["cb-101", "Phạm Thu Trang", "Nữ", "Phong Xuc tien thuong mai", "Viên chức", "02/09/1990"],
    ]

    response = post_import(
        client_as(persona),
        reverse("directory:person-import"),
        {"file": workbook_upload(rows, name="can-bo.xlsx")},
    )

    assert "Thêm mới 1, cập nhật 0, giữ nguyên 0." in response.text
    trang = Person.objects.get(code="cb-101")
    assert (trang.full_name, trang.unit.code, str(trang.date_of_birth)) == (
        "Phạm Thu Trang",
        "phong-xttm",
        "1990-09-02",
    )


def test_other_roles_get_403_on_the_people_import(client_as):
    for persona in [
        "programme_officer",
        "partner_officer",
        "leadership",
        "council_member",
        "staff",
    ]:
        client = client_as(persona)
        for url_name in ["directory:person-import", "directory:person-import-template"]:
            assert (persona, client.get(reverse(url_name)).status_code) == (persona, 403)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("directory:enterprise-import"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("url_name", "filename", "headers"),
    [
        (
            "directory:enterprise-import-template",
            "mau-nhap-enterprises.xlsx",
            ["Mã số thuế", "Tên doanh nghiệp", "Tên tiếng Anh", "Tỉnh/Thành phố", "Ngành (VSIC)",
             "Quy mô", "Loại hình sở hữu", "Địa chỉ", "Điện thoại", "Email", "Website"],
        ),
        (
            "directory:person-import-template",
            "mau-nhap-people.xlsx",
            ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị", "Chức vụ", "Ngạch/Loại",
             "Ngày tuyển dụng", "Email", "Điện thoại"],
        ),
    ],
)  # fmt: skip
def test_the_template_download_opens_with_openpyxl_and_has_the_headers(
    client_as, url_name, filename, headers
):
    response = client_as("admin").get(reverse(url_name))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == [wb.worksheets[0].title, "Hướng dẫn"]
    assert [cell.value for cell in wb.worksheets[0][1]] == headers
