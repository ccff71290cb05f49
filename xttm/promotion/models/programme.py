"""Programme years, content types and their support rates (settings with an effective date)."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import Line


class EveryoneQuerySet(models.QuerySet):
    """Reference data of the programme: every signed-in user reads it."""

    def for_user(self, user):
        return self if user.is_authenticated else self.none()


class ProgrammeYear(models.Model):
    """One plan year of the programme: its budget and the deadline for proposals (set in year N−1)."""

    year = models.PositiveSmallIntegerField(_("năm kế hoạch"), unique=True)
    budget_vnd = models.DecimalField(
        _("kinh phí năm (đồng)"), max_digits=18, decimal_places=0, default=0
    )
    proposal_deadline = models.DateField(
        _("hạn nộp đề án"), help_text=_("Đề án cho năm N nộp trước hạn này trong năm N−1.")
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("hạn báo cáo kết quả (ngày)"),
        default=30,
        help_text=_("Số ngày sau khi hoạt động kết thúc mà đơn vị chủ trì phải báo cáo kết quả."),
    )

    objects = EveryoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("năm kế hoạch")
        verbose_name_plural = _("năm kế hoạch")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    @staticmethod
    def default_deadline(year: int) -> datetime.date:
        return datetime.date(year - 1, 5, 15)


class SupportContent(models.Model):
    """A content type of the programme (fair abroad, trade mission…), in one line."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("nội dung"), max_length=255)
    line = models.CharField(_("nhóm chương trình"), max_length=10, choices=Line.choices)
    is_fair_abroad = models.BooleanField(
        _("hội chợ ở nước ngoài"),
        default=False,
        help_text=_("Đề án loại này được cảnh báo khi số gian hàng dưới ngưỡng."),
    )

    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung hỗ trợ")
        verbose_name_plural = _("nội dung hỗ trợ")
        ordering = ["line", "code"]

    def __str__(self):
        return self.name

    def rate_on(self, day: datetime.date) -> "ContentRate | None":
        return self.rates.filter(effective_from__lte=day).order_by("-effective_from").first()


class ContentRate(models.Model):
    """The support rate and thresholds of a content type from a date on; history is kept."""

    content = models.ForeignKey(
        SupportContent, on_delete=models.CASCADE, related_name="rates", verbose_name=_("nội dung")
    )
    effective_from = models.DateField(_("hiệu lực từ"))
    rate = models.DecimalField(
        _("mức hỗ trợ (%)"), max_digits=5, decimal_places=2, default=Decimal("100")
    )
    min_booths = models.PositiveIntegerField(_("số gian hàng tối thiểu"), default=0)
    min_enterprises = models.PositiveIntegerField(_("số doanh nghiệp tối thiểu"), default=0)
    note = models.CharField(_("căn cứ"), max_length=255, blank=True)

    objects = EveryoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mức hỗ trợ")
        verbose_name_plural = _("mức hỗ trợ")
        ordering = ["content", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["content", "effective_from"], name="content_rate_one_per_date"
            ),
            models.CheckConstraint(
                condition=models.Q(rate__gte=0, rate__lte=100), name="content_rate_percent"
            ),
        ]

    def __str__(self):
        return f"{self.content} {self.rate}% ({self.effective_from:%d/%m/%Y})"
