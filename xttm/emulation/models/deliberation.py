"""Deliberation rounds (bình xét) and nominations (đề nghị) with their dossiers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import DocumentKind, HonourCode, HonourKind, NominationStatus, RoundStatus
from ..scope import reads_all
from .base import SubjectModel, subject_constraint
from .movements import Movement


class RoundQuerySet(models.QuerySet):
    def for_user(self, user):
        return self if user.is_authenticated and reads_all(user) else self.none()


class Round(models.Model):
    """A deliberation round for an achievement year, or for one movement (thematic)."""

    name = models.CharField(_("tên đợt bình xét"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
        verbose_name=_("phong trào"),
        help_text=_("Trống: bình xét thường xuyên của cả năm."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_on = models.DateField(_("ngày mở"))

    objects = RoundQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt bình xét")
        verbose_name_plural = _("đợt bình xét")
        ordering = ["-year", "-opened_on"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("emulation:round-detail", args=[self.pk])


class NominationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The emulation side reads all; a council member those on the agenda of their sessions."""
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(session_items__session__members__user=user).distinct()


class Nomination(SubjectModel):
    """A proposal to give one title or form to one subject, with the engine's verdict at the time.

    `verdict` and `reasons` are a snapshot: the council votes on what the
    secretariat saw, even if facts change later.
    """

    round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("đợt bình xét"),
        help_text=_("Trống với khen thưởng đột xuất (thủ tục rút gọn)."),
    )
    code = models.CharField(_("danh hiệu, hình thức"), max_length=10, choices=HonourCode.choices)
    kind = models.CharField(
        _("loại khen thưởng"),
        max_length=10,
        choices=HonourKind.choices,
        default=HonourKind.PERIODIC,
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    achievement = models.TextField(_("thành tích"), blank=True)
    achieved_on = models.DateField(
        _("ngày lập thành tích"),
        null=True,
        blank=True,
        help_text=_("Bắt buộc với khen đột xuất: quyết định phải trong hạn (mặc định 45 ngày)."),
    )
    verdict = models.CharField(_("kết quả xét tự động"), max_length=20, blank=True)
    reasons = models.JSONField(_("căn cứ"), default=list, blank=True)
    uses = models.JSONField(
        _("sáng kiến sẽ dùng"),
        default=list,
        blank=True,
        help_text=_("Mã sáng kiến (I…) theo bộ máy xét."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=NominationStatus.choices,
        default=NominationStatus.PROPOSED,
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người đề nghị"),
    )
    nominated_at = models.DateTimeField(_("lúc đề nghị"), auto_now_add=True)

    objects = NominationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["round", "code", "pk"]
        constraints = [
            subject_constraint(),
            models.UniqueConstraint(
                fields=["round", "person", "code"],
                condition=Q(person__isnull=False, round__isnull=False),
                name="nomination_once_per_person_round",
            ),
            models.UniqueConstraint(
                fields=["round", "unit", "code"],
                condition=Q(unit__isnull=False, round__isnull=False),
                name="nomination_once_per_unit_round",
            ),
        ]

    def __str__(self):
        return f"{self.get_code_display()} – {self.subject_name} ({self.year})"

    def get_absolute_url(self):
        return reverse("emulation:nomination-detail", args=[self.pk])


class NominationDocument(models.Model):
    """A document of a nomination's dossier: generated from a template, or uploaded."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="documents", verbose_name=_("đề nghị")
    )
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=DocumentKind.choices)
    file = models.FileField(_("tệp"), upload_to="emulation/dossiers/")
    generated = models.BooleanField(_("sinh từ mẫu"), default=False)
    added_at = models.DateTimeField(_("lúc thêm"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["nomination", "kind", "pk"]

    def __str__(self):
        return self.get_kind_display()


class NominationEvent(models.Model):
    """One step of a nomination: proposed, passed, failed, decided, withdrawn."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="events", verbose_name=_("đề nghị")
    )
    from_status = models.CharField(
        _("từ"), max_length=10, choices=NominationStatus.choices, blank=True
    )
    to_status = models.CharField(_("sang"), max_length=10, choices=NominationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện đề nghị")
        verbose_name_plural = _("sự kiện đề nghị")
        ordering = ["nomination", "at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"
