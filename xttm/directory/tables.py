"""One django-tables2 table per directory model: the columns of the list page and its export."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from xttm.core import tables as _fast_columns  # noqa: F401 - registers FastDateColumn first

from .models import Enterprise, Organization, Person, Province, Unit


class OrganizationTable(tables.Table):
    name = tables.Column(linkify=True)
    province = tables.Column(verbose_name=_("Tỉnh, thành phố"))

    class Meta:
        model = Organization
        fields = ("name", "short_name", "kind", "province", "phone", "email", "is_active")
        order_by = ("kind", "name")


class UnitTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Unit
        fields = ("name", "code", "parent", "head", "organization")


class PersonTable(tables.Table):
    # Sorting by the name column gives the list's own order: by given name (Person.sort_name).
    full_name = tables.Column(linkify=True, order_by=("sort_name", "code"))

    class Meta:
        model = Person
        fields = (
            "code",
            "full_name",
            "gender",
            "date_of_birth",
            "unit",
            "position",
            "employment_category",
            "recruited_on",
        )


class EnterpriseTable(tables.Table):
    name = tables.Column(linkify=True)
    tax_code = tables.Column(attrs={"td": {"class": "font-monospace text-nowrap"}})

    class Meta:
        model = Enterprise
        fields = ("tax_code", "name", "province", "sector", "size", "ownership")


class ProvinceTable(tables.Table):
    successor = tables.Column(verbose_name=_("Sáp nhập vào"))

    class Meta:
        model = Province
        fields = (
            "system",
            "code",
            "name",
            "full_name",
            "kind",
            "successor",
            "latitude",
            "longitude",
        )
        orderable = True
