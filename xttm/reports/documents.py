"""The programme period report as .docx (editable) and PDF, and the dashboard's xlsx, built from one context."""

import base64
import io
from collections.abc import Callable

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from xttm.promotion import services as promotion_services
from xttm.promotion.models import Scheme

from . import programme
from .charts import report_charts
from .filters import DashboardFilterForm
from .formatting import vn_number
from .tables import filter_lines, tables

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"  # Liberation Serif / Tinos stand in for it where it is missing


class DocumentUnavailable(Exception):
    """The server lacks what a format needs (WeasyPrint's system libraries)."""


def _noop(progress: int, step: str) -> None:
    pass


def report_context(user, params: dict, progress: Callable = _noop) -> dict:
    form = DashboardFilterForm(params, user=user)
    f = form.filters()
    progress(10, _("Đọc số liệu tổng hợp"))
    fig = programme.figures(user, f)
    labels = {
        name: dict(form.fields[name].choices)
        for name in ("line", "content_type", "province", "lead", "country")
    }
    progress(30, _("Vẽ biểu đồ"))
    charts = report_charts(fig)
    progress(50, _("Lập danh sách đề án"))
    schemes = list(report_schemes(user, f))
    overdue = _overdue(user, f)
    return {
        "fig": fig,
        "filters": f,
        "filter_lines": filter_lines(fig, labels),
        "tables": tables(fig),
        "charts": charts,
        "schemes": schemes,
        "overdue": overdue,
        "today": timezone.localdate(),
        "title": _("BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH CẤP QUỐC GIA VỀ XÚC TIẾN THƯƠNG MẠI"),
    }


def report_schemes(user, f):
    """The schemes behind the figures (the list in the report), with their status."""
    qs = Scheme.objects.for_user(user).filter(year__gte=f.year_from, year__lte=f.year_to)
    if f.line:
        qs = qs.filter(line=f.line)
    if f.content_type:
        qs = qs.filter(content_type__code=f.content_type)
    if f.lead is not None:
        qs = qs.filter(lead_id=f.lead)
    if f.country:
        qs = (
            qs.filter(country__in=["VN", ""]) if f.country == "VN" else qs.filter(country=f.country)
        )
    if f.province is not None:
        if f.system == "2008":
            qs = qs.filter(province_id=f.province)
        else:
            qs = qs.filter(Q(province_id=f.province) | Q(province__successor_id=f.province))
    return (
        qs.exclude(status="draft")
        .select_related("lead", "content_type", "province")
        .order_by("year", "code")
    )


def _overdue(user, f) -> list:
    """Activities late with their results report, among the schemes the report covers."""
    late = [
        a
        for a in promotion_services.overdue_activities()
        if f.year_from <= a.scheme.year <= f.year_to
        and (f.lead is None or a.scheme.lead_id == f.lead)
    ]
    visible = set(
        Scheme.objects.for_user(user)
        .filter(pk__in=[a.scheme_id for a in late])
        .values_list("pk", flat=True)
    )
    return [a for a in late if a.scheme_id in visible]


def _cell(value, numeric: bool) -> str:
    if value is None or value == "":
        return ""
    return vn_number(value) if numeric and not isinstance(value, str) else str(value)


# --- .docx ---------------------------------------------------------------------------------


