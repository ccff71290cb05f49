"""Commendation decisions (quyết định khen thưởng) and their recipients with cash amounts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import DecisionStatus, HonourCode, HonourKind
from ..scope import own_subject_q, reads_all
from .base import SubjectModel, subject_constraint
from .council import Session
from .deliberation import Nomination


class DecisionQuerySet(models.QuerySet):
    def for_user(self, user):
        """The emulation side reads all; staff the issued decisions that name them."""
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(
            Q(status=DecisionStatus.ISSUED) & own_subject_q(user, "recipients__")
        ).distinct()

    def issued(self):
        return self.filter(status=DecisionStatus.ISSUED)


class Decision(models.Model):
    """A commendation decision: number, date, signer, issuing body, recipients and amounts."""

    number = models.CharField(_("số quyết định"), max_length=60, help_text=_("Ví dụ: 125/QĐ-XTTM."))
    signed_on = models.DateField(_("ngày ký"))
    place = models.CharField(_("địa danh"), max_length=60, default="Hà Nội")
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=120, default="BỘ CÔNG THƯƠNG")
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=120, default="CỤC XÚC TIẾN THƯƠNG MẠI"
    )
    signer_name = models.CharField(_("người ký"), max_length=120)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, default="CỤC TRƯỞNG")
    kind = models.CharField(
        _("loại khen thưởng"),
        max_length=10,
        choices=HonourKind.choices,
        default=HonourKind.PERIODIC,
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    subject_line = models.CharField(
        _("trích yếu"),
        max_length=255,
        default="Về việc tặng danh hiệu thi đua và hình thức khen thưởng",
    )
    basis = models.TextField(
        _("căn cứ"),
        blank=True,
        default=(
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ "
            "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;\n"
            "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ;"
        ),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("phiên họp hội đồng"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    total_vnd = models.DecimalField(
        _("tổng tiền thưởng (đồng)"), max_digits=18, decimal_places=0, default=0
    )
    issued_at = models.DateTimeField(_("lúc ban hành"), null=True, blank=True)
    warnings = models.JSONField(
        _("cảnh báo khi ban hành"),
        default=list,
        blank=True,
        help_text=_("Ví dụ: ban hành quá hạn quyết định danh hiệu thường xuyên."),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ban hành"),
    )

    objects = DecisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-signed_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "signed_on"], name="decision_number_unique_per_day"
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("emulation:decision-detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED


class DecisionRecipient(SubjectModel):
    """One recipient of a decision: the title or form, and the cash amount at the rates in force."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("quyết định")
    )
    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recipients",
        verbose_name=_("đề nghị"),
    )
    code = models.CharField(_("danh hiệu, hình thức"), max_length=10, choices=HonourCode.choices)
    multiple = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2, default=0)
    base_salary_vnd = models.DecimalField(
        _("lương cơ sở (đồng)"), max_digits=14, decimal_places=0, default=0
    )
    amount_vnd = models.DecimalField(
        _("tiền thưởng (đồng)"), max_digits=16, decimal_places=0, default=0
    )
    achievement = models.TextField(_("thành tích"), blank=True)

    class Meta:
        verbose_name = _("người, tập thể được khen")
        verbose_name_plural = _("người, tập thể được khen")
        ordering = ["decision", "code", "pk"]
        constraints = [subject_constraint()]

    def __str__(self):
        return f"{self.subject_name}: {self.get_code_display()}"
