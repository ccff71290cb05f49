"""Settings with effective dates: thresholds, quorum, base salary, cash multiples, deadlines."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..scope import reads_all

# Defaults of emulation.md (*settings*) and Decree 152/2025 / 73/2024, used when
# no row is in force. Percentages are percent of ALL council members.
DEFAULTS: dict[str, Decimal] = {
    # Two thirds, written so that 2 of 3 (or 4 of 6) members meet it: 66.6667 would refuse them.
    "quorum_percent": Decimal("66.66"),
    "threshold_percent.CSTD_BO": Decimal("90"),
    "threshold_percent.CSTD_TQ": Decimal("90"),
    "threshold_percent": Decimal("70"),
    "base_salary_vnd": Decimal("2340000"),
    "multiple.CSTD_TQ": Decimal("4.5"),
    "multiple.CSTD_BO": Decimal("3.0"),
    "multiple.CSTDCS": Decimal("1.0"),
    "multiple.LDTT": Decimal("0.3"),
    "adhoc_window_days": Decimal("45"),
    # Cash amounts are rounded up to this many đồng (Decree 98/2023: "làm tròn số lên hàng
    # chục nghìn đồng"; a setting because it was not confirmed against the 2025 text).
    "amount_rounding_vnd": Decimal("10000"),
    # Periodic titles of a year are decided by 31 January of the next year (old ministry
    # rule): the number of days after 31 December of the achievement year.
    "periodic_deadline_days": Decimal("31"),
    # A periodic title without an approved registration: 0 = allowed, 1 = allowed with a
    # warning (default: the 2022 law is less strict than the 2003 one), 2 = refused.
    "registration_required": Decimal("1"),
}

SETTING_HELP = {
    "quorum_percent": _("Tỷ lệ thành viên có mặt tối thiểu để phiên họp hợp lệ (%)."),
    "threshold_percent": _("Tỷ lệ phiếu đồng ý trên tổng số thành viên để thông qua (%)."),
    "base_salary_vnd": _("Mức lương cơ sở (đồng)."),
    "adhoc_window_days": _("Số ngày tối đa từ thành tích đến quyết định khen đột xuất."),
    "periodic_deadline_days": _(
        "Hạn quyết định danh hiệu thường xuyên: số ngày sau 31/12 năm thành tích (31 = 31/01)."
    ),
    "registration_required": _(
        "Danh hiệu thường xuyên khi chưa đăng ký thi đua: 0 = cho phép, 1 = chỉ cảnh báo, "
        "2 = không cho đề nghị."
    ),
}


class EmulationSettingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self if user.is_authenticated and reads_all(user) else self.none()


class EmulationSetting(models.Model):
    """One value of one setting from a date; the row in force on a day is the latest before it."""

    key = models.CharField(
        _("khóa"),
        max_length=60,
        help_text=_(
            "Ví dụ: threshold_percent.CSTD_BO, quorum_percent, base_salary_vnd, multiple.LDTT."
        ),
    )
    value = models.DecimalField(_("giá trị"), max_digits=18, decimal_places=4)
    effective_from = models.DateField(_("hiệu lực từ"))
    source = models.CharField(
        _("căn cứ"), max_length=255, blank=True, help_text=_("Văn bản quy định giá trị này.")
    )

    objects = EmulationSettingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tham số thi đua")
        verbose_name_plural = _("tham số thi đua")
        ordering = ["key", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "effective_from"], name="emulation_setting_one_value_per_day"
            )
        ]

    def __str__(self):
        return f"{self.key} = {self.value} ({self.effective_from:%d/%m/%Y})"


def setting(key: str, on: datetime.date | None = None) -> Decimal:
    """The value of `key` in force on `on` (today by default).

    A key like `threshold_percent.CSTD_BO` falls back to `threshold_percent`,
    first in the database, then in DEFAULTS.
    """
    on = on or datetime.date.today()
    candidates = [key]
    if "." in key:
        candidates.append(key.split(".", 1)[0])
    for candidate in candidates:
        row = (
            EmulationSetting.objects.filter(key=candidate, effective_from__lte=on)
            .order_by("-effective_from")
            .values_list("value", flat=True)
            .first()
        )
        if row is not None:
            return row
        if candidate in DEFAULTS and (candidate == key or key not in DEFAULTS):
            return DEFAULTS[candidate]
    raise KeyError(key)
