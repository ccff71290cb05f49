"""Dashboards, their xlsx exports, the period reports and the background jobs that build them."""

import functools
import html
import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from xttm.core.exports import workbook_bytes
from xttm.core.views import xlsx_response

from . import programme
from .filters import filters_for, may_see_emulation, may_see_programme
from .models import ReportJob
from .tables import filter_lines, tables
from .templatetags.reports import vn


def _labels(form) -> dict:
    return {
        name: dict(form.fields[name].choices)
        for name in ("line", "content_type", "province", "lead", "country")
    }


def chart_data(fig) -> dict:
    """What the charts draw, as plain JSON (numbers as floats, labels as text)."""

    def series(rows, *measures):
        return {
            "labels": [str(r["label"]) for r in rows],
            **{m: [float(r[m] or 0) for r in rows] for m in measures},
        }

    markets = fig["by_market"][: programme.TOP_COUNTRIES]
    places = fig["by_province"]["rows"]
    return {
        "year": {
            **series(
                fig["by_year"],
                "participations",
                "planned_enterprises",
                "deals",
                "planned_deals",
                "value_usd",
                "budget_approved",
            ),
            "target_budget": [
                float(r["target_budget"]) if r["target_budget"] is not None else None
                for r in fig["by_year"]
            ],
        },
        "line": series(
            fig["by_line"],
            "participations",
            "planned_enterprises",
            "deals",
            "planned_deals",
            "budget_approved",
            "value_usd",
        ),
        "content": series(fig["by_content"], "participations", "budget_approved", "value_usd"),
        "market": series(markets, "participations", "value_usd"),
        "lead": series(fig["by_lead"], "participations", "budget_approved", "value_usd"),
        "deal_kinds": [
            {"name": k["label"], "value": k["deals"], "usd": float(k["value_usd"])}
            for k in fig["deal_kinds"]
        ],
        "provinces": [
            {
                "name": p["label"],
                "lat": p["lat"],
                "lon": p["lon"],
                "participations": p["participations"],
                "value_usd": float(p["value_usd"]),
                "white_spot": p["white_spot"],
            }
            for p in places
            if p["lat"] is not None
        ],
        "system": fig["filters"].system,
    }


def _text(value) -> str:
    # What `{{ value }}` writes: localized, then escaped. A plain str (most labels) is
    # neither localized nor marked safe, so html.escape alone writes the same, faster.
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(str(formats.localize(value)))


def _rows_html(rows) -> str:
    """A table's body as reports/_table.html's cell loop wrote it, in Python.

    The template's `{% if %}` chain per cell (a dozen tables of up to 60 rows and
    13 columns) was most of the dashboard's time; the HTML is the same.
    """
    out = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if i == 0:
                cells.append(f'<th scope="row">{_text(cell)}</th>')
            elif cell is None:
                cells.append('<td class="text-end">—</td>')
            elif isinstance(cell, str):
                cells.append(f'<td class="text-end">{_text(cell)}</td>')
            else:
                # vn() writes only digits, separators, a sign or "—": nothing to escape.
                cells.append(f'<td class="text-end">{vn(cell)}</td>')
        out.append(f"<tr>{''.join(cells)}</tr>\n  ")
    return mark_safe("".join(out))  # noqa: S308 - every cell above is escaped


def _options_html(field) -> str:
    """A filter's `<option>`s as the dashboard template's loop wrote them (countries: ~250)."""
    choices = tuple(getattr(field.field, "choices", ()))
    return _options_for(get_language(), choices, str(field.value()))


@functools.lru_cache(maxsize=64)
def _options_for(language, choices: tuple, chosen: str) -> str:
    # Keyed by everything the HTML depends on: the choices themselves, the chosen value
    # and the language (labels may be lazy, numbers are localized), so a hit is exact.
    out = []
    for value, label in choices:
        selected = " selected" if str(value) == chosen else ""
        out.append(f'<option value="{_text(value)}"{selected}>{_text(label)}</option>')
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


class ProgrammeAccessMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_see_programme(request.user):
            raise PermissionDenied(_("Bạn không có quyền xem báo cáo Chương trình."))
        return super().dispatch(request, *args, **kwargs)


