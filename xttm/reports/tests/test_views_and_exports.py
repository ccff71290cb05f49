"""The dashboards as each persona sees them, their constant query count, exports, report jobs and verify."""

import io
import subprocess
import tempfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook

from xttm.promotion.models import ResultSummary
from xttm.reports import programme
from xttm.reports.filters import filters_for
from xttm.reports.models import ReportJob

from .conftest import build_programme

URL = "/reports/?year_from=2010&year_to=2014"


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_makes_the_same_number_of_queries_whatever_the_data_size(
    client_as, programme_data
):
    client = client_as("leadership")
    client.get(URL)  # warm the session and caches
    small = _queries(client, URL)
    build_programme(list(programme_data.values()), seed=11, schemes=60)
    assert ResultSummary.objects.count() > 0
    large = _queries(client, URL)
    assert small == large
    # Session, user, roles; three filter choice lists (which also name the rows); the whole
    # programme's rollup (one GROUP BY); plan targets; provinces with their facilities; the
    # navbar's notifications; the user's recent report jobs.
    assert large == 11


def test_the_dashboard_shows_the_headline_sentence_and_every_table(
    client_as, programme_data, personas
):
    response = client_as("leadership").get(URL + "&system=2008")
    html = response.content.decode()
    _form, f = filters_for(personas["leadership"], {"year_from": "2010", "year_to": "2014"})
    fig = programme.figures(personas["leadership"], f)
    assert fig["sentence"] in html
    assert "Giai đoạn 2010–2014" in html
    for key in ("year", "line", "content", "market", "lead", "province"):
        assert f'id="table-{key}"' in html
    assert "Theo tỉnh, thành phố (63 tỉnh)" in html
    assert 'id="reports-chart-data"' in html and "<script>" not in html


def test_a_partner_officer_never_sees_another_organisations_figures(client_as, programme_data):
    other = programme_data["other"]
    html = client_as("partner_officer").get(URL + f"&lead={other.pk}").content.decode()
    assert other.name not in html
    assert "chỉ gồm các đề án do đơn vị của bạn chủ trì" in html
    data = client_as("partner_officer").get(f"/api/v1/reports/programme/?lead={other.pk}").json()
    assert data["filters"]["lead"] == programme_data["partner"].pk


@pytest.mark.parametrize(
    "persona,status", [("staff", 403), ("council_member", 403), ("programme_officer", 200)]
)
def test_who_may_open_the_programme_dashboard(client_as, programme_data, persona, status):
    assert client_as(persona).get("/reports/").status_code == status


def test_the_xlsx_contains_what_the_screen_showed(client_as, programme_data, personas):
    response = client_as("leadership").get("/reports/export.xlsx?year_from=2010&year_to=2014")
    book = load_workbook(io.BytesIO(response.content))
    _form, f = filters_for(personas["leadership"], {"year_from": "2010", "year_to": "2014"})
    fig = programme.figures(personas["leadership"], f)
    first = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    assert ("Tóm tắt", fig["sentence"]) in first
    years = {r[0]: r for r in book["Theo năm"].iter_rows(min_row=2, values_only=True)}
    header = next(book["Theo năm"].iter_rows(max_row=1, values_only=True))
    column = header.index("Lượt doanh nghiệp")
    for row in fig["by_year"]:
        assert years[row["label"]][column] == row["participations"]
    assert len(list(book["Theo tỉnh, thành phố (34 tỉnh)"].iter_rows(min_row=2))) >= 34


