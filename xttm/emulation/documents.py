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
    if number:
        _line(left, f"Số: {number}", size=13)
    _line(right, NATION, bold=True, size=12, first=True)
    _line(right, MOTTO, bold=True, size=13)
    _line(right, long_date(day, place), italic=True, size=13)
    return table


def _signature(document, title: str, name: str, recipients: str = "- Như Điều 3;"):
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
    _line(left, f"{recipients}\n- Lưu: VT, TĐKT.", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
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


# Dossier papers of Decree 98/2023/NĐ-CP Appendix I (forms 01, 02, 03).

PARENT_BODY = "BỘ CÔNG THƯƠNG"
AGENCY = "CỤC XÚC TIẾN THƯƠNG MẠI"
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _form_number(document, number: int):
    _line(document, f"Mẫu số {number:02d}", italic=True, size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _table(document, headings, rows):
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        _line(cell, text, bold=True, size=12, first=True)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _line(cell, str(text), size=12, first=True)
    return table


def _two_signatures(document, left: str, right: str, right_name: str = ""):
    table = document.add_table(rows=1, cols=2)
    first, second = table.rows[0].cells
    _line(first, left, bold=True, size=12, first=True)
    _line(first, "(Ký, đóng dấu)", italic=True, size=12)
    _line(second, right, bold=True, size=12, first=True)
    _line(second, "(Ký, ghi rõ họ và tên)", italic=True, size=12)
    _line(second, "\n\n")
    if right_name:
        _line(second, right_name, bold=True)


def decision_reference(commendation) -> str:
    """Number, date and issuing body of the decision behind a title or award."""
    decision = commendation.decision
    if decision is not None:
        return f"Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y} của {decision.issuing_body.title()}"
    return commendation.decision_reference or "…"


def recorded_honours(subject) -> tuple[list, list]:
    """(titles, awards) the subject holds, oldest first, as rows (year, name, decision)."""
    from .choices import TITLE_CODES
    from .models import Commendation  # here, so this module imports without the app registry

    titles, awards = [], []
    commendations = (
        Commendation.objects.of(subject).select_related("decision").order_by("year", "code")
    )
    for c in commendations:
        row = (str(c.year), code_label(c.code), decision_reference(c))
        (titles if c.code in TITLE_CODES else awards).append(row)
    return titles, awards


def _recorded_section(document, subject, heading: str):
    titles, awards = recorded_honours(subject)
    _line(document, heading, bold=True, align=LEFT)
    _line(document, "1. Danh hiệu thi đua", bold=True, align=LEFT)
    _table(
        document,
        [
            "Năm",
            "Danh hiệu thi đua",
            "Số, ngày, tháng, năm của quyết định công nhận; cơ quan ban hành quyết định",
        ],
        titles or [("…", "…", "…")],
    )
    _line(document, "2. Hình thức khen thưởng", bold=True, align=LEFT)
    _table(
        document,
        [
            "Năm",
            "Hình thức khen thưởng",
            "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định",
        ],
        awards or [("…", "…", "…")],
    )


def submission_nominations(nomination) -> list:
    """Who a submission proposes: the round's live nominations for the same title or form."""
    from .choices import NominationStatus
    from .models import Nomination

    if not nomination.round_id:
        return [nomination]
    return list(
        Nomination.objects.filter(round_id=nomination.round_id, code=nomination.code)
        .exclude(status__in=[NominationStatus.WITHDRAWN, NominationStatus.FAILED])
        .select_related("person__unit", "unit")
        .order_by("unit_id", "person__sort_name", "pk")
    )


def submission_docx(nomination, *, nominations=None) -> bytes:
    """Tờ trình đề nghị khen thưởng (Decree 98/2023 Appendix I, form 01)."""
    nominations = nominations if nominations is not None else submission_nominations(nomination)
    label = code_label(nomination.code)
    people = sum(1 for n in nominations if n.person_id)
    units = len(nominations) - people
    document = _document()
    _form_number(document, 1)
    _header(
        document,
        parent_body=PARENT_BODY,
        issuing_body=AGENCY,
        number="…/TTr-XTTM",
        place="Hà Nội",
        day=nomination.nominated_at.date(),
    )
    _line(document, "TỜ TRÌNH", bold=True, size=14)
    _line(document, f"V/v đề nghị khen thưởng {label}", bold=True)
    _line(document, f"Về việc đề nghị tặng {label}", italic=True)
    _line(document, f"Kính gửi: Hội đồng Thi đua - Khen thưởng {PARENT_BODY.title()}")
    for basis in [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
        "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        f"Căn cứ kết quả bình xét thi đua, khen thưởng năm {nomination.year},",
    ]:
        _line(document, basis, italic=True, align=JUSTIFY)
    _line(
        document,
        f"{AGENCY.title()} kính đề nghị xét tặng {label} cho {units} tập thể và {people} cá nhân "
        f"(có danh sách kèm theo), đã có thành tích trong năm {nomination.year}.",
        align=JUSTIFY,
    )
    _line(document, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True)
    _table(
        document,
        [
            "STT",
            "Tên cá nhân / tập thể",
            "Chức vụ, đơn vị",
            "Danh hiệu, hình thức",
            "Tóm tắt thành tích",
        ],
        [
            (
                index,
                n.subject_name,
                (
                    ", ".join(x for x in [n.person.position, str(n.person.unit)] if x)
                    if n.person_id
                    else str(n.unit.parent or "")
                ),
                code_label(n.code),
                n.achievement or "…",
            )
            for index, n in enumerate(nominations, start=1)
        ],
    )
    _line(
        document,
        f"Kính trình Hội đồng Thi đua - Khen thưởng {PARENT_BODY.title()} xem xét, quyết định./.",
        align=JUSTIFY,
    )
    _signature(document, "CỤC TRƯỞNG", "", recipients="- Như trên;")
    return _bytes(document)


def report_docx(nomination) -> bytes:
    """Báo cáo thành tích (Decree 98/2023 Appendix I: form 02 collective, form 03 individual)."""
    if nomination.person_id:
        return individual_report_docx(nomination)
    return collective_report_docx(nomination)


def _report_heading(document, nomination, number: int, left_body: str):
    _form_number(document, number)
    _header(
        document,
        parent_body=PARENT_BODY,
        issuing_body=left_body,
        number="",
        place="Hà Nội",
        day=nomination.nominated_at.date(),
    )
    _line(document, "BÁO CÁO THÀNH TÍCH", bold=True, size=14)
    _line(document, f"ĐỀ NGHỊ TẶNG {code_label(nomination.code).upper()}", bold=True)


def collective_report_docx(nomination) -> bytes:
    """Báo cáo thành tích của tập thể (form 02)."""
    unit = nomination.unit
    document = _document()
    _report_heading(document, nomination, 2, str(unit))
    _line(document, f"Tên tập thể đề nghị: {unit}", bold=True)
    _line(document, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", bold=True, align=LEFT)
    _line(document, "1. Đặc điểm, tình hình", bold=True, align=LEFT)
    members = unit.members.filter(is_active=True).count()
    for label, value in [
        ("Tên đơn vị", unit.name),
        ("Đơn vị cấp trên trực tiếp", str(unit.parent or unit.organization)),
        ("Thủ trưởng đơn vị", str(unit.head or "…")),
        ("Tổng số cán bộ, công chức, viên chức, người lao động", str(members)),
    ]:
        _line(document, f"- {label}: {value}", align=LEFT)
    _line(document, "2. Chức năng, nhiệm vụ", bold=True, align=LEFT)
    _line(document, "…", align=JUSTIFY)
    _line(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, align=LEFT)
    _line(document, nomination.achievement or "…", align=JUSTIFY)
    _recorded_section(document, unit, "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN")
    _two_signatures(
        document, "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP NHẬN XÉT, XÁC NHẬN", "THỦ TRƯỞNG ĐƠN VỊ"
    )
    return _bytes(document)


def individual_report_docx(nomination) -> bytes:
    """Báo cáo thành tích của cá nhân (form 03), with the person's initiatives and their scope."""
    from .models import Initiative

    person = nomination.person
    document = _document()
    _report_heading(document, nomination, 3, str(person.unit))
    _line(document, "I. SƠ LƯỢC LÝ LỊCH", bold=True, align=LEFT)
    born = f"{person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else "…"
    for label, value in [
        ("Họ tên", person.full_name),
        ("Sinh ngày, tháng, năm", born),
        ("Giới tính", person.get_gender_display() or "…"),
        ("Chức vụ", person.position or "…"),
        ("Đơn vị công tác", str(person.unit)),
    ]:
        _line(document, f"- {label}: {value}", align=LEFT)
    _line(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, align=LEFT)
    _line(document, "1. Kết quả thực hiện nhiệm vụ được giao", bold=True, align=LEFT)
    _line(document, nomination.achievement or "…", align=JUSTIFY)
    _line(document, "2. Sáng kiến, đề tài khoa học", bold=True, align=LEFT)
    initiatives = (
        Initiative.objects.filter(authors__person=person).order_by("year", "title").distinct()
    )
    _table(
        document,
        ["Năm", "Tên sáng kiến, đề tài", "Phạm vi ảnh hưởng", "Số giấy chứng nhận"],
        [(i.year, i.title, i.get_scope_display(), i.certificate_number or "…") for i in initiatives]
        or [("…", "…", "…", "…")],
    )
    _recorded_section(
        document,
        person,
        "III. CÁC DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
    )
    _two_signatures(
        document,
        "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
        person.full_name,
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
