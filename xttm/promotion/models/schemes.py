"""Schemes (đề án), their cost items, yearly budget lines, events, appraisals, batches and adjustments."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from xttm.directory.models import SearchableModel, SearchableQuerySet

from ..choices import APPROVED_STATES, AdjustmentKind, AdjustmentStatus, Line, SchemeStatus
from .programme import EveryoneQuerySet
from .scope import LeadScopedQuerySet, scoped_by_lead

VND = {"max_digits": 18, "decimal_places": 0, "default": 0}


class SchemeQuerySet(SearchableQuerySet):
    def for_user(self, user):
        return scoped_by_lead(self, user, "lead_id")

    def approved(self):
        return self.filter(status__in=APPROVED_STATES)

    def in_year(self, year: int):
        return self.filter(year=year)


class Scheme(SearchableModel):
    """A scheme (đề án) a lead organisation proposes under one line and content type.

    `support_requested` may only be lowered below what the rate in force
    gives; the approved version and every adjustment are kept in
    `SchemeVersion`, never overwritten.
    """

    SEARCH_FIELDS = ("code", "title", "city")

    code = models.SlugField(_("mã đề án"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"), db_index=True)
    end_year = models.PositiveSmallIntegerField(
        _("năm kết thúc"), null=True, blank=True, help_text=_("Với đề án trung hạn (nhiều năm).")
    )
    line = models.CharField(_("nhóm chương trình"), max_length=10, choices=Line.choices)
    content_type = models.ForeignKey(
        "SupportContent",
        on_delete=models.PROTECT,
        related_name="schemes",
        verbose_name=_("nội dung"),
    )
    lead = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        related_name="schemes",
        verbose_name=_("đơn vị chủ trì"),
    )
    title = models.CharField(_("tên đề án"), max_length=255)
    objectives = models.TextField(_("mục tiêu"), blank=True)
    country = CountryField(_("quốc gia"), blank=True, default="VN")
    city = models.CharField(_("thành phố (nước ngoài)"), max_length=120, blank=True)
    province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes",
        verbose_name=_("tỉnh, thành phố"),
    )
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    planned_booths = models.PositiveIntegerField(_("số gian hàng dự kiến"), default=0)
    planned_enterprises = models.PositiveIntegerField(_("số doanh nghiệp dự kiến"), default=0)
    planned_deals = models.PositiveIntegerField(_("số hợp đồng, giao dịch dự kiến"), default=0)
    support_rate = models.DecimalField(
        _("mức hỗ trợ áp dụng (%)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    support_requested = models.DecimalField(_("kinh phí đề nghị hỗ trợ (đồng)"), **VND)
    support_approved = models.DecimalField(_("kinh phí được duyệt (đồng)"), **VND)
    status = models.CharField(
        _("trạng thái"), max_length=24, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    objects = SchemeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề án")
        verbose_name_plural = _("đề án")
        ordering = ["-year", "code"]

    def __str__(self):
        return f"{self.code} — {self.title}"

    def get_absolute_url(self):
        return reverse("promotion:scheme-detail", args=[self.pk])

    @property
    def is_abroad(self) -> bool:
        return bool(self.country) and self.country.code != "VN"

    @property
    def place(self) -> str:
        if self.is_abroad:
            return ", ".join(filter(None, [self.city, str(self.country.name)]))
        return str(self.province or "")

    @property
    def cost_total(self) -> Decimal:
        return sum((item.amount for item in self.cost_items.all()), Decimal(0))

    @property
    def years(self) -> list[int]:
        return list(range(self.year, (self.end_year or self.year) + 1))


class CostItem(models.Model):
    """One line of a scheme's cost estimate."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="cost_items", verbose_name=_("đề án")
    )
    name = models.CharField(_("khoản chi"), max_length=255)
    amount = models.DecimalField(_("dự toán (đồng)"), **VND)
    eligible = models.BooleanField(_("được hỗ trợ"), default=True)

    objects = LeadScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoản chi dự toán")
        verbose_name_plural = _("khoản chi dự toán")
        ordering = ["scheme", "pk"]

    def __str__(self):
        return self.name


