"""Import jobs: a spreadsheet uploaded from a page, imported by the task worker, its outcome kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xttm.accounts.roles import is_admin

from .importing import IMPORTERS


class ImportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """Each person sees the imports they started; administrators see all."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self if is_admin(user) else self.filter(user=user)

    def unfinished(self):
        return self.filter(status__in=(ImportJob.Status.QUEUED, ImportJob.Status.RUNNING))


class ImportJob(models.Model):
    """One uploaded file to import; the worker moves it from queued to running to succeeded or failed.

    `succeeded` means the importer ran to the end: `result` then says what it
    saved, or which rows it refused (and that nothing was saved). `failed`
    means the run itself broke (the worker died, the server ran out of room…);
    nothing was saved and the same file may be run again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        SUCCEEDED = "succeeded", _("Đã xử lý xong")
        FAILED = "failed", _("Bị gián đoạn")

    kind = models.CharField(
        _("loại dữ liệu"), max_length=30, choices=[(name, name) for name in sorted(IMPORTERS)]
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("người nhập"),
    )
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/")
    filename = models.CharField(_("tên tệp"), max_length=255)
    dry_run = models.BooleanField(_("chạy thử"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    worker = models.CharField(
        _("tiến trình nền"),
        max_length=120,
        blank=True,
        help_text=_("Máy và số tiến trình (host:pid) của lần chạy gần nhất."),
    )
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    started_at = models.DateTimeField(_("lúc bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("các lần nhập dữ liệu")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="import_job_progress_at_most_100"
            )
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.filename})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
