"""A scheme's journey: drafted and submitted by a partner, appraised and approved by the programme
officer, then its activity recorded and participations imported, and the summary counts them."""

import io
import re

from django.core.management import call_command
from openpyxl import Workbook
from playwright.sync_api import expect

from xttm.accounts.factories import UserFactory
from xttm.directory.factories import EnterpriseFactory, OrganizationFactory, province, tax_code_for
from xttm.promotion.reference import ensure_contents

PASSWORD = "matkhau-Thu-nghiem-1"


def participations_file(activity_code: str, known_tax_code: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH DOANH NGHIỆP THAM GIA"])
    ws.append(["STT", "Mã hoạt động", "MST", "Tên DN", "Tỉnh/TP", "Số gian hàng"])
    ws.append([1, activity_code, known_tax_code, "", "", 2])
    ws.append([2, activity_code, tax_code_for(7777), "Công ty TNHH Gốm Quảng Nam", "Quảng Nam", 1])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def switch_user(page, live_server, login, username):
    page.context.clear_cookies()
    login(page, live_server, username, PASSWORD)


def move(page, label, **fields):
    page.locator("summary", has_text=re.compile(f"^{label}$")).click()
    form = page.locator("details[open] form")
    for name, value in fields.items():
        form.locator(f"[name$='-{name}']").fill(value)
    form.get_by_role("button", name=label, exact=True).click()


def test_a_scheme_goes_from_draft_to_counted_participations(page, live_server, login):
    ensure_contents()
    centre = OrganizationFactory(
        code="ttxt-danang", name="Trung tâm XTTM Đà Nẵng", province=province("48")
    )
    UserFactory(username="doitac_e2e", roles=["partner_officer"], organization=centre)
    UserFactory(username="chuongtrinh_e2e", roles=["programme_officer"])
    known = EnterpriseFactory(name="Công ty Cổ phần Thủy sản Sơn Trà", province=province("48"))

    # The partner officer drafts the scheme with its cost estimate and submits it.
    login(page, live_server, "doitac_e2e", PASSWORD)
    page.goto("/promotion/schemes/new/")
    page.locator("#id_code").fill("DA-E2E-001")
    page.locator("#id_year").fill("2026")
    page.locator("#id_content_type").select_option(
        label="Hội chợ, triển lãm thương mại ở nước ngoài"
    )
    page.get_by_label("Tên đề án").fill("Tham gia Hội chợ FOODEX Nhật Bản 2026")
    page.locator("#id_country").select_option("JP")
    page.locator("#id_city").fill("Tokyo")
    page.locator("#id_start_date").fill("10/03/2026")
    page.locator("#id_end_date").fill("13/03/2026")
    page.locator("#id_planned_booths").fill("12")
    page.locator("#id_planned_enterprises").fill("12")
    page.locator("#id_costs-0-name").fill("Thuê và dàn dựng gian hàng")
    page.locator("#id_costs-0-amount").fill("900000000")
    page.locator("#id_costs-0-eligible").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page).to_have_url(re.compile(r"/promotion/schemes/\d+/$"))
    scheme_url = page.url
    expect(page.locator("#scheme-status")).to_have_text("Dự thảo")
    move(page, "Nộp đề án")
    expect(page.locator("#scheme-status")).to_have_text("Đã nộp")

    # The programme officer appraises and approves it.
    switch_user(page, live_server, login, "chuongtrinh_e2e")
    page.goto(scheme_url)
    move(page, "Thẩm định", score="85")
    expect(page.locator("#scheme-status")).to_have_text("Đã thẩm định")
    move(page, "Phê duyệt", document_number="01/QĐ-XTTM", document_date="20/01/2026")
    expect(page.locator("#scheme-status")).to_have_text("Đã phê duyệt")
    expect(page.locator("#support-approved")).to_have_text("900.000.000 đ")

    # The partner records the activity and imports its participations from a messy sheet.
    switch_user(page, live_server, login, "doitac_e2e")
    page.goto(scheme_url)
    page.get_by_role("link", name="Thêm hoạt động").click()
    page.locator("#id_code").fill("HD-FOODEX-2026")
    page.locator("#id_kind").select_option("fair")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#activity-code")).to_have_text("HD-FOODEX-2026")
    page.get_by_role("link", name="Nhập doanh nghiệp tham gia từ Excel").click()
    page.locator("#id_file").set_input_files(
        {
            "name": "doanh-nghiep-foodex.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": participations_file("HD-FOODEX-2026", known.tax_code),
        }
    )
    page.get_by_role("button", name="Nhập").click()
    # The file waits for the task worker; the page polls and shows the outcome once it has run.
    expect(page.locator("#import-job")).to_have_attribute("data-status", "queued")
    call_command("db_worker", batch=True, verbosity=0)
    expect(page.locator("#import-result")).to_contain_text("Thêm mới 2")

    # The summary counts the scheme and its two participations.
    page.goto("/promotion/summary/?year_from=2026&year_to=2026")
    expect(page.locator("#total-participations")).to_have_text("2")
    expect(page.locator("#total-schemes")).to_have_text("1")
