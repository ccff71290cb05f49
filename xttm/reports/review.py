"""The movement review report (sơ kết, tổng kết) as .docx and PDF: participants, results, rankings, models, lessons, proposals."""

import io

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xttm.emulation.choices import HonourCode
from xttm.emulation.models import (
    Assessment,
    Exemplar,
    Lesson,
    Movement,
    Nomination,
    Registration,
    Review,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def review_context(movement_id: int, kind: str = "final") -> dict:
    movement = Movement.objects.get(pk=movement_id)
    honour = dict(HonourCode.choices)
    registrations = list(
        Registration.objects.filter(movement=movement)
        .values("aimed_code", "status")
        .annotate(n=Count("pk"))
        .order_by("aimed_code", "status")
    )
    ranking = list(
        Assessment.objects.filter(movement=movement, kind="official")
        .values("person__full_name", "unit__name")
        .annotate(score=Max("total"))
        .order_by("-score")[:30]
    )
    reviews = list(Review.objects.filter(movement=movement).order_by("held_on"))
    exemplars = list(Exemplar.objects.filter(movement=movement).order_by("title"))
    lessons = list(Lesson.objects.filter(movement=movement).order_by("title"))
    proposals = list(
        Nomination.objects.filter(round__movement=movement).select_related("person", "unit")
    )
    # Who took part by name: the units and people enrolled, and whoever registered in the movement.
    names = {u for u in movement.units.values_list("name", flat=True)}
    names |= {p for p in movement.people.values_list("full_name", flat=True)}
    for person, unit in Registration.objects.filter(movement=movement).values_list(
        "person__full_name", "unit__name"
    ):
        names.add(person or unit)
    return {
        "movement": movement,
        "kind": kind,
        "participants": {"units": movement.units.count(), "people": movement.people.count()},
        "participant_names": sorted(n for n in names if n),
        "registrations": [
            {**r, "label": honour.get(r["aimed_code"], r["aimed_code"])} for r in registrations
        ],
        "ranking": ranking,
        "reviews": reviews,
        "exemplars": exemplars,
        "lessons": lessons,
        "proposals": proposals,
        "today": timezone.localdate(),
    }


def _context(params: dict, progress) -> dict:
    kind = "midterm" if params.get("kind") == "midterm" else "final"
    progress(20, _("Đọc số liệu phong trào"))
    try:
        return review_context(int(params["movement"]), kind)
    except (KeyError, ValueError, Movement.DoesNotExist) as exc:
        raise ValueError(_("Chưa chọn phong trào.")) from exc


def _filename(ctx: dict, extension: str) -> str:
    return "xttm-{k}-phong-trao-{pk}.{ext}".format(
        k="so-ket" if ctx["kind"] == "midterm" else "tong-ket",
        pk=ctx["movement"].pk,
        ext=extension,
    )


def review_pdf(user, params: dict, progress=lambda p, s: None) -> tuple[bytes, str, str]:
    """The same review laid out as PDF (WeasyPrint), for sending as it is; the .docx stays editable."""
    from django.template.loader import render_to_string

    from .documents import DocumentUnavailable

    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # Pango/Cairo missing on the server
        raise DocumentUnavailable(
            _("Máy chủ chưa cài thư viện tạo PDF (WeasyPrint, Pango); hãy tải bản .docx.")
        ) from exc
    ctx = _context(params, progress)
    title = _("BÁO CÁO SƠ KẾT") if ctx["kind"] == "midterm" else _("BÁO CÁO TỔNG KẾT")
    html = render_to_string("reports/documents/review_report.html", {**ctx, "title": title})
    progress(80, _("Dàn trang PDF"))
    return HTML(string=html).write_pdf(), _filename(ctx, "pdf"), PDF


def review_docx(user, params: dict, progress=lambda p, s: None) -> tuple[bytes, str, str]:
    from docx import Document

    ctx = _context(params, progress)
    kind = ctx["kind"]
    m = ctx["movement"]
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    title = _("BÁO CÁO SƠ KẾT") if kind == "midterm" else _("BÁO CÁO TỔNG KẾT")
    document.add_heading(f"{title} PHONG TRÀO THI ĐUA “{m.name.upper()}”", level=0)
    document.add_paragraph(
        _("Thời gian: {start} – {end}").format(
            start=m.starts_on.strftime("%d/%m/%Y"), end=m.ends_on.strftime("%d/%m/%Y")
        )
    )
    document.add_heading(_("I. Mục tiêu, chỉ tiêu"), level=1)
    document.add_paragraph(m.goals or "—")
    document.add_paragraph(m.targets or "—")
    document.add_heading(_("II. Đối tượng tham gia"), level=1)
    document.add_paragraph(
        _("{units} tập thể, {people} cá nhân tham gia.").format(**ctx["participants"])
    )
    for r in ctx["registrations"]:
        document.add_paragraph(
            "{label} — {status}: {n}".format(label=r["label"], status=r["status"], n=r["n"]),
            style="List Bullet",
        )
    document.add_heading(_("III. Kết quả so với chỉ tiêu"), level=1)
    for review in ctx["reviews"]:
        document.add_paragraph(
            "{date}: {summary}".format(
                date=review.held_on.strftime("%d/%m/%Y"), summary=review.summary or "—"
            )
        )
    document.add_heading(_("IV. Xếp hạng"), level=1)
    for i, r in enumerate(ctx["ranking"], start=1):
        document.add_paragraph(
            "{i}. {name}: {score}".format(
                i=i, name=r["person__full_name"] or r["unit__name"], score=r["score"]
            )
        )
    document.add_heading(_("V. Điển hình tiên tiến"), level=1)
    for e in ctx["exemplars"]:
        document.add_paragraph(e.title, style="List Bullet")
    document.add_heading(_("VI. Bài học kinh nghiệm"), level=1)
    for lesson in ctx["lessons"]:
        document.add_paragraph(lesson.title, style="List Bullet")
    document.add_heading(_("VII. Đề nghị khen thưởng"), level=1)
    for n in ctx["proposals"]:
        document.add_paragraph(str(n), style="List Bullet")
    progress(80, _("Ghi tệp Word"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), _filename(ctx, "docx"), DOCX
