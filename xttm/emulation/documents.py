"""Official documents: decisions, certificates, minutes and dossier papers as .docx and PDF.

Layout of Decree 30/2020/NĐ-CP: issuing body top left, national name and motto
top right, number and place-and-date under them, Times-compatible serif
(Liberation Serif / Tinos carry the Vietnamese glyphs). The .docx is built with
python-docx so it stays editable; the PDF is rendered by WeasyPrint from the
templates under templates/emulation/documents/. Where WeasyPrint's system
libraries are missing, `DocumentUnavailable` carries a Vietnamese message.
"""

import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from num2words import num2words

from .choices import HonourCode

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"  # Liberation Serif / Tinos stand in for it where it is missing
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DocumentUnavailable(Exception):
    """The PDF cannot be made on this server; the message says so in Vietnamese."""


def vnd(amount) -> str:
    """1234567 -> '1.234.567'."""
    return f"{int(amount):,}".replace(",", ".")


def amount_in_words(amount) -> str:
    words = num2words(int(amount), lang="vi")
    return words[:1].upper() + words[1:] + " đồng"


def long_date(day, place: str = "") -> str:
    text = f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return f"{place}, {text}" if place else text


def code_label(code: str) -> str:
    return str(HonourCode(code).label)


# --- .docx building blocks ----------------------------------------------------------


def _document():
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    return document


