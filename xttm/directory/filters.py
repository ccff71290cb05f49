"""One FilterSet per directory model: the list page, its xlsx export and the API share them."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xttm.core.filters import SearchFilterSet, SearchSelect

from .choices import (
    EmploymentCategory,
    EnterpriseSize,
    Gender,
    OrganizationKind,
    Ownership,
    ProvinceSystem,
    Sector,
)
from .models import Enterprise, Organization, Person, Province, Unit


def current_provinces(request=None):
    return Province.objects.current()


def visible_units(request=None):
    # The drop-down and its search offer only the units the user may see.
    user = getattr(request, "user", None)
    return Unit.objects.for_user(user) if user is not None else Unit.objects.none()


class ProvinceFilterSet(SearchFilterSet):
    system = django_filters.ChoiceFilter(choices=ProvinceSystem.choices, label=_("Hệ thống"))

    class Meta:
        model = Province
        fields = ["system", "kind"]


class CurrentProvinceFilter(django_filters.ModelChoiceFilter):
    """Filter by a province in force; records entered under an old province match too."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(
            Q(**{self.field_name: value}) | Q(**{f"{self.field_name}__successor": value})
        )


class OrganizationFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, label=_("Loại"))
    province = CurrentProvinceFilter(queryset=current_provinces, label=_("Tỉnh, thành phố"))

    class Meta:
        model = Organization
        fields = ["kind", "province", "is_active"]


class UnitFilterSet(SearchFilterSet):
    class Meta:
        model = Unit
        fields = ["organization", "parent", "is_active"]


class PersonFilterSet(SearchFilterSet):
    # A real agency has ~30 units: a plain drop-down. The national data has 2,000: the
    # drop-down then holds the chosen unit and the units found by the box above it
    # (SearchSelect says why). ?unit=<id> links, the export and the API work as before.
    unit = django_filters.ModelChoiceFilter(
        queryset=visible_units,
        label=_("Đơn vị"),
        widget=SearchSelect(
            search_url="directory:unit-search",
            search_label=_("Tìm đơn vị theo tên hoặc mã"),
            placeholder=_("Gõ tên đơn vị để tìm…"),
        ),
    )
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label=_("Giới tính"))
    employment_category = django_filters.ChoiceFilter(
        choices=EmploymentCategory.choices, label=_("Ngạch, loại")
    )

    class Meta:
        model = Person
        fields = ["unit", "gender", "employment_category", "is_active"]


class EnterpriseFilterSet(SearchFilterSet):
    province = CurrentProvinceFilter(queryset=current_provinces, label=_("Tỉnh, thành phố"))
    sector = django_filters.ChoiceFilter(choices=Sector.choices, label=_("Ngành"))
    size = django_filters.ChoiceFilter(choices=EnterpriseSize.choices, label=_("Quy mô"))
    ownership = django_filters.ChoiceFilter(choices=Ownership.choices, label=_("Sở hữu"))

    class Meta:
        model = Enterprise
        fields = ["province", "sector", "size", "ownership"]
