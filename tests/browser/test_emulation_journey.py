"""The secretariat deliberates, two council members vote in secret, a decision is issued and downloaded."""

import datetime
import re

from docx import Document
from playwright.sync_api import expect

from xttm.accounts.factories import UserFactory
from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.emulation.factories import CommendationFactory, RatingFactory, initiative_of


def eligible_for_cstd_bo_in_2024():
    """Scenario 1 of emulation.md: LDTT and CSTDCS 2022–23, HTXSNV 2022–24, a ministry initiative 2023."""
    unit = UnitFactory(code="xtxk", name="Phòng Xúc tiến xuất khẩu")
    lan = PersonFactory(
        code="cb-lan",
        full_name="Nguyễn Thị Lan",
        gender="F",
        unit=unit,
        recruited_on=datetime.date(2012, 3, 1),
    )
    for year in (2022, 2023, 2024):
        RatingFactory(person=lan, year=year, code="HTXSNV")
    for year in (2022, 2023):
        CommendationFactory(person=lan, year=year, code="LDTT")
        CommendationFactory(person=lan, year=year, code="CSTDCS")
    initiative_of(lan, year=2023, scope="ministry")
    return lan


def test_a_cstd_bo_nomination_goes_from_the_round_to_a_downloaded_decision(
    page, live_server, login, tmp_path
):
    eligible_for_cstd_bo_in_2024()
    UserFactory(username="tt_thidua", roles=["emulation_secretariat"])
    UserFactory(username="hd_mot", first_name="Ủy viên", last_name="Một", roles=["council_member"])
    UserFactory(username="hd_hai", first_name="Ủy viên", last_name="Hai", roles=["council_member"])

    # The secretariat opens a round for 2024 and finds Lan eligible for CSTD_BO, with reasons.
    login(page, live_server, "tt_thidua")
    page.goto("/emulation/rounds/new/")
    page.get_by_label("Tên đợt bình xét").fill("Bình xét năm 2024")
    page.get_by_label("Năm thành tích").fill("2024")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_have_text("Bình xét năm 2024")
    row = page.locator('#candidates tr[data-subject="cb-lan"][data-code="CSTD_BO"]')
    expect(row).to_contain_text("Đủ điều kiện")
    expect(row).to_contain_text("Nguyễn Thị Lan")
    expect(row.locator("li").first).to_contain_text("✓")
    row.get_by_role("button", name="Đề nghị").click()
    expect(page.locator("#nominations")).to_contain_text("Chiến sĩ thi đua cấp Bộ")

    # A session with the two members, the CSTD_BO nomination on its agenda.
    page.get_by_role("link", name="Lập phiên họp Hội đồng").click()
    page.get_by_label("Ngày họp").fill("2025-01-15")
    page.get_by_label("Ủy viên Một").check()
    page.get_by_label("Ủy viên Hai").check()
    page.locator('input[name="nominations"]').first.check()
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Mở bỏ phiếu").click()
    expect(page.locator("#session-status")).to_have_text("Đang bỏ phiếu")
    session_url = page.url

    # Each member votes in secret; neither sees a count.
    for member in ("hd_mot", "hd_hai"):
        page.context.clear_cookies()
        login(page, live_server, member)
        page.goto(session_url)
        page.get_by_label("Đồng ý", exact=True).check()
        page.get_by_role("button", name="Bỏ phiếu").click()
        expect(page.locator("#agenda")).to_contain_text("Đã bỏ phiếu")
        expect(page.locator("#agenda")).not_to_contain_text("Thông qua")

    # The secretariat closes the session: 2 of 2 = 100% ≥ 90%; then drafts and issues the decision.
    page.context.clear_cookies()
    login(page, live_server, "tt_thidua")
    page.goto(session_url)
    page.get_by_role("button", name="Đóng phiên và chốt kết quả").click()
    expect(page.locator("#agenda")).to_contain_text("Thông qua")
    page.get_by_role("link", name="Lập quyết định").click()
    page.get_by_label("Số quyết định").fill("15/QĐ-XTTM")
    page.get_by_label("Ngày ký").fill("2025-01-25")
    page.locator("#id_signer_name").fill("Vũ Bá Phú")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Ban hành").click()
    expect(page.locator("#decision-status")).to_have_text("Đã ban hành")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải .docx").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    document = Document(str(path))
    heading = "\n".join(cell.text for cell in document.tables[0].rows[0].cells)
    annex = "\n".join(" | ".join(c.text for c in r.cells) for r in document.tables[-1].rows)
    assert re.search(r"Số: 15/QĐ-XTTM", heading)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading
    assert (
        "Nguyễn Thị Lan | Phòng Xúc tiến xuất khẩu | Chiến sĩ thi đua cấp Bộ | 7.020.000" in annex
    )