def _line(
    cell_or_doc,
    text,
    *,
    bold=False,
    italic=False,
    size=None,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    first=False,
):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def _header(document, *, parent_body: str, issuing_body: str, number: str, place: str, day):
    """The two-column heading of an official document (Decree 30/2020 Appendix I)."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _line(left, parent_body.upper(), size=12, first=True)
    _line(left, issuing_body.upper(), bold=True, size=12)
    _line(left, f"Số: {number}", size=13)
    _line(right, NATION, bold=True, size=12, first=True)
    _line(right, MOTTO, bold=True, size=13)
    _line(right, long_date(day, place), italic=True, size=13)
    return table


def _signature(document, title: str, name: str):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _line(
        left,
        "Nơi nhận:",
        bold=True,
        italic=True,
        size=12,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
    )
    _line(left, "- Như Điều 3;\n- Lưu: VT, TĐKT.", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, title.upper(), bold=True, first=True)
    _line(right, "\n\n\n")
    _line(right, name, bold=True)


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Decisions ----------------------------------------------------------------------


def decision_context(decision) -> dict:
    recipients = list(
        decision.recipients.select_related("person__unit", "unit").order_by("code", "pk")
    )
    rows = [
        {
            "index": index,
            "name": str(r.subject),
            "unit": str(r.person.unit) if r.person_id else "",
            "code": r.code,
            "label": code_label(r.code),
            "amount": r.amount_vnd,
            "amount_text": vnd(r.amount_vnd),
            "multiple": r.multiple,
        }
        for index, r in enumerate(recipients, start=1)
    ]
    labels = sorted({row["label"] for row in rows})
    total = sum((r.amount_vnd for r in recipients), Decimal(0))
    return {
        "decision": decision,
        "nation": NATION,
        "motto": MOTTO,
        "date_line": long_date(decision.signed_on, decision.place),
        "rows": rows,
        "labels": labels,
        "people_count": sum(1 for r in recipients if r.person_id),
        "units_count": sum(1 for r in recipients if r.unit_id),
        "total": total,
        "total_text": vnd(total),
        "total_words": amount_in_words(total),
        "basis_lines": [line for line in decision.basis.splitlines() if line.strip()],
        "heading_body": f"{decision.signer_title.upper()} {decision.issuing_body.upper()}",
    }


def decision_docx(decision) -> bytes:
    """The decision with its annex of recipients, as an editable Word file."""
    ctx = decision_context(decision)
    document = _document()
    _header(
        document,
        parent_body=decision.parent_body,
        issuing_body=decision.issuing_body,
        number=decision.number,
        place=decision.place,
        day=decision.signed_on,
    )
    _line(document, "QUYẾT ĐỊNH", bold=True, size=14)
    _line(document, decision.subject_line, bold=True, size=14)
    _line(document, ctx["heading_body"], bold=True, size=14)
    for line in ctx["basis_lines"]:
        _line(document, line, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _line(
        document,
        f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng {decision.issuing_body.title()}.",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _line(document, "QUYẾT ĐỊNH:", bold=True, size=14)
    _line(
        document,
        "Điều 1. Tặng {labels} cho {people} cá nhân và {units} tập thể có tên trong danh sách kèm theo "
        "vì đã có thành tích trong năm {year}.".format(
            labels=", ".join(ctx["labels"]),
            people=ctx["people_count"],
            units=ctx["units_count"],
            year=decision.year,
        ),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _line(
        document,
        "Điều 2. Tiền thưởng theo Nghị định số 152/2025/NĐ-CP: tổng cộng {total} đồng "
        "(Bằng chữ: {words}), chi từ Quỹ thi đua, khen thưởng.".format(
            total=ctx["total_text"], words=ctx["total_words"]
        ),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _line(
        document,
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các đơn vị có liên quan "
        "và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _signature(document, decision.signer_title, decision.signer_name)

    document.add_page_break()
    _line(document, "DANH SÁCH", bold=True, size=14)
    _line(
        document,
        f"(Kèm theo Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y})",
        italic=True,
    )
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ["STT", "Họ và tên / Tập thể", "Đơn vị", "Danh hiệu, hình thức", "Tiền thưởng (đồng)"],
        strict=True,
    ):
        _line(cell, text, bold=True, size=12, first=True)
    for row in ctx["rows"]:
        cells = table.add_row().cells
        for cell, text in zip(
            cells,
            [str(row["index"]), row["name"], row["unit"], row["label"], row["amount_text"]],
            strict=True,
        ):
            _line(cell, text, size=12, first=True)
    total = table.add_row().cells
    _line(total[1], "Tổng cộng", bold=True, size=12, first=True)
    _line(total[4], ctx["total_text"], bold=True, size=12, first=True)
    return _bytes(document)


def _pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # Pango/Cairo missing on the server
        raise DocumentUnavailable(
            _("Máy chủ chưa cài thư viện tạo PDF (WeasyPrint, Pango); hãy tải bản .docx.")
        ) from exc
    return HTML(string=html).write_pdf()


def decision_pdf(decision) -> bytes:
    return _pdf(render_to_string("emulation/documents/decision.html", decision_context(decision)))


def certificates_pdf(decision) -> bytes:
    """One certificate page per recipient."""
    ctx = decision_context(decision)
    return _pdf(render_to_string("emulation/documents/certificates.html", ctx))


# --- Council minutes and dossier papers ----------------------------------------------


def minutes_docx(session) -> bytes:
    """Minutes of a closed session: attendance, quorum, each nomination's tally and result."""
    session = type(session).objects.get(pk=session.pk)  # the frozen tally, not a stale copy
    if not session.is_closed:
        raise DocumentUnavailable(_("Biên bản chỉ lập được sau khi phiên họp đã đóng."))
    document = _document()
    _header(
        document,
        parent_body="BỘ CÔNG THƯƠNG",
        issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        number=f"{session.pk}/BB-HĐTĐKT",
        place=session.place or "Hà Nội",
        day=session.held_on,
    )
    _line(document, "BIÊN BẢN", bold=True, size=14)
    _line(document, f"Họp {session.name}", bold=True)
    members = session.members.count()
    _line(
        document,
        "Tổng số thành viên: {members}; có mặt: {present}; {quorum}.".format(
            members=members,
            present=session.present_count or 0,
            quorum="đủ số lượng theo quy định"
            if session.quorum_met
            else "không đủ số lượng theo quy định",
        ),
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ["STT", "Đề nghị", "Đồng ý", "Không đồng ý", "Không biểu quyết", "Kết quả"],
        strict=True,
    ):
        _line(cell, text, bold=True, size=12, first=True)
    for index, item in enumerate(
        session.items.select_related("nomination__person", "nomination__unit"), start=1
    ):
        cells = table.add_row().cells
        result = "Thông qua" if item.passed else "Không thông qua"
        values = [
            str(index),
            str(item.nomination),
            str(item.yes_count),
            str(item.no_count),
            str(item.abstain_count),
            result,
        ]
        for cell, text in zip(cells, values, strict=True):
            _line(cell, text, size=12, first=True)
    _line(
        document,
        "Biên bản kết thúc lúc phiên họp đóng; kết quả bỏ phiếu kín đã được chốt.",
        italic=True,
    )
    return _bytes(document)


