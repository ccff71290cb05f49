"""The decision, certificates and minutes as official documents, read back as a reader would."""

import datetime
import io
import shutil
import subprocess

import pytest
from docx import Document

from xttm.directory.factories import PersonFactory
from xttm.emulation import documents, services

from .conftest import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(secretary, council, round_):
    lan = PersonFactory(code="cb-lan", full_name="Nguyễn Thị Lan")
    hung = PersonFactory(code="cb-hung", full_name="Phạm Đức Hùng")
    nominations = [
        services.nominate(round_, lan, code="CSTD_BO", actor=secretary),
        services.nominate(round_, hung, code="LDTT", actor=secretary),
    ]
    session = make_session(secretary, council, nominations, round_)
    for item in session.items.all():
        for member in council:
            services.cast_ballot(item, voter=member, choice="yes")
    services.close_session(session, actor=secretary)
    for n in nominations:
        n.refresh_from_db()
    return services.draft_decision(
        nominations,
        number="125/QĐ-XTTM",
        signed_on=datetime.date(2025, 8, 15),
        signer_name="Vũ Bá Phú",
        actor=secretary,
        session=session,
    )


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_decision_docx_has_the_official_heading_and_the_recipients(decision):
    text = docx_text(documents.decision_docx(decision))

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "CỤC XÚC TIẾN THƯƠNG MẠI" in text
    assert "Số: 125/QĐ-XTTM" in text
    assert "Hà Nội, ngày 15 tháng 08 năm 2025" in text
    assert "1 | Nguyễn Thị Lan | " in text
    assert "Chiến sĩ thi đua cấp Bộ | 7.020.000" in text
    assert "Lao động tiên tiến | 710.000" in text
    # 7 020 000 + 710 000
    assert "tổng cộng 7.730.000 đồng (Bằng chữ: Bảy triệu bảy trăm ba mươi nghìn đồng)" in text
    assert "Vũ Bá Phú" in text


def test_the_heading_puts_the_issuing_body_left_and_the_nation_right(decision):
    document = Document(io.BytesIO(documents.decision_docx(decision)))
    left, right = document.tables[0].rows[0].cells

    assert left.paragraphs[1].text == "CỤC XÚC TIẾN THƯƠNG MẠI"
    assert [p.text for p in right.paragraphs[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_decision_pdf_reads_back_in_vietnamese(decision, tmp_path):
    text = pdf_text(documents.decision_pdf(decision), tmp_path)

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 125/QĐ-XTTM" in text
    assert "Nguyễn Thị Lan" in text
    assert "7.730.000" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_each_recipient_gets_a_certificate_page(decision, tmp_path):
    text = pdf_text(documents.certificates_pdf(decision), tmp_path)
    pages = text.split("\f")

    assert "Nguyễn Thị Lan" in pages[0] and "CHIẾN SĨ THI ĐUA CẤP BỘ" in pages[0]
    assert "Phạm Đức Hùng" in pages[1] and "LAO ĐỘNG TIÊN TIẾN" in pages[1]


def test_the_minutes_show_each_tally_after_close(decision):
    text = docx_text(documents.minutes_docx(decision.session))

    assert "Tổng số thành viên: 5; có mặt: 5; đủ số lượng theo quy định." in text
    assert "| 5 | 0 | 0 | Thông qua" in text


def test_a_missing_pdf_library_gives_a_vietnamese_message(decision, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'pango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)

    with pytest.raises(documents.DocumentUnavailable, match="tải bản .docx"):
        documents.decision_pdf(decision)


def test_the_dossier_papers_name_the_form_and_the_reasons(decision):
    nomination = decision.recipients.get(code="CSTD_BO").nomination

    assert "Mẫu số 03" in docx_text(documents.report_docx(nomination))
    assert "Về việc đề nghị tặng Chiến sĩ thi đua cấp Bộ" in docx_text(
        documents.submission_docx(nomination)
    )


def test_the_dossier_is_generated_from_templates_and_replaced_on_regeneration(
    decision, secretary, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    nomination = decision.recipients.get(code="LDTT").nomination

    services.generate_dossier(nomination, actor=secretary)
    documents_ = services.generate_dossier(nomination, actor=secretary)

    assert sorted(d.kind for d in nomination.documents.all()) == ["minutes", "report", "submission"]
    minutes = next(d for d in documents_ if d.kind == "minutes")
    text = docx_text(minutes.file.open("rb").read())
    assert "Họp bình xét thi đua, khen thưởng năm 2024" in text
    assert "Phạm Đức Hùng | Lao động tiên tiến" in text


def test_staff_cannot_generate_a_dossier(decision, personas):
    nomination = decision.recipients.get(code="LDTT").nomination

    with pytest.raises(services.ServiceError):
        services.generate_dossier(nomination, actor=personas["staff"])

    assert nomination.documents.count() == 0
