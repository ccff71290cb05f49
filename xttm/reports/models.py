"""Report jobs: a period report built in the background, its progress and the file when ready."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xttm.accounts.roles import is_admin


class ReportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """Each person sees the jobs they started; administrators see all."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self if is_admin(user) else self.filter(user=user)


class ReportJob(models.Model):
    """One request for a long report; the worker moves it from queued to done and fills `progress`."""

    class Kind(models.TextChoices):
        PROGRAMME_DOCX = "programme_docx", _("Báo cáo Chương trình (Word)")
        PROGRAMME_PDF = "programme_pdf", _("Báo cáo Chương trình (PDF)")
        PROGRAMME_XLSX = "programme_xlsx", _("Số liệu Chương trình (Excel)")
        REVIEW_DOCX = "review_docx", _("Báo cáo sơ kết, tổng kết phong trào (Word)")
        REVIEW_PDF = "review_pdf", _("Báo cáo sơ kết, tổng kết phong trào (PDF)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Lỗi")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_jobs",
        verbose_name=_("người yêu cầu"),
    )
    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=Kind.choices)
    params = models.JSONField(_("bộ lọc"), default=dict)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    step = models.CharField(_("bước đang làm"), max_length=120, blank=True)
    file = models.FileField(_("tệp"), upload_to="reports/%Y/%m/", blank=True)
    filename = models.CharField(_("tên tệp"), max_length=120, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("lúc yêu cầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu báo cáo")
        verbose_name_plural = _("yêu cầu báo cáo")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"
