"""The emulation dashboard and its xlsx export: for a year, or a movement."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from xttm.core.exports import workbook_bytes
from xttm.core.views import xlsx_response

from . import emulation
from .filters import may_see_emulation


def _params(request) -> tuple[int, int | None]:
    year = request.GET.get("year", "")
    movement = request.GET.get("movement", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else _latest_year()
    return year, int(movement) if movement.isdigit() else None


def _latest_year() -> int:
    """The year the secretariat is working on: the latest with ratings, else this year.

    Ratings of a year arrive at its end, so in November the current year is
    still empty and the last rated year is the one worth opening on.
    """
    from django.db.models import Max

    from xttm.emulation.models import Rating

    latest = Rating.objects.aggregate(latest=Max("year"))["latest"]
    return latest or timezone.localdate().year


class EmulationAccessMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_see_emulation(request.user):
            raise PermissionDenied(_("Bạn không có quyền xem báo cáo thi đua, khen thưởng."))
        return super().dispatch(request, *args, **kwargs)


class EmulationDashboardView(EmulationAccessMixin, View):
    def get(self, request):
        year, movement = _params(request)
        fig = emulation.figures(year, movement)
        charts = {
            "registrations": {
                "labels": [r["label"] for r in fig["registrations"]["by_status"]],
                "values": [r["n"] for r in fig["registrations"]["by_status"]],
            },
            "awards": {
                "labels": [r["label"] for r in fig["awards_by_code"]],
                "values": [r["n"] for r in fig["awards_by_code"]],
            },
        }
        return render(
            request,
            "reports/emulation_dashboard.html",
            {
                "fig": fig,
                "charts": charts,
                "movements": emulation.movement_choices(),
                "query": urlencode({"year": year, **({"movement": movement} if movement else {})}),
            },
        )


def emulation_sheets(fig) -> list:
    return [
        (
            _("Đăng ký thi đua"),
            [_("Danh hiệu đăng ký"), *[r["label"] for r in fig["registrations"]["by_status"]]],
            [
                [r["label"], *[r[s["status"]] for s in fig["registrations"]["by_status"]]]
                for r in fig["registrations"]["by_aim"]
            ],
        ),
        (
            _("Xếp hạng điểm"),
            [_("Hạng"), _("Cá nhân, tập thể"), _("Điểm")],
            [[i + 1, r["name"], float(r["score"] or 0)] for i, r in enumerate(fig["ranking"])],
        ),
        (
            _("Khen thưởng theo danh hiệu"),
            [_("Mã"), _("Danh hiệu, hình thức"), _("Số lượng")],
            [[r["code"], r["label"], r["n"]] for r in fig["awards_by_code"]],
        ),
        (
            _("Khen thưởng theo đơn vị"),
            [_("Đơn vị"), _("Số lượng")],
            [[r["unit_name"] or "", r["n"]] for r in fig["awards_by_unit"]],
        ),
        (
            _("Sáng kiến theo phạm vi"),
            [_("Phạm vi"), _("Số sáng kiến")],
            [[r["label"], r["n"]] for r in fig["initiatives"]],
        ),
        (
            _("Đủ điều kiện"),
            [
                _("Danh hiệu"),
                _("Đủ điều kiện"),
                _("Thiếu một điều kiện"),
                _("Tạm dừng xét"),
                _("Cần Hội đồng xem xét"),
            ],
            [
                [r["label"], r["eligible"], r["one_short"], r["on_hold"], r["needs_judgement"]]
                for r in (fig["eligibility"] or {}).get("rows", [])
            ],
        ),
        (
            _("Quỹ khen thưởng"),
            [_("Quyết định"), _("Ngày ký"), _("Số người, tập thể"), _("Tiền thưởng (đồng)")],
            [
                *[
                    [r["decision__number"], r["decision__signed_on"], r["n"], int(r["total"] or 0)]
                    for r in fig["fund"]["rows"]
                ],
                [_("Tổng cộng"), None, None, int(fig["fund"]["total"])],
            ],
        ),
    ]


class EmulationExportView(EmulationAccessMixin, View):
    def get(self, request):
        year, movement = _params(request)
        fig = emulation.figures(year, movement)
        return xlsx_response(workbook_bytes(emulation_sheets(fig)), f"xttm-thi-dua-{year}.xlsx")