class ProgrammeDashboardView(ProgrammeAccessMixin, View):
    def get(self, request):
        form, f = filters_for(request.user, request.GET)
        fig = programme.figures(request.user, f, names=form.names)
        query = urlencode(f.query())
        context = {
            "form": form,
            "fig": fig,
            "tables": [(t, _rows_html(t.rows)) for t in tables(fig)],
            "fields": [(field, _options_html(field)) for field in form],
            "filter_lines": filter_lines(fig, _labels(form)),
            "charts": chart_data(fig),
            "query": query,
            "other_system": "2008" if f.system == "2025" else "2025",
            "other_system_query": urlencode(
                {**f.query(), "system": "2008" if f.system == "2025" else "2025", "province": ""}
            ),
            "jobs": ReportJob.objects.for_user(request.user).order_by("-created_at")[:5],
        }
        return render(request, "reports/programme_dashboard.html", context)


class ProgrammeExportView(ProgrammeAccessMixin, View):
    """The dashboard's tables as an xlsx: a sheet per table, the filters on the first sheet."""

    def get(self, request):
        form, f = filters_for(request.user, request.GET)
        fig = programme.figures(request.user, f)
        return xlsx_response(
            programme_workbook(fig, _labels(form)),
            f"xttm-bao-cao-{f.year_from}-{f.year_to}.xlsx",
        )


def programme_workbook(fig, labels) -> bytes:
    sheets = [
        (
            _("Bộ lọc"),
            [_("Tiêu chí"), _("Giá trị")],
            [*filter_lines(fig, labels), (_("Tóm tắt"), fig["sentence"])],
        )
    ]
    for table in tables(fig):
        sheets.append((table.title, table.header, [_plain(row) for row in table.rows]))
    return workbook_bytes(sheets)


def _plain(row):
    from decimal import Decimal

    return [
        (int(v) if v == v.to_integral_value() else float(v)) if isinstance(v, Decimal) else v
        for v in row
    ]


# --- Period reports: background jobs -----------------------------------------------------------


REVIEW_KINDS = (ReportJob.Kind.REVIEW_DOCX, ReportJob.Kind.REVIEW_PDF)


def _report_params(request, kind, data) -> dict:
    """The job's parameters: the dashboard filters, or the movement of a review report."""
    if kind not in ReportJob.Kind.values:
        raise Http404
    if kind in REVIEW_KINDS:
        if not may_see_emulation(request.user):
            raise PermissionDenied
        return {"movement": data.get("movement", ""), "kind": data.get("kind", "final")}
    if not may_see_programme(request.user):
        raise PermissionDenied
    return filters_for(request.user, data)[1].query()


class ReportStartView(LoginRequiredMixin, View):
    """POST starts a report job for the dashboard's filters; the page then polls its progress."""

    def post(self, request, kind):
        params = _report_params(request, kind, request.POST)
        job = ReportJob.objects.create(user=request.user, kind=kind, params=params)
        from .tasks import build_report

        build_report.enqueue(job.pk)
        return redirect("reports:job", pk=job.pk)


class JobView(LoginRequiredMixin, View):
    def get(self, request, pk):
        from .tasks import requeue_orphaned_reports

        requeue_orphaned_reports()  # a job whose worker died goes back in the queue, not lost
        job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk)
        if request.headers.get("HX-Request"):
            return render(request, "reports/_job.html", {"job": job})
        return render(request, "reports/job.html", {"job": job})


class JobDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(ReportJob.objects.for_user(request.user), pk=pk)
        if job.status != ReportJob.Status.DONE or not job.file:
            raise Http404(_("Báo cáo chưa sẵn sàng."))
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


class ProgrammeReportNowView(LoginRequiredMixin, View):
    """A report built within the request (a few seconds for a year or a period of summary figures)."""

    def get(self, request, kind):
        from .documents import DocumentUnavailable, build

        params = _report_params(request, kind, request.GET)
        try:
            content, filename, mime = build(kind, request.user, params)
        except (DocumentUnavailable, ValueError) as exc:
            messages.error(request, str(exc))
            if kind in REVIEW_KINDS:
                query = urlencode({"movement": params["movement"]})
                return redirect("{}?{}".format(reverse("reports:emulation"), query))
            return redirect("reports:programme")
        response = FileResponse(
            io.BytesIO(content), content_type=mime, as_attachment=True, filename=filename
        )
        return response
