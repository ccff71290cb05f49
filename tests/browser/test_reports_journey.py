"""Leadership opens the programme dashboard, narrows to 2010–2014, switches the map to 63 provinces,
and downloads the xlsx and the docx report."""

import io
import re
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from xttm.accounts.factories import UserFactory
from xttm.directory.choices import OrganizationKind
from xttm.directory.factories import OrganizationFactory, province
from xttm.reports import programme
from xttm.reports.filters import filters_for
from xttm.reports.tests.conftest import build_programme

PASSWORD = "matkhau-Thu-nghiem-1"


def _shot(page, request, name):
    folder = Path(request.config.rootpath) / "test-output" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"reports-{name}.png"), full_page=True)


def test_leadership_reads_the_programme_for_2010_2014_and_downloads_its_reports(
    page, live_server, login, request, tmp_path
):
    leads = [
        OrganizationFactory(
            code="vietrade", name="Cục Xúc tiến thương mại", kind=OrganizationKind.AGENCY
        ),
        OrganizationFactory(
            code="ttxt-danang", name="Trung tâm XTTM và Đầu tư TP Đà Nẵng", province=province("48")
        ),
    ]
    build_programme(leads)
    user = UserFactory(username="lanh_dao", roles=["leadership"])
    _form, f = filters_for(user, {"year_from": "2010", "year_to": "2014"})
    expected = programme.figures(user, f)["sentence"]

    errors = []
    # Chromium asks for /favicon.ico, which the site does not serve; that 404 is not a
    # page response, so failed loads are judged by the responses the page itself made.
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    login(page, live_server, "lanh_dao", PASSWORD)
    page.goto("/reports/")
    expect(page.locator("h1")).to_contain_text("Tổng quan Chương trình")
    page.locator("#id_year_from").fill("2010")
    page.locator("#id_year_to").fill("2014")
    page.locator("#apply-filters").click()

    expect(page).to_have_url(re.compile(r"year_from=2010.*year_to=2014"))
    expect(page.locator("#headline-sentence")).to_have_text(expected)
    assert "Giai đoạn 2010–2014" in expected
    expect(page.locator("#chart-year[data-ready='1']")).to_have_count(1)
    expect(page.locator("#chart-map[data-ready='1']")).to_have_count(1)
    expect(page.locator("#chart-map svg")).to_have_count(1)
    expect(page.locator("#chart-map")).to_contain_text("Quần đảo Hoàng Sa (TP Đà Nẵng)")
    expect(page.locator("#chart-map")).to_contain_text("Quần đảo Trường Sa (tỉnh Khánh Hòa)")
    # The labels come from the template's json_script block: targets beside actuals.
    expect(page.locator("#chart-year")).to_contain_text("Theo năm")
    expect(page.locator("#chart-line[data-ready='1']")).to_have_count(1)
    expect(page.locator("#chart-line")).to_contain_text("Doanh nghiệp kế hoạch")
    expect(page.locator("#chart-line")).to_contain_text("Hợp đồng, giao dịch kế hoạch")
    _shot(page, request, "1-dashboard-2010-2014")

    page.locator("#switch-system").click()
    expect(page).to_have_url(re.compile(r"system=2008"))
    expect(page.locator("#table-province caption")).to_contain_text("63 tỉnh")
    expect(page.locator("#chart-map[data-ready='1']")).to_have_count(1)
    expect(page.locator("#headline-sentence")).to_have_text(expected)  # same national figures
    _shot(page, request, "2-map-63-provinces")
    folder = Path(request.config.rootpath) / "test-output" / "screenshots"
    page.locator("#chart-map").screenshot(path=str(folder / "reports-2b-map-63-only.png"))

    with page.expect_download() as download_info:
        page.locator("#export-xlsx").click()
    xlsx = tmp_path / "dashboard.xlsx"
    download_info.value.save_as(xlsx)
    book = load_workbook(xlsx)
    assert ("Tóm tắt", expected) in [
        tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)
    ]
    assert any(name.startswith("Theo tỉnh, thành phố (63") for name in book.sheetnames)

    with page.expect_download() as download_info:
        page.locator("#report-docx").click()
    docx = tmp_path / "report.docx"
    download_info.value.save_as(docx)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.read_bytes())).paragraphs)
    assert expected in text
    _shot(page, request, "3-after-downloads")
    assert errors == []  # no script error, no CSP violation
