"""What the engine reads: ratings, titles and awards, initiatives, discipline, holds, leave."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xttm.directory.models import Person, SearchableModel, SearchableQuerySet, Unit

from ..choices import (
    TITLE_CODES,
    DisciplineLevel,
    HoldKind,
    HonourCode,
    HonourKind,
    InitiativeKind,
    LeaveKind,
    RatingCode,
    Scope,
)
from ..scope import own_subject_q, reads_all
from .base import SubjectModel, SubjectQuerySet, subject_constraint


class Rating(SubjectModel):
    """The annual rating (đánh giá, xếp loại) of a person or a unit: one per subject per year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("xếp loại"), max_length=6, choices=RatingCode.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = SubjectQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["-year", "person", "unit"]
        constraints = [
            subject_constraint(),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="rating_one_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(unit__isnull=False),
                name="rating_one_per_unit_year",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} {self.year}: {self.code}"


class InitiativeQuerySet(SearchableQuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(authors__person__user=user).distinct()


class Initiative(SearchableModel):
    """A recognised initiative (sáng kiến) or accepted S&T project, with its authors and shares.

    `used_by` is the title or award that consumed it (one initiative, one use).
    """

    SEARCH_FIELDS = ("title", "certificate_number", "field")

    title = models.CharField(_("tên sáng kiến"), max_length=255)
    kind = models.CharField(
        _("loại"), max_length=12, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị áp dụng")
    )
    description = models.TextField(_("mô tả"), blank=True)
    field = models.CharField(_("lĩnh vực áp dụng"), max_length=255, blank=True)
    effect_vnd = models.DecimalField(
        _("hiệu quả ước tính (đồng)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=10, choices=Scope.choices)
    year = models.PositiveSmallIntegerField(_("năm công nhận"))
    recognised_on = models.DateField(_("ngày công nhận"))
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=60, blank=True)
    certificate = models.FileField(
        _("giấy chứng nhận"), upload_to="emulation/initiatives/", blank=True
    )

    objects = InitiativeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    @property
    def fact_id(self) -> str:
        return f"I{self.pk}"


class InitiativeAuthor(models.Model):
    """An author of an initiative and their share of it (percent)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="authors", verbose_name=_("sáng kiến")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("tác giả")
    )
    share = models.DecimalField(
        _("tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2, default=100
    )

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["initiative", "-share"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiative_author_once"),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100), name="initiative_author_share_range"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.share}%)"


class CommendationQuerySet(SubjectQuerySet):
    def titles(self):
        return self.filter(code__in=TITLE_CODES)

    def awards(self):
        return self.exclude(code__in=TITLE_CODES)


class Commendation(SubjectModel):
    """A title (danh hiệu) or form (hình thức) a person or unit holds for a year.

    Written by issued decisions (or entered for years before the system);
    `uses` are the initiatives it consumed.
    """

    code = models.CharField(_("danh hiệu, hình thức"), max_length=10, choices=HonourCode.choices)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    kind = models.CharField(
        _("loại khen thưởng"),
        max_length=10,
        choices=HonourKind.choices,
        default=HonourKind.PERIODIC,
        help_text=_("Chỉ khen thưởng theo công trạng được tính làm điều kiện cho mức cao hơn."),
    )
    decision = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendations",
        verbose_name=_("quyết định"),
    )
    decision_reference = models.CharField(
        _("số quyết định (ngoài hệ thống)"), max_length=80, blank=True
    )
    uses = models.ManyToManyField(
        Initiative, blank=True, related_name="used_by", verbose_name=_("sáng kiến đã dùng")
    )

    objects = CommendationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[uses])

    class Meta:
        verbose_name = _("danh hiệu, khen thưởng")
        verbose_name_plural = _("danh hiệu, khen thưởng")
        ordering = ["-year", "code"]
        constraints = [
            subject_constraint(),
            models.UniqueConstraint(
                fields=["person", "code", "year", "kind"],
                condition=Q(person__isnull=False),
                name="commendation_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "code", "year", "kind"],
                condition=Q(unit__isnull=False),
                name="commendation_once_per_unit",
            ),
        ]

    def __str__(self):
        return f"{self.get_code_display()} {self.year} – {self.subject_name}"

    @property
    def is_title(self) -> bool:
        return self.code in TITLE_CODES


class PersonRecordQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(own_subject_q(user))


class Discipline(models.Model):
    """A discipline period; achievements count again from its end (Decree 98/2023 Art 4)."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cá nhân")
    )
    level = models.CharField(_("hình thức kỷ luật"), max_length=10, choices=DisciplineLevel.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Trống: đang thi hành.")
    )
    reference = models.CharField(_("số quyết định kỷ luật"), max_length=80, blank=True)

    objects = PersonRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="discipline_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_level_display()}"


class ReviewHold(models.Model):
    """A person under review, investigation, inspection or complaint verification: on hold."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cá nhân")
    )
    kind = models.CharField(_("lý do"), max_length=20, choices=HoldKind.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Trống: chưa kết thúc.")
    )

    objects = PersonRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tạm dừng xét")
        verbose_name_plural = _("tạm dừng xét")
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"


class Leave(models.Model):
    """A leave period; maternity, injury treatment and training under a year count as work."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cá nhân")
    )
    kind = models.CharField(_("loại nghỉ"), max_length=10, choices=LeaveKind.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("thời gian nghỉ")
        verbose_name_plural = _("thời gian nghỉ")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="leave_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"


class ClusterLeadQuerySet(models.QuerySet):
    def for_user(self, user):
        return self if user.is_authenticated and reads_all(user) else self.none()


class ClusterLead(models.Model):
    """A unit led its emulation cluster in a year (entered from the cluster's vote)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))

    objects = ClusterLeadQuerySet.as_manager()

    class Meta:
        verbose_name = _("dẫn đầu khối thi đua")
        verbose_name_plural = _("dẫn đầu khối thi đua")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="cluster_lead_once_a_year")
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"