def test_the_docx_and_pdf_reports_carry_the_figures(client_as, programme_data, personas):
    client = client_as("leadership")
    docx = client.get("/reports/report/programme_docx/?year_from=2010&year_to=2014")
    assert docx.status_code == 200
    document = Document(io.BytesIO(b"".join(docx.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    _form, f = filters_for(personas["leadership"], {"year_from": "2010", "year_to": "2014"})
    fig = programme.figures(personas["leadership"], f)
    assert fig["sentence"] in text
    assert len(document.inline_shapes) == 4  # the charts
    assert len(document.tables) >= 8
    pdf = client.get("/reports/report/programme_pdf/?year_from=2010&year_to=2014")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(b"".join(pdf.streaming_content))
        tmp.flush()
        out = subprocess.run(["pdftotext", tmp.name, "-"], capture_output=True, text=True).stdout
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH" in out
    assert "Danh sách đề án và tình trạng" in out


# The worker closes its database connection after a batch, which PostgreSQL turns into an error
# inside a test's transaction; this test runs outside one.
@pytest.mark.django_db(transaction=True)
def test_a_long_report_runs_as_a_job_with_progress_and_a_download(
    reference_rows, client_as, programme_data, personas
):
    client = client_as("leadership")
    response = client.post(
        "/reports/jobs/programme_docx/start/", {"year_from": "2010", "year_to": "2014"}
    )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and job.status == ReportJob.Status.QUEUED
    assert 'hx-trigger="every 1s"' in client.get(f"/reports/jobs/{job.pk}/").content.decode()
    call_command("db_worker", batch=True, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.progress) == (ReportJob.Status.DONE, 100), job.error
    download = client.get(f"/reports/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert Document(io.BytesIO(b"".join(download.streaming_content))).paragraphs
    # Someone else's job is not found.
    assert client_as("programme_officer").get(f"/reports/jobs/{job.pk}/").status_code == 404


def test_verify_passes_when_the_summary_agrees(programme_data, capsys):
    call_command("reports", "verify")
    assert "khớp" in capsys.readouterr().out


def test_verify_fails_with_a_vietnamese_listing_when_the_summary_disagrees(programme_data, capsys):
    row = ResultSummary.objects.filter(participations__gt=0).first()
    ResultSummary.objects.filter(pk=row.pk).update(participations=row.participations + 3)
    with pytest.raises(SystemExit) as exit_info:
        call_command("reports", "verify")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "lệch với số liệu gốc ở 1 khóa" in out
    assert (
        f"lượt doanh nghiệp: đúng là {row.participations}, bảng tổng hợp ghi {row.participations + 3}"
        in out
    )
    call_command("reports", "rebuild")
    call_command("reports", "verify")


def test_the_summary_kept_by_the_services_agrees_with_the_raw_rows(programme_data, personas):
    import datetime
    from decimal import Decimal

    from xttm.directory.factories import EnterpriseFactory
    from xttm.promotion import services
    from xttm.promotion.factories import ActivityFactory, DealFactory, ExchangeRateFactory
    from xttm.promotion.models import Scheme
    from xttm.promotion.summary import verify_summary

    scheme = Scheme.objects.filter(status="in_progress").first()
    ExchangeRateFactory(
        date=datetime.date(scheme.year, 1, 1), currency="USD", rate_to_vnd=Decimal(21000)
    )
    admin = personas["admin"]
    activity = ActivityFactory.build(
        scheme=scheme, country=scheme.country, province=scheme.province
    )
    services.save_activity(activity, actor=admin)
    services.record_participation(activity, EnterpriseFactory(), actor=admin, support_vnd=5_000_000)
    deal = DealFactory.build(
        activity=activity,
        enterprise=EnterpriseFactory(),
        signed_on=datetime.date(scheme.year, 3, 12),
        value=Decimal(1000),
        currency="VND",
    )
    services.save_deal(deal, actor=admin)
    assert verify_summary() == []


def test_the_dashboard_opens_on_this_year_by_default(client_as, programme_data):
    from django.utils import timezone

    html = client_as("leadership").get("/reports/").content.decode()
    assert f"Năm {timezone.localdate().year}, Chương trình" in html


def test_a_partner_officer_may_not_start_a_movement_review(client_as, programme_data):
    client = client_as("partner_officer")
    assert client.post("/reports/jobs/review_docx/start/", {"movement": "1"}).status_code == 403
    assert client.get("/reports/report/review_docx/?movement=1").status_code == 403
    assert ReportJob.objects.count() == 0


def test_the_api_answers_a_token_with_the_same_figures(programme_data, personas):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token = Token.objects.create(user=personas["programme_officer"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + token.key)
    data = client.get("/api/v1/reports/programme/?year_from=2010&year_to=2014").json()
    _form, f = filters_for(personas["programme_officer"], {"year_from": "2010", "year_to": "2014"})
    fig = programme.figures(personas["programme_officer"], f)
    assert data["sentence"] == fig["sentence"]
    assert data["total"]["participations"] == fig["total"]["participations"]
    assert APIClient().get("/api/v1/reports/programme/").status_code in (401, 403)


def test_the_navbar_offers_only_the_reports_a_persona_may_open(client_as, programme_data):
    from django.urls import reverse

    staff = client_as("staff").get(reverse("profile")).content.decode()
    assert "navbar" in staff and 'href="/reports/"' not in staff
    partner = client_as("partner_officer").get("/reports/").content.decode()
    assert 'href="/reports/"' in partner and 'href="/reports/emulation/"' not in partner