class BudgetLine(models.Model):
    """Approved, disbursed and settled amounts of a scheme for one year (a multi-year scheme has several)."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("đề án")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    approved = models.DecimalField(_("được duyệt (đồng)"), **VND)
    disbursed = models.DecimalField(_("đã tạm ứng, giải ngân (đồng)"), **VND)
    settled = models.DecimalField(_("đã quyết toán (đồng)"), **VND)

    objects = LeadScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("dòng kinh phí")
        ordering = ["scheme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year"], name="budget_line_one_per_year")
        ]

    def __str__(self):
        return f"{self.scheme.code} / {self.year}"


class SchemeEventQuerySet(LeadScopedQuerySet):
    pass


class SchemeEvent(models.Model):
    """One move of a scheme: who, when, from, to, why, and the document behind it."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="events", verbose_name=_("đề án")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    from_status = models.CharField(_("từ"), max_length=24, choices=SchemeStatus.choices)
    to_status = models.CharField(_("sang"), max_length=24, choices=SchemeStatus.choices)
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)

    objects = SchemeEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện đề án")
        verbose_name_plural = _("sự kiện đề án")
        ordering = ["scheme", "at", "pk"]

    def __str__(self):
        return f"{self.scheme_id}: {self.from_status} → {self.to_status}"


class Appraisal(models.Model):
    """One appraiser's score and notes on a scheme, with the threshold warnings the check raised."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="appraisals", verbose_name=_("đề án")
    )
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thẩm định"),
    )
    score = models.PositiveSmallIntegerField(_("điểm (thang 100)"), default=0)
    notes = models.TextField(_("ý kiến"), blank=True)
    warnings = models.TextField(_("cảnh báo"), blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    objects = LeadScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến thẩm định")
        verbose_name_plural = _("ý kiến thẩm định")
        ordering = ["scheme", "at"]

    def __str__(self):
        return f"{self.scheme_id}: {self.score}"


class ApprovalBatch(models.Model):
    """An approval round (đợt): one decision with number and date, listing schemes and amounts."""

    year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    number = models.PositiveSmallIntegerField(_("đợt"))
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))

    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt phê duyệt")
        verbose_name_plural = _("đợt phê duyệt")
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="approval_batch_unique_number")
        ]

    def __str__(self):
        return _("Đợt {number}/{year} — QĐ {decision}").format(
            number=self.number, year=self.year, decision=self.decision_number
        )


class BatchItem(models.Model):
    batch = models.ForeignKey(
        ApprovalBatch, on_delete=models.PROTECT, related_name="items", verbose_name=_("đợt")
    )
    scheme = models.OneToOneField(
        Scheme, on_delete=models.PROTECT, related_name="batch_item", verbose_name=_("đề án")
    )
    amount = models.DecimalField(_("kinh phí phê duyệt (đồng)"), **VND)

    objects = LeadScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề án trong đợt")
        verbose_name_plural = _("đề án trong đợt")
        ordering = ["batch", "scheme"]

    def __str__(self):
        return f"{self.batch_id}: {self.scheme_id}"


class SchemeVersion(models.Model):
    """A frozen copy of a scheme: number 0 is the approved version, each approved adjustment adds one."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="versions", verbose_name=_("đề án")
    )
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    data = models.JSONField(_("nội dung"))
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    objects = LeadScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản đề án")
        verbose_name_plural = _("phiên bản đề án")
        ordering = ["scheme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="scheme_version_unique")
        ]

    def __str__(self):
        return f"{self.scheme_id} v{self.number}"


class Adjustment(models.Model):
    """A requested change to an approved scheme, the values before and after, and its decision."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="adjustments", verbose_name=_("đề án")
    )
    kind = models.CharField(_("loại điều chỉnh"), max_length=12, choices=AdjustmentKind.choices)
    changes = models.JSONField(
        _("thay đổi"), help_text=_("{trường: [giá trị cũ, giá trị mới]}"), default=dict
    )
    reason = models.TextField(_("lý do"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=AdjustmentStatus.choices,
        default=AdjustmentStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = LeadScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("điều chỉnh đề án")
        verbose_name_plural = _("điều chỉnh đề án")
        ordering = ["scheme", "requested_at"]

    def __str__(self):
        return f"{self.scheme_id}: {self.kind}"


class Attachment(models.Model):
    """A file attached to a scheme (proposal, decision, report…)."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("đề án")
    )
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="promotion/attachments/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = LeadScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")
        ordering = ["scheme", "uploaded_at"]

    def __str__(self):
        return self.title
