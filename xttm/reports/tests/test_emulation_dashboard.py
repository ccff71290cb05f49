"""The emulation dashboard: registrations, rankings, awards, initiatives, eligibility, fund, review report."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook

from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.emulation.factories import (
    CommendationFactory,
    InitiativeFactory,
    MovementFactory,
    RatingFactory,
)
from xttm.emulation.models import Registration
from xttm.reports import emulation


@pytest.fixture
def emulation_year(personas, agency):
    unit = UnitFactory(organization=agency, code="phong-xt", name="Phòng Xúc tiến xuất khẩu")
    people = [PersonFactory(code=f"cb-{n}", full_name=f"Nguyễn Văn {n}", unit=unit) for n in "ABC"]
    movement = MovementFactory(
        name="Thi đua hoàn thành Chương trình XTTM 2024",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    for person, status in zip(people, ["approved", "approved", "submitted"], strict=True):
        Registration.objects.create(
            person=person, year=2024, movement=movement, aimed_code="LDTT", status=status
        )
        RatingFactory(person=person, year=2024, code="HTXSNV")
    CommendationFactory(person=people[0], code="LDTT", year=2024)
    CommendationFactory(person=people[1], code="CSTDCS", year=2024)
    InitiativeFactory(unit=unit, scope="ministry", year=2024)
    InitiativeFactory(unit=unit, scope="unit", year=2024)
    return {"unit": unit, "people": people, "movement": movement}


def test_the_figures_count_registrations_awards_initiatives_and_eligibility(emulation_year):
    fig = emulation.figures(2024)
    by_status = {r["status"]: r["n"] for r in fig["registrations"]["by_status"]}
    assert by_status == {"draft": 0, "submitted": 1, "approved": 2, "returned": 0}
    assert {r["code"]: r["n"] for r in fig["awards_by_code"]} == {"CSTDCS": 1, "LDTT": 1}
    assert fig["awards_by_unit"] == [{"unit_name": "Phòng Xúc tiến xuất khẩu", "n": 2}]
    assert {r["scope"]: r["n"] for r in fig["initiatives"]} == {
        "unit": 1,
        "ministry": 1,
        "national": 0,
    }
    eligibility = {r["code"]: r for r in fig["eligibility"]["rows"]}
    assert fig["eligibility"]["error"] == ""
    # Three people rated HTXSNV in 2024, none disciplined: all three are LDTT-eligible.
    assert eligibility["LDTT"]["eligible"] == 3


@pytest.mark.parametrize(
    "persona,status",
    [("emulation_secretariat", 200), ("leadership", 200), ("council_member", 200), ("admin", 200),
     ("partner_officer", 403), ("staff", 403)],
)  # fmt: skip
def test_who_may_open_the_emulation_dashboard(client_as, emulation_year, persona, status):
    assert client_as(persona).get("/reports/emulation/?year=2024").status_code == status


def test_the_emulation_page_makes_a_fixed_number_of_queries(client_as, emulation_year, agency):
    client = client_as("emulation_secretariat")
    client.get("/reports/emulation/?year=2024")
    with CaptureQueriesContext(connection) as small:
        client.get("/reports/emulation/?year=2024")
    unit = emulation_year["unit"]
    for n in range(10):
        person = PersonFactory(code=f"cb-x{n}", unit=unit)
        RatingFactory(person=person, year=2024, code="HTTNV")
        CommendationFactory(person=person, code="LDTT", year=2024)
    with CaptureQueriesContext(connection) as large:
        client.get("/reports/emulation/?year=2024")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_emulation_xlsx_holds_the_dashboard_tables(client_as, emulation_year):
    response = client_as("emulation_secretariat").get("/reports/emulation/export.xlsx?year=2024")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Khen thưởng theo danh hiệu"].iter_rows(min_row=2, values_only=True))
    assert ("LDTT", "Lao động tiên tiến", 1) in rows


def test_the_movement_review_report_is_a_docx(client_as, emulation_year):
    movement = emulation_year["movement"]
    response = client_as("emulation_secretariat").get(
        f"/reports/report/review_docx/?movement={movement.pk}&kind=midterm"
    )
    assert response.status_code == 200
    text = "\n".join(
        p.text for p in Document(io.BytesIO(b"".join(response.streaming_content))).paragraphs
    )
    assert "BÁO CÁO SƠ KẾT PHONG TRÀO THI ĐUA" in text
    assert "Đề nghị khen thưởng" in text


def test_the_dashboard_opens_on_the_latest_rated_year(client_as):
    RatingFactory(year=2023, code="HTTNV")
    RatingFactory(year=2025, code="HTXSNV")
    response = client_as("emulation_secretariat").get("/reports/emulation/")
    assert response.status_code == 200
    assert "Thi đua, khen thưởng năm 2025" in response.content.decode()


def _pdf_text(content: bytes) -> str:
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(content)
        tmp.flush()
        return subprocess.run(
            ["pdftotext", tmp.name, "-"], capture_output=True, text=True, check=True
        ).stdout


def test_the_movement_review_report_is_also_a_pdf(client_as, emulation_year):
    movement = emulation_year["movement"]
    response = client_as("emulation_secretariat").get(
        f"/reports/report/review_pdf/?movement={movement.pk}&kind=final"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"xttm-tong-ket-phong-trao-{movement.pk}.pdf" in response["Content-Disposition"]
    text = " ".join(_pdf_text(b"".join(response.streaming_content)).split())
    assert "BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA" in text
    assert movement.name.upper() in text
    assert "Nguyễn Văn A" in text


def test_the_movement_page_offers_the_pdf_and_a_background_job(client_as, emulation_year):
    movement = emulation_year["movement"]
    html = (
        client_as("emulation_secretariat")
        .get(f"/reports/emulation/?year=2024&movement={movement.pk}")
        .content.decode()
    )
    assert f"/reports/report/review_pdf/?movement={movement.pk}&amp;kind=midterm" in html
    assert 'action="/reports/jobs/review_docx/start/"' in html
    assert 'formaction="/reports/jobs/review_pdf/start/"' in html


def test_a_review_without_a_movement_returns_to_the_emulation_page(client_as, emulation_year):
    response = client_as("emulation_secretariat").get("/reports/report/review_pdf/?movement=x")
    assert response.status_code == 302
    assert response["Location"] == "/reports/emulation/?movement=x"


def test_a_partner_officer_may_not_build_a_review_pdf(client_as, emulation_year):
    client = client_as("partner_officer")
    movement = emulation_year["movement"].pk
    assert client.get(f"/reports/report/review_pdf/?movement={movement}").status_code == 403
    assert client.post("/reports/jobs/review_pdf/start/", {"movement": movement}).status_code == 403


# The worker closes its database connection after a batch; outside a test transaction, as the
# programme report's job test.
@pytest.mark.django_db(transaction=True)
def test_the_movement_review_runs_as_a_background_job(reference_rows, client_as, emulation_year):
    from django.core.management import call_command

    from xttm.reports.models import ReportJob

    movement = emulation_year["movement"]
    client = client_as("emulation_secretariat")
    response = client.post(
        "/reports/jobs/review_pdf/start/", {"movement": movement.pk, "kind": "midterm"}
    )
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert (job.kind, job.params) == (
        "review_pdf",
        {"movement": str(movement.pk), "kind": "midterm"},
    )
    assert (
        "/reports/emulation/?movement=" in client.get(f"/reports/jobs/{job.pk}/").content.decode()
    )
    call_command("db_worker", batch=True, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.progress) == (ReportJob.Status.DONE, 100), job.error
    download = client.get(f"/reports/jobs/{job.pk}/download/")
    text = " ".join(_pdf_text(b"".join(download.streaming_content)).split())
    assert "BÁO CÁO SƠ KẾT PHONG TRÀO THI ĐUA" in text
    assert "Nguyễn Văn B" in text