def programme_docx(ctx: dict) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)

    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run("BỘ CÔNG THƯƠNG\nCỤC XÚC TIẾN THƯƠNG MẠI")
    run.bold = True
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(ctx["title"] + "\n" + str(ctx["filters"].period_label).upper())
    run.bold = True
    run.font.size = Pt(14)
    document.add_paragraph(
        _("Ngày lập: {date}").format(date=ctx["today"].strftime("%d/%m/%Y"))
    ).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    document.add_heading(_("I. Kết quả chung"), level=1)
    document.add_paragraph(ctx["fig"]["sentence"])
    for name, value in ctx["filter_lines"]:
        document.add_paragraph(f"{name}: {value}", style="List Bullet")

    document.add_heading(_("II. Số liệu chi tiết"), level=1)
    for table in ctx["tables"]:
        document.add_heading(table.title, level=2)
        _docx_table(
            document,
            table.header,
            [[_cell(v, n) for v, n in zip(row, table.numeric, strict=False)] for row in table.rows],
        )

    document.add_heading(_("III. Biểu đồ"), level=1)
    for caption, png in ctx["charts"]:
        document.add_picture(io.BytesIO(png), width=Cm(24))
        p = document.add_paragraph(caption)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_heading(_("IV. Danh sách đề án và tình trạng"), level=1)
    _docx_table(
        document,
        [
            _("Mã"),
            _("Năm"),
            _("Tên đề án"),
            _("Đơn vị chủ trì"),
            _("Địa điểm"),
            _("Trạng thái"),
            _("Kinh phí được duyệt (đồng)"),
        ],
        [
            [
                s.code,
                str(s.year),
                s.title,
                s.lead.name,
                s.place,
                str(s.get_status_display()),
                vn_number(s.support_approved),
            ]
            for s in ctx["schemes"]
        ],
    )
    document.add_heading(_("V. Việc quá hạn"), level=1)
    if ctx["overdue"]:
        _docx_table(
            document,
            [_("Hoạt động"), _("Đề án"), _("Đơn vị chủ trì"), _("Kết thúc ngày")],
            [
                [a.name, a.scheme.code, a.scheme.lead.name, a.end_date.strftime("%d/%m/%Y")]
                for a in ctx["overdue"]
            ],
        )
    else:
        document.add_paragraph(_("Không có hoạt động nào quá hạn báo cáo kết quả."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = str(text)
    return table


# --- PDF -----------------------------------------------------------------------------------


def programme_pdf(ctx: dict) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # Pango/Cairo missing on the server
        raise DocumentUnavailable(
            _("Máy chủ chưa cài thư viện tạo PDF (WeasyPrint, Pango); hãy tải bản .docx.")
        ) from exc
    html_tables = [
        {
            "title": t.title,
            "header": t.header,
            "rows": [
                [(_cell(v, n), n) for v, n in zip(row, t.numeric, strict=False)] for row in t.rows
            ],
        }
        for t in ctx["tables"]
    ]
    charts = [
        (caption, "data:image/png;base64," + base64.b64encode(png).decode())
        for caption, png in ctx["charts"]
    ]
    html = render_to_string(
        "reports/documents/programme_report.html",
        {**ctx, "html_tables": html_tables, "chart_uris": charts},
    )
    return HTML(string=html).write_pdf()


# --- One entry point for the views and the worker --------------------------------------------


def build(kind: str, user, params: dict, progress: Callable = _noop) -> tuple[bytes, str, str]:
    """(content, file name, MIME type) of a report of one kind for the user's view of the filters."""
    if kind == "review_docx":
        from .review import review_docx

        return review_docx(user, params, progress)
    if kind == "review_pdf":
        from .review import review_pdf

        return review_pdf(user, params, progress)
    if kind == "programme_xlsx":
        from .views import programme_workbook

        form = DashboardFilterForm(params, user=user)
        f = form.filters()
        fig = programme.figures(user, f)
        labels = {
            name: dict(form.fields[name].choices)
            for name in ("line", "content_type", "province", "lead", "country")
        }
        progress(80, _("Ghi tệp Excel"))
        name = f"xttm-so-lieu-{f.year_from}-{f.year_to}.xlsx"
        return programme_workbook(fig, labels), name, XLSX
    ctx = report_context(user, params, progress)
    f = ctx["filters"]
    stem = f"xttm-bao-cao-chuong-trinh-{f.year_from}-{f.year_to}"
    if kind == "programme_pdf":
        progress(80, _("Dàn trang PDF"))
        return programme_pdf(ctx), stem + ".pdf", PDF
    progress(80, _("Ghi tệp Word"))
    return programme_docx(ctx), stem + ".docx", DOCX
