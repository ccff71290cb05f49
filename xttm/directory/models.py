"""The directory: places, organisations, the agency's units, bodies and people, enterprises."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xttm.accounts.roles import Role, has_role, sees_everything
from xttm.core.text import fold, name_sort_key

from .choices import (
    BodyKind,
    EmploymentCategory,
    EnterpriseSize,
    Gender,
    OrganizationKind,
    Ownership,
    ProvinceKind,
    ProvinceSystem,
    Sector,
)
from .taxcode import TaxCodeError, normalize_tax_code


class SearchableQuerySet(models.QuerySet):
    """Search over the stored folded text, so diacritics never matter."""

    def search(self, query: str):
        words = fold(query).split()
        qs = self
        for word in words:
            qs = qs.filter(search_text__contains=word)
        return qs


class SearchableModel(models.Model):
    """Keeps `search_text` (folded) in step with the fields named in SEARCH_FIELDS."""

    SEARCH_FIELDS: tuple[str, ...] = ()
    search_text = models.TextField(_("chuỗi tìm kiếm"), blank=True, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        kept = self.kept_values()
        for name, value in kept.items():
            setattr(self, name, value)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *kept}
        super().save(*args, **kwargs)

    def kept_values(self) -> dict[str, str]:
        """The columns worked out from the others on every save; a bulk write sets them too."""
        return {"search_text": self.build_search_text()}

    def build_search_text(self) -> str:
        return fold(" ".join(str(getattr(self, f) or "") for f in self.SEARCH_FIELDS))


# --- Places ---------------------------------------------------------------------


class ProvinceQuerySet(SearchableQuerySet):
    def current(self):
        return self.filter(system=ProvinceSystem.NEW_34)

    def old(self):
        return self.filter(system=ProvinceSystem.OLD_63)

    def for_user(self, user):
        return self  # places are public reference data


class Province(SearchableModel):
    """A provincial-level unit of one map: the 63 before 1 July 2025 or the 34 after.

    Codes are unique only within a system: the new codes reuse old ones with
    another meaning (new 15 Lào Cai was old Yên Bái's code), so nothing keys on
    the code alone. An old province points to the new one it went into whole.
    """

    SEARCH_FIELDS = ("name", "full_name", "code")

    system = models.CharField(_("hệ thống"), max_length=4, choices=ProvinceSystem.choices)
    code = models.CharField(_("mã"), max_length=2)
    name = models.CharField(_("tên"), max_length=100, help_text=_("Tên ngắn, ví dụ: Đà Nẵng."))
    full_name = models.CharField(_("tên đầy đủ"), max_length=120)
    kind = models.CharField(_("loại"), max_length=10, choices=ProvinceKind.choices)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("sáp nhập vào"),
        help_text=_("Tỉnh mới (34) mà tỉnh cũ (63) được sáp nhập vào từ 01/7/2025."),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        ordering = ["system", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "code"], name="province_unique_code_per_system"
            ),
            models.CheckConstraint(
                condition=Q(system=ProvinceSystem.NEW_34, successor__isnull=True)
                | Q(system=ProvinceSystem.OLD_63),
                name="province_only_old_ones_have_successors",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def current(self) -> "Province":
        """The province in force (itself for a new one)."""
        return self.successor if self.successor_id else self


# --- Organisations, units, bodies ------------------------------------------------


class OrganizationQuerySet(SearchableQuerySet):
    def for_user(self, user):
        # Organisations are the network's public list; every user reads it.
        return self if user.is_authenticated else self.none()

    def agency(self):
        return self.filter(kind=OrganizationKind.AGENCY)

    def leads(self):
        """Organisations that may lead schemes of the programme."""
        return self.exclude(kind=OrganizationKind.OTHER)


class Organization(SearchableModel):
    """A body in the trade promotion network: the agency, a provincial centre, an association…"""

    SEARCH_FIELDS = ("name", "short_name", "code")

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=OrganizationKind.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("tỉnh, thành phố"),
        limit_choices_to={"system": ProvinceSystem.NEW_34},
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang web"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("directory:organization-detail", args=[self.pk])


class UnitQuerySet(SearchableQuerySet):
    def for_user(self, user):
        return self if user.is_authenticated else self.none()


class Unit(SearchableModel):
    """An internal unit of the agency (phòng, ban, văn phòng, trung tâm), in a tree."""

    SEARCH_FIELDS = ("name", "code")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="units", verbose_name=_("tổ chức")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    head = models.ForeignKey(
        "Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_units",
        verbose_name=_("thủ trưởng đơn vị"),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:unit-detail", args=[self.pk])

    def clean(self):
        node, seen = self.parent, {self.pk}
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": _("Đơn vị cấp trên tạo thành vòng lặp.")})
            seen.add(node.pk)
            node = node.parent

    def ancestors(self) -> list["Unit"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class BodyQuerySet(models.QuerySet):
    def for_user(self, user):
        return self if user.is_authenticated else self.none()


class Body(models.Model):
    """One of the four bodies of the agency's emulation life: Party, administration, union, youth."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("tổ chức")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=BodyKind.choices)
    name = models.CharField(_("tên"), max_length=255)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức đoàn thể")
        verbose_name_plural = _("tổ chức đoàn thể")
        ordering = ["organization", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind"], name="body_one_of_each_kind")
        ]

    def __str__(self):
        return self.name


# --- People ---------------------------------------------------------------------

PEOPLE_READERS = (Role.ADMIN, Role.LEADERSHIP, Role.EMULATION_SECRETARIAT, Role.COUNCIL_MEMBER)


class PersonQuerySet(SearchableQuerySet):
    def for_user(self, user):
        """Staff records hold personal data: the emulation side reads all, others only themselves."""
        if not user.is_authenticated:
            return self.none()
        if has_role(user, *PEOPLE_READERS):
            return self
        return self.filter(user=user)

    def active(self):
        return self.filter(is_active=True)


class Person(SearchableModel):
    """A staff member of the agency: the subject of ratings, titles and awards."""

    SEARCH_FIELDS = ("full_name", "code", "position", "email")

    code = models.SlugField(_("mã cán bộ"), max_length=40, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    # Kept by save() from full_name: the order of a Vietnamese staff list (text.name_sort_key).
    sort_name = models.CharField(
        _("khoá sắp xếp theo tên"), max_length=400, blank=True, default="", editable=False
    )
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="members", verbose_name=_("đơn vị")
    )
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    employment_category = models.CharField(
        _("ngạch, loại"), max_length=20, choices=EmploymentCategory.choices
    )
    recruited_on = models.DateField(
        _("ngày tuyển dụng"),
        null=True,
        blank=True,
        help_text=_("Dùng để xét thời gian công tác tối thiểu cho danh hiệu Lao động tiên tiến."),
    )
    memberships = models.ManyToManyField(
        Body, blank=True, related_name="members", verbose_name=_("sinh hoạt tại")
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("tài khoản"),
    )
    is_active = models.BooleanField(_("đang công tác"), default=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[memberships])

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        # By given name, then family and middle names, as Vietnamese lists go. It also
        # spreads a common family name through the list: ordered family name first, every
        # Nguyễn (some 40% of people) sat in one block that a search for them walked to.
        ordering = ["sort_name", "code"]
        # The list page's order: the first page and every keyset page read the index. It
        # carries what the search and the filters test, so the list finds a page's keys in
        # the index alone (PersonListView.keys_first); elsewhere than PostgreSQL, the
        # columns after INCLUDE are left out.
        indexes = [
            models.Index(
                fields=["sort_name", "code"],
                include=["id", "search_text", "gender", "unit", "employment_category", "is_active"],
                name="person_list_order",
            )
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("directory:person-detail", args=[self.pk])

    def kept_values(self) -> dict[str, str]:
        return {**super().kept_values(), "sort_name": name_sort_key(self.full_name)}


# --- Enterprises ----------------------------------------------------------------

ENTERPRISE_EDITORS = (Role.ADMIN, Role.PROGRAMME_OFFICER)


class EnterpriseQuerySet(SearchableQuerySet):
    def for_user(self, user):
        # The enterprise register is shared: partner officers must find an
        # enterprise to record its participation, whoever entered it first.
        return self if user.is_authenticated else self.none()

    def editable_by(self, user):
        if has_role(user, *ENTERPRISE_EDITORS):
            return self
        if has_role(user, Role.PARTNER_OFFICER) and user.organization_id:
            return self.filter(registered_by_id=user.organization_id)
        return self.none()


class Enterprise(SearchableModel):
    """An enterprise that takes part in the programme, known by its tax code (MST).

    The tax code is unique: the same enterprise entered twice is merged, so a
    participation is never counted for two records of one firm.
    """

    SEARCH_FIELDS = ("name", "english_name", "tax_code")

    tax_code = models.CharField(
        _("mã số thuế"),
        max_length=14,
        unique=True,
        help_text=_("10 chữ số, hoặc 10 chữ số + '-' + 3 chữ số với chi nhánh."),
    )
    name = models.CharField(_("tên doanh nghiệp"), max_length=255)
    english_name = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("tỉnh, thành phố"),
        help_text=_("Tỉnh, thành phố khi nhập; báo cáo có thể nhóm theo 34 hoặc 63 tỉnh."),
    )
    sector = models.CharField(_("ngành (VSIC)"), max_length=1, choices=Sector.choices, blank=True)
    size = models.CharField(_("quy mô"), max_length=10, choices=EnterpriseSize.choices, blank=True)
    ownership = models.CharField(
        _("loại hình sở hữu"), max_length=12, choices=Ownership.choices, blank=True
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang web"), blank=True)
    registered_by = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_enterprises",
        verbose_name=_("đơn vị nhập"),
        help_text=_("Tổ chức đã nhập doanh nghiệp vào hệ thống; cán bộ của tổ chức đó được sửa."),
    )

    objects = EnterpriseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doanh nghiệp")
        verbose_name_plural = _("doanh nghiệp")
        ordering = ["name", "tax_code"]
        # The list page's order: the first page and every keyset page read the index.
        indexes = [models.Index(fields=["name", "tax_code"], name="enterprise_list_order")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:enterprise-detail", args=[self.pk])

    def clean(self):
        if self.tax_code:
            try:
                self.tax_code = normalize_tax_code(self.tax_code)
            except TaxCodeError as exc:
                raise ValidationError({"tax_code": str(exc)}) from exc


def can_edit_enterprise(user, enterprise: Enterprise) -> bool:
    return Enterprise.objects.editable_by(user).filter(pk=enterprise.pk).exists()


def can_edit_directory(user) -> bool:
    """Organisations, units and people are maintained by administrators (and the
    emulation secretariat for people)."""
    return sees_everything(user) and has_role(user, Role.ADMIN)
