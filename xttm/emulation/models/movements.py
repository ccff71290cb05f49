"""Movements (phong trào), registrations, criteria, self-assessment and assessment, reviews."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xttm.directory.models import Body, Person, SearchableModel, SearchableQuerySet, Unit

from ..choices import (
    AssessmentKind,
    HonourCode,
    Level,
    MovementForm,
    RegistrationStatus,
    ReviewKind,
)
from ..scope import headed_subject_q, own_subject_q, reads_all
from .base import SubjectModel, SubjectQuerySet, subject_constraint


class MovementQuerySet(SearchableQuerySet):
    def for_user(self, user):
        """The emulation side reads all; others the movements they or their unit take part in."""
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(Q(people__user=user) | Q(units__members__user=user)).distinct()


class Movement(SearchableModel):
    """An emulation movement (phong trào thi đua): regular (the yearly one) or thematic."""

    SEARCH_FIELDS = ("name", "goals", "targets")

    name = models.CharField(_("tên phong trào"), max_length=255)
    level = models.CharField(_("cấp phát động"), max_length=10, choices=Level.choices)
    form = models.CharField(_("hình thức"), max_length=10, choices=MovementForm.choices)
    bodies = models.ManyToManyField(
        Body,
        related_name="+",
        verbose_name=_("cơ quan phát động"),
        help_text=_("Tổ chức Đảng, chính quyền, công đoàn, Đoàn thanh niên: một hoặc nhiều."),
    )
    theme = models.CharField(_("chủ đề"), max_length=255, blank=True)
    goals = models.TextField(_("mục tiêu"), blank=True)
    targets = models.TextField(_("chỉ tiêu"), blank=True, help_text=_("Các chỉ tiêu đo được."))
    launched_on = models.DateField(_("ngày phát động"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("đơn vị tham gia")
    )
    people = models.ManyToManyField(
        Person, blank=True, related_name="+", verbose_name=_("cá nhân tham gia")
    )

    objects = MovementQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[bodies, units, people])

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="movement_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("emulation:movement-detail", args=[self.pk])


class MovementAttachment(models.Model):
    """A file attached to a movement (plan, launching letter…)."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("phong trào")
    )
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="emulation/movements/")

    class Meta:
        verbose_name = _("tài liệu phong trào")
        verbose_name_plural = _("tài liệu phong trào")
        ordering = ["movement", "title"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """A scoring criterion of a movement, with its weight and maximum score.

    `computed` names a function of emulation/computed.py; such a criterion is
    scored from the promotion data rather than typed in.
    """

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("phong trào")
    )
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tiêu chí"), max_length=255)
    weight = models.DecimalField(_("trọng số"), max_digits=6, decimal_places=2, default=1)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2)
    computed = models.CharField(
        _("tính tự động từ"),
        max_length=40,
        blank=True,
        help_text=_("Mã chỉ số tính từ dữ liệu Chương trình XTTM; trống nếu chấm tay."),
    )

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["movement", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "code"], name="criterion_code_per_movement"
            ),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.name


class RegistrationQuerySet(SubjectQuerySet):
    def for_user(self, user):
        """Own registrations, plus those of the members of units the user heads."""
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(own_subject_q(user) | headed_subject_q(user))


class Registration(SubjectModel):
    """An emulation registration: the title aimed for and the commitments, for a year or movement."""

    year = models.PositiveSmallIntegerField(_("năm"))
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("phong trào"),
    )
    aimed_code = models.CharField(_("danh hiệu đăng ký"), max_length=10, choices=HonourCode.choices)
    commitments = models.TextField(_("cam kết"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    objects = RegistrationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "status"]
        constraints = [
            subject_constraint(),
            models.UniqueConstraint(
                fields=["person", "year", "movement"],
                condition=Q(person__isnull=False),
                name="registration_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "movement"],
                condition=Q(unit__isnull=False),
                name="registration_once_per_unit",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} – {self.get_aimed_code_display()} {self.year}"

    def get_absolute_url(self):
        return reverse("emulation:registration-detail", args=[self.pk])


class RegistrationEvent(models.Model):
    """One step of a registration's workflow: who moved it, from what, to what, when."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="events", verbose_name=_("đăng ký")
    )
    from_status = models.CharField(_("từ"), max_length=10, choices=RegistrationStatus.choices)
    to_status = models.CharField(_("sang"), max_length=10, choices=RegistrationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện đăng ký")
        verbose_name_plural = _("sự kiện đăng ký")
        ordering = ["registration", "at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Assessment(SubjectModel):
    """A periodic self-assessment or assessment of a subject in a movement, scored per criterion."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("phong trào")
    )
    period = models.CharField(_("kỳ đánh giá"), max_length=20, help_text=_("Ví dụ: 2025-Q1."))
    kind = models.CharField(_("loại"), max_length=10, choices=AssessmentKind.choices)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người đánh giá"),
    )
    total = models.DecimalField(
        _("tổng điểm"),
        max_digits=10,
        decimal_places=2,
        default=0,
        help_text=_("Tổng điểm có trọng số, tính lại mỗi khi chấm."),
    )

    objects = SubjectQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đánh giá theo tiêu chí")
        verbose_name_plural = _("đánh giá theo tiêu chí")
        ordering = ["movement", "period", "-total"]
        constraints = [
            subject_constraint(),
            models.UniqueConstraint(
                fields=["movement", "period", "kind", "person"],
                condition=Q(person__isnull=False),
                name="assessment_once_per_person_period",
            ),
            models.UniqueConstraint(
                fields=["movement", "period", "kind", "unit"],
                condition=Q(unit__isnull=False),
                name="assessment_once_per_unit_period",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} {self.period} ({self.get_kind_display()})"


class Score(models.Model):
    """The score of one criterion in one assessment, with its evidence or computed records."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("đánh giá")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("tiêu chí")
    )
    value = models.DecimalField(_("điểm"), max_digits=8, decimal_places=2)
    evidence = models.FileField(_("minh chứng"), upload_to="emulation/evidence/", blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    records = models.JSONField(
        _("bản ghi căn cứ"),
        default=list,
        blank=True,
        help_text=_("Với tiêu chí tính tự động: các bản ghi dữ liệu XTTM tạo nên điểm."),
    )

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        ordering = ["assessment", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="score_once_per_criterion"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="score_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class ReviewQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(movement__in=Movement.objects.for_user(user))


class Review(models.Model):
    """A mid-term or final review (sơ kết, tổng kết) of a movement: results, ranking, lessons."""

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("phong trào")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ReviewKind.choices)
    held_on = models.DateField(_("ngày tổ chức"))
    summary = models.TextField(_("tóm tắt kết quả"), blank=True)

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sơ kết, tổng kết")
        verbose_name_plural = _("sơ kết, tổng kết")
        ordering = ["movement", "held_on"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.movement} ({self.held_on:%d/%m/%Y})"
