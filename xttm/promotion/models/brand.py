"""The national brand programme (Vietnam Value), facilities per province and the network's staff."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import BrandResult, FacilityKind
from .programme import EveryoneQuerySet


class BrandCycle(models.Model):
    """One selection of the national brand (every two years), with its decision and published counts."""

    year = models.PositiveSmallIntegerField(_("năm xét chọn"), unique=True)
    dossier_deadline = models.DateField(_("hạn nộp hồ sơ"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    published_enterprises = models.PositiveIntegerField(
        _("số doanh nghiệp đạt (công bố)"), default=0
    )
    published_products = models.PositiveIntegerField(_("số sản phẩm đạt (công bố)"), default=0)

    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ xét chọn Thương hiệu quốc gia")
        verbose_name_plural = _("kỳ xét chọn Thương hiệu quốc gia")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class BrandApplicant(models.Model):
    """An enterprise applying in a cycle, scored out of 1,000 (quality 300, innovation 180, pioneering 520)."""

    cycle = models.ForeignKey(
        BrandCycle, on_delete=models.CASCADE, related_name="applicants", verbose_name=_("kỳ")
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="brand_applications",
        verbose_name=_("doanh nghiệp"),
    )
    score_quality = models.PositiveSmallIntegerField(_("chất lượng (/300)"), default=0)
    score_innovation = models.PositiveSmallIntegerField(_("đổi mới sáng tạo (/180)"), default=0)
    score_pioneering = models.PositiveSmallIntegerField(_("năng lực tiên phong (/520)"), default=0)
    result = models.CharField(
        _("kết quả"), max_length=16, choices=BrandResult.choices, default=BrandResult.PENDING
    )

    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("doanh nghiệp dự xét")
        verbose_name_plural = _("doanh nghiệp dự xét")
        ordering = ["cycle", "enterprise"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "enterprise"], name="brand_applicant_once"),
            models.CheckConstraint(
                condition=models.Q(
                    score_quality__lte=300, score_innovation__lte=180, score_pioneering__lte=520
                ),
                name="brand_applicant_scores_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.cycle_id}: {self.enterprise_id}"

    @property
    def total_score(self) -> int:
        return self.score_quality + self.score_innovation + self.score_pioneering


class BrandProduct(models.Model):
    """A product of an applicant; recognised products carry the Vietnam Value mark for the cycle."""

    applicant = models.ForeignKey(
        BrandApplicant,
        on_delete=models.CASCADE,
        related_name="products",
        verbose_name=_("doanh nghiệp"),
    )
    name = models.CharField(_("sản phẩm"), max_length=255)
    recognised = models.BooleanField(_("được công nhận"), default=False)

    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("sản phẩm Thương hiệu quốc gia")
        verbose_name_plural = _("sản phẩm Thương hiệu quốc gia")
        ordering = ["applicant", "name"]

    def __str__(self):
        return self.name


class Facility(models.Model):
    """A trade promotion facility in a province: centre, exhibition centre, fair ground, trade centre."""

    province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        related_name="promotion_facilities",
        verbose_name=_("tỉnh, thành phố"),
    )
    kind = models.CharField(_("loại"), max_length=16, choices=FacilityKind.choices)
    name = models.CharField(_("tên"), max_length=255)

    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ sở hạ tầng XTTM")
        verbose_name_plural = _("cơ sở hạ tầng XTTM")
        ordering = ["province", "kind", "name"]

    def __str__(self):
        return self.name


class NetworkStaffing(models.Model):
    """Per organisation and year: trade promotion staff, and how many the programme's training reached."""

    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.CASCADE,
        related_name="promotion_staffing",
        verbose_name=_("tổ chức"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    headcount = models.PositiveIntegerField(_("số cán bộ làm XTTM"), default=0)
    trained = models.PositiveIntegerField(_("số được đào tạo, tập huấn"), default=0)

    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhân lực XTTM")
        verbose_name_plural = _("nhân lực XTTM")
        ordering = ["organization", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="staffing_one_per_year")
        ]

    def __str__(self):
        return f"{self.organization_id} {self.year}"
