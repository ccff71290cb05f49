"""What schemes produce: activities, participations (lượt doanh nghiệp), deals; FX rates; the summary."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from xttm.directory.models import SearchableModel, SearchableQuerySet

from ..choices import ActivityKind, DealKind, Line
from .programme import EveryoneQuerySet
from .scope import READ_ALL, scoped_by_lead

VND = {"max_digits": 18, "decimal_places": 0, "default": 0}


class ActivityQuerySet(SearchableQuerySet):
    def for_user(self, user):
        return scoped_by_lead(self, user, "scheme__lead_id")


class Activity(SearchableModel):
    """A fair, mission, delegation, conference, training… held under a scheme."""

    SEARCH_FIELDS = ("code", "name", "city", "tags")

    code = models.SlugField(
        _("mã hoạt động"), max_length=40, unique=True, help_text=_("Dùng khi nhập từ Excel.")
    )
    scheme = models.ForeignKey(
        "Scheme", on_delete=models.PROTECT, related_name="activities", verbose_name=_("đề án")
    )
    kind = models.CharField(_("loại hoạt động"), max_length=16, choices=ActivityKind.choices)
    name = models.CharField(_("tên hoạt động"), max_length=255)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    country = CountryField(_("quốc gia"), default="VN")
    city = models.CharField(_("thành phố (nước ngoài)"), max_length=120, blank=True)
    province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="promotion_activities",
        verbose_name=_("tỉnh, thành phố"),
        help_text=_("Giữ tỉnh khi nhập (63 hoặc 34); báo cáo quy về tỉnh mới."),
    )
    booths = models.PositiveIntegerField(_("số gian hàng"), default=0)
    visitors = models.PositiveIntegerField(_("số lượt khách"), default=0)
    tags = models.CharField(
        _("nhãn"), max_length=255, blank=True, help_text=_("Ví dụ: hang_viet_nong_thon")
    )
    results_reported_on = models.DateField(_("ngày báo cáo kết quả"), null=True, blank=True)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-start_date", "code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("promotion:activity-detail", args=[self.pk])

    @property
    def place(self) -> str:
        if self.country and self.country.code != "VN":
            return ", ".join(filter(None, [self.city, str(self.country.name)]))
        return str(self.province or "")


class DealQuerySet(models.QuerySet):
    def for_user(self, user):
        return scoped_by_lead(self, user, "activity__scheme__lead_id")


class Participation(models.Model):
    """One enterprise at one activity: the 'lượt doanh nghiệp' of the reports."""

    # No index of its own: the unique (activity, enterprise) index starts with it and serves
    # every lookup by activity; one index fewer to write for each imported row.
    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("hoạt động"),
        db_index=False,
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("doanh nghiệp"),
    )
    booths = models.PositiveSmallIntegerField(_("số gian hàng"), default=0)
    support_vnd = models.DecimalField(_("kinh phí được hỗ trợ (đồng)"), **VND)

    objects = DealQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt doanh nghiệp tham gia")
        verbose_name_plural = _("lượt doanh nghiệp tham gia")
        ordering = ["activity", "enterprise"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "enterprise"], name="participation_once_per_activity"
            )
        ]

    def __str__(self):
        return f"{self.enterprise_id} @ {self.activity_id}"


class ExchangeRate(models.Model):
    """A rate to VND of one currency on one date, maintained or imported by an officer."""

    date = models.DateField(_("ngày"))
    currency = models.CharField(
        _("loại tiền"), max_length=3, help_text=_("Mã ISO 4217, ví dụ USD.")
    )
    rate_to_vnd = models.DecimalField(_("tỷ giá (đồng)"), max_digits=14, decimal_places=4)

    objects = EveryoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tỷ giá")
        verbose_name_plural = _("tỷ giá")
        ordering = ["-date", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["date", "currency"], name="exchange_rate_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(rate_to_vnd__gt=0), name="exchange_rate_positive"
            ),
        ]

    def __str__(self):
        return f"{self.currency} {self.date:%d/%m/%Y}: {self.rate_to_vnd}"


class Deal(models.Model):
    """A contract, MoU, transaction or sale, with its value as signed and in VND and USD at write time."""

    code = models.CharField(
        _("số hiệu"),
        max_length=80,
        unique=True,
        help_text=_("Số hợp đồng hoặc mã do đơn vị đặt; khóa khi nhập lại."),
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="deals", verbose_name=_("hoạt động")
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="deals",
        verbose_name=_("doanh nghiệp"),
    )
    kind = models.CharField(_("loại"), max_length=12, choices=DealKind.choices)
    signed_on = models.DateField(_("ngày ký"))
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("loại tiền"), max_length=3, default="USD")
    rate_to_vnd = models.DecimalField(_("tỷ giá áp dụng"), max_digits=14, decimal_places=4)
    rate_date = models.DateField(_("ngày tỷ giá"))
    rate_is_fallback = models.BooleanField(_("dùng tỷ giá ngày gần nhất trước đó"), default=False)
    value_vnd = models.DecimalField(_("giá trị (đồng)"), max_digits=22, decimal_places=0)
    value_usd = models.DecimalField(_("giá trị (USD)"), max_digits=20, decimal_places=2)
    counterpart_country = CountryField(_("quốc gia đối tác"), blank=True)
    product_group = models.CharField(
        _("nhóm hàng (chương HS)"),
        max_length=4,
        blank=True,
        help_text=_("Ví dụ: 09 (cà phê, chè)."),
    )

    objects = DealQuerySet.as_manager()
    # A deal's history is read by the deal's id and date; the copies of the deal's own indexes
    # (number, activity, enterprise) on the history table only slowed every write of a deal.
    history = HistoricalRecords(no_db_index=["code", "activity", "enterprise"])

    class Meta:
        verbose_name = _("hợp đồng, giao dịch")
        verbose_name_plural = _("hợp đồng, giao dịch")
        ordering = ["-signed_on", "code"]
        # The list page's order: the first page and every keyset page read the index.
        indexes = [
            models.Index(fields=["-signed_on", "code"], name="deal_list_order"),
            # The list filtered by kind and currency (contracts in USD), in the list's order:
            # without it the database walks deal_list_order discarding the other kinds.
            models.Index(
                fields=["kind", "currency", "-signed_on", "code"], name="deal_kind_currency_order"
            ),
        ]

    def __str__(self):
        return self.code


class SummaryMeasures(models.Model):
    """The figures the summary and its rollup sum (summary.MEASURES)."""

    schemes = models.IntegerField(default=0)
    schemes_approved = models.IntegerField(default=0)
    # Targets: the schemes' planned figures, counted like `schemes` (from submission on).
    planned_enterprises = models.IntegerField(default=0)
    planned_deals = models.IntegerField(default=0)
    budget_requested = models.DecimalField(**VND)
    budget_approved = models.DecimalField(**VND)
    budget_disbursed = models.DecimalField(**VND)
    budget_settled = models.DecimalField(**VND)
    participations = models.IntegerField(default=0)
    support_vnd = models.DecimalField(**VND)
    deals = models.IntegerField(default=0)
    value_vnd = models.DecimalField(max_digits=22, decimal_places=0, default=0)
    value_usd = models.DecimalField(max_digits=20, decimal_places=2, default=0)

    class Meta:
        abstract = True


class ResultSummary(SummaryMeasures):
    """The figures of the programme summed by dimension, kept current by the services (deltas).

    Reports read this table, never the raw rows. `verify_summary()` compares it
    with a full recomputation.
    """

    year = models.PositiveSmallIntegerField(_("năm"))
    line = models.CharField(_("nhóm chương trình"), max_length=10, choices=Line.choices)
    content_type = models.ForeignKey(
        "SupportContent", on_delete=models.CASCADE, related_name="+", verbose_name=_("nội dung")
    )
    lead = models.ForeignKey(
        "directory.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("đơn vị chủ trì"),
    )
    province_new = models.ForeignKey(
        "directory.Province", on_delete=models.CASCADE, null=True, related_name="+"
    )
    province_old = models.ForeignKey(
        "directory.Province", on_delete=models.CASCADE, null=True, related_name="+"
    )
    country = models.CharField(_("quốc gia"), max_length=2, blank=True)
    deal_kind = models.CharField(_("loại giao dịch"), max_length=12, blank=True)

    class SummaryQuerySet(models.QuerySet):
        def for_user(self, user):
            return scoped_by_lead(self, user, "lead_id")

    objects = SummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("bảng tổng hợp kết quả")
        verbose_name_plural = _("bảng tổng hợp kết quả")
        # No unique key: a race may add a second row for one key, and every
        # reader sums by key, so figures stay right; rebuild_summary() compacts.
        indexes = [models.Index(fields=["year", "line"], name="result_summary_year_line")]

    def __str__(self):
        return f"{self.year} {self.line} {self.lead_id}"


class ResultRollup(SummaryMeasures):
    """The summary rolled up to one dimension at a time: (year, dimension, value) → measures.

    The dashboard's groupings are each one dimension; over the whole programme
    they read these few hundred rows per year instead of the summary, whose rows
    multiply places × years × lines × markets. `apply_delta()` writes both in the
    same transaction and `rebuild_summary()` rebuilds both. `dimension` is the
    summary column ("year", "line", "lead_id", "province_new_id"…), `value` its
    value as text (NULL for a NULL column).
    """

    year = models.PositiveSmallIntegerField(_("năm"))
    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=20, null=True)  # noqa: DJ001 - NULL and "" differ here

    class Meta:
        # No unique key, as for the summary: readers sum by (dimension, value).
        indexes = [models.Index(fields=["year", "dimension"], name="result_rollup_year_dim")]

    def __str__(self):
        return f"{self.year} {self.dimension}={self.value}"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message in the app to a person who must act next (also e-mailed when they have an address)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="promotion_notifications",
        verbose_name=_("người nhận"),
    )
    text = models.CharField(_("nội dung"), max_length=500)
    link = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text


__all__ = ["READ_ALL"]
