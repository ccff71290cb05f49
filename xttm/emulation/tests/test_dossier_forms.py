"""Dossier papers of Decree 98/2023 Appendix I, filled from the records, read back with python-docx."""

import datetime
import io

import pytest
from docx import Document

from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.emulation import documents, services
from xttm.emulation.factories import CommendationFactory, initiative_of
from xttm.emulation.models import Decision

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@pytest.fixture
def unit(db):
    return UnitFactory(name="Phòng Xúc tiến thương mại")


@pytest.fixture
def lan(unit):
    return PersonFactory(
        code="cb-lan",
        full_name="Nguyễn Thị Lan",
        gender="F",
        date_of_birth=datetime.date(1985, 4, 12),
        position="Trưởng phòng",
        unit=unit,
    )


def a_decision(number, year, signed_on):
    return Decision.objects.create(
        number=number,
        signed_on=signed_on,
        issuing_body="Cục Xúc tiến thương mại",
        signer_name="Vũ Bá Phú",
        year=year,
    )


def test_the_individual_report_is_form_03_with_the_recorded_titles_by_year(lan, round_, secretary):
    CommendationFactory(
        person=lan,
        code="CSTDCS",
        year=2022,
        decision=a_decision("15/QĐ-XTTM", 2022, datetime.date(2023, 1, 20)),
    )
    CommendationFactory(person=lan, code="LDTT", year=2021, decision_reference="9/QĐ-XTTM")
    CommendationFactory(person=lan, code="BK_BO", year=2023, decision_reference="321/QĐ-BCT")
    initiative_of(lan, title="Số hóa hồ sơ hội chợ", scope="ministry", year=2023)
    nomination = services.nominate(round_, lan, code="CSTD_BO", actor=secretary)

    document = Document(io.BytesIO(documents.report_docx(nomination)))
    text = docx_text(documents.report_docx(nomination))

    left, right = document.tables[0].rows[0].cells
    assert "PHÒNG XÚC TIẾN THƯƠNG MẠI" in left.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right.text
    assert "Độc lập - Tự do - Hạnh phúc" in right.text
    for heading in [
        "Mẫu số 03",
        "BÁO CÁO THÀNH TÍCH",
        "ĐỀ NGHỊ TẶNG CHIẾN SĨ THI ĐUA CẤP BỘ",
        "I. SƠ LƯỢC LÝ LỊCH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
        "1. Danh hiệu thi đua",
        "2. Hình thức khen thưởng",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
    ]:
        assert heading in text
    assert "- Họ tên: Nguyễn Thị Lan" in text
    assert "- Sinh ngày, tháng, năm: 12/04/1985" in text
    assert "- Giới tính: Nữ" in text
    assert "- Chức vụ: Trưởng phòng" in text
    assert "- Đơn vị công tác: Phòng Xúc tiến thương mại" in text
    assert "2023 | Số hóa hồ sơ hội chợ | Cấp Bộ | " in text
    assert "2021 | Lao động tiên tiến | 9/QĐ-XTTM" in text
    assert (
        "2022 | Chiến sĩ thi đua cơ sở | Quyết định số 15/QĐ-XTTM ngày 20/01/2023 "
        "của Cục Xúc Tiến Thương Mại" in text
    )
    assert "2023 | Bằng khen của Bộ trưởng | 321/QĐ-BCT" in text
    # Titles first by year, then awards: the award is not in the titles' table.
    assert text.index("2021 | Lao động tiên tiến") < text.index("2022 | Chiến sĩ thi đua cơ sở")
    assert text.index("2. Hình thức khen thưởng") < text.index("2023 | Bằng khen của Bộ trưởng")


def test_the_collective_report_is_form_02_with_the_units_recorded_titles(
    unit, lan, round_, secretary
):
    CommendationFactory(person=None, unit=unit, code="TTLDXS", year=2023, decision_reference="7/QĐ")
    CommendationFactory(person=None, unit=unit, code="TTLDTT", year=2022, decision_reference="3/QĐ")
    nomination = services.nominate(round_, unit, code="TTLDXS", actor=secretary)

    text = docx_text(documents.report_docx(nomination))

    for heading in [
        "Mẫu số 02",
        "BÁO CÁO THÀNH TÍCH",
        "Tên tập thể đề nghị: Phòng Xúc tiến thương mại",
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "1. Đặc điểm, tình hình",
        "2. Chức năng, nhiệm vụ",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
        "THỦ TRƯỞNG ĐƠN VỊ",
    ]:
        assert heading in text
    assert "- Tổng số cán bộ, công chức, viên chức, người lao động: 1" in text
    assert "2022 | Tập thể lao động tiên tiến | 3/QĐ" in text
    assert "2023 | Tập thể lao động xuất sắc | 7/QĐ" in text
    assert "Mẫu số 03" not in text


def test_the_submission_is_form_01_listing_the_rounds_nominees_for_the_title(
    unit, lan, round_, secretary
):
    hung = PersonFactory(code="cb-hung", full_name="Phạm Đức Hùng", position="Chuyên viên")
    first = services.nominate(round_, lan, code="LDTT", actor=secretary)
    services.nominate(round_, hung, code="LDTT", actor=secretary)
    services.nominate(
        round_, PersonFactory(full_name="Đỗ Văn Khác"), code="CSTDCS", actor=secretary
    )

    document = Document(io.BytesIO(documents.submission_docx(first)))
    text = docx_text(documents.submission_docx(first))

    left, right = document.tables[0].rows[0].cells
    assert "CỤC XÚC TIẾN THƯƠNG MẠI" in left.text
    assert "Số: …/TTr-XTTM" in left.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right.text
    for heading in ["Mẫu số 01", "TỜ TRÌNH", "V/v đề nghị khen thưởng Lao động tiên tiến"]:
        assert heading in text
    assert "cho 0 tập thể và 2 cá nhân" in text
    assert "Nguyễn Thị Lan | Trưởng phòng, Phòng Xúc tiến thương mại | Lao động tiên tiến" in text
    assert "Phạm Đức Hùng | Chuyên viên" in text
    assert "Đỗ Văn Khác" not in text
    assert "CỤC TRƯỞNG" in text