def submission_docx(nomination) -> bytes:
    """Tờ trình đề nghị khen thưởng (Decree 98/2023 Appendix I, form 01)."""
    document = _document()
    _header(
        document,
        parent_body="BỘ CÔNG THƯƠNG",
        issuing_body="CỤC XÚC TIẾN THƯƠNG MẠI",
        number="…/TTr-XTTM",
        place="Hà Nội",
        day=nomination.nominated_at.date(),
    )
    _line(document, "TỜ TRÌNH", bold=True, size=14)
    _line(
        document,
        f"Về việc đề nghị tặng {code_label(nomination.code)}",
        bold=True,
    )
    _line(
        document,
        f"Căn cứ kết quả bình xét năm {nomination.year}, Cục Xúc tiến thương mại đề nghị tặng {code_label(nomination.code)} cho {nomination.subject_name}.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    for reason in nomination.reasons:
        mark = "✓" if reason.get("met") else "✗"
        _line(
            document,
            "{mark} {rule}".format(mark=mark, rule=reason.get("rule", "")),
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
    return _bytes(document)


def report_docx(nomination) -> bytes:
    """Báo cáo thành tích (Decree 98/2023 Appendix I: form 02 collective, form 03 individual)."""
    document = _document()
    form = "Mẫu số 03" if nomination.person_id else "Mẫu số 02"
    _line(document, form, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _line(document, NATION, bold=True, size=12)
    _line(document, MOTTO, bold=True)
    _line(document, "BÁO CÁO THÀNH TÍCH", bold=True, size=14)
    _line(
        document,
        f"ĐỀ NGHỊ TẶNG {code_label(nomination.code).upper()}",
        bold=True,
    )
    _line(
        document,
        "I. SƠ LƯỢC LÝ LỊCH" if nomination.person_id else "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    if nomination.person_id:
        person = nomination.person
        for label, value in [
            ("Họ tên", person.full_name),
            ("Đơn vị công tác", str(person.unit)),
            ("Chức vụ", person.position),
        ]:
            _line(
                document,
                f"- {label}: {value}",
                align=WD_ALIGN_PARAGRAPH.LEFT,
            )
    else:
        _line(
            document,
            f"- Tên tập thể: {nomination.unit}",
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
    _line(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(document, nomination.achievement or "…", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _line(
        document, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    from .models import Commendation  # here, so this module imports without the app registry

    for c in Commendation.objects.of(nomination.subject).order_by("year", "code"):
        _line(
            document,
            f"- Năm {c.year}: {code_label(c.code)}",
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
    return _bytes(document)


def deliberation_minutes_docx(round_) -> bytes:
    """Biên bản bình xét: the round's nominations with the engine's verdict for each."""
    document = _document()
    _header(
        document,
        parent_body="BỘ CÔNG THƯƠNG",
        issuing_body="CỤC XÚC TIẾN THƯƠNG MẠI",
        number="…/BB-XTTM",
        place="Hà Nội",
        day=round_.opened_on,
    )
    _line(document, "BIÊN BẢN", bold=True, size=14)
    _line(document, f"Họp bình xét thi đua, khen thưởng năm {round_.year}", bold=True)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    headings = ["STT", "Cá nhân / tập thể", "Danh hiệu, hình thức", "Kết quả xét"]
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        _line(cell, text, bold=True, size=12, first=True)
    verdicts = {
        "eligible": "Đủ điều kiện",
        "needs_judgement": "Hội đồng xem xét",
        "on_hold": "Tạm dừng xét",
        "not_eligible": "Chưa đủ điều kiện",
    }
    nominations = round_.nominations.select_related("person", "unit").order_by("code", "pk")
    for index, nomination in enumerate(nominations, start=1):
        cells = table.add_row().cells
        values = [
            str(index),
            nomination.subject_name,
            code_label(nomination.code),
            verdicts.get(nomination.verdict, "—"),
        ]
        for cell, text in zip(cells, values, strict=True):
            _line(cell, text, size=12, first=True)
    return _bytes(document)


def review_docx(review) -> bytes:
    """The report of a mid-term or final review: summary, ranking, exemplary models, lessons."""
    from .models import Exemplar, Lesson
    from .services import ranking

    movement = review.movement
    document = _document()
    _header(
        document,
        parent_body="BỘ CÔNG THƯƠNG",
        issuing_body="CỤC XÚC TIẾN THƯƠNG MẠI",
        number="…/BC-XTTM",
        place="Hà Nội",
        day=review.held_on,
    )
    _line(document, "BÁO CÁO", bold=True, size=14)
    _line(
        document,
        f"{review.get_kind_display()} phong trào “{movement.name}”",
        bold=True,
    )
    _line(document, "I. KẾT QUẢ", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(document, review.summary or "…", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    period = (
        movement.assessments.filter(kind="official")
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    if period:
        _line(document, f"II. XẾP HẠNG ({period})", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for index, assessment in enumerate(ranking(movement, period=period), start=1):
            _line(
                document,
                f"{index}. {assessment.subject}: {assessment.total} điểm",
                align=WD_ALIGN_PARAGRAPH.LEFT,
            )
    _line(document, "III. ĐIỂN HÌNH TIÊN TIẾN", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for exemplar in Exemplar.objects.filter(review=review):
        _line(document, f"- {exemplar.title}: {exemplar.body}", align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(document, "IV. BÀI HỌC KINH NGHIỆM", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for lesson in Lesson.objects.filter(review=review):
        _line(document, f"- {lesson.title}: {lesson.body}", align=WD_ALIGN_PARAGRAPH.LEFT)
    return _bytes(document)
