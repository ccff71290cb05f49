"""Base FilterSet: a diacritic-insensitive `q` search shared by pages, API and exports."""

import django_filters
from django.utils.translation import gettext_lazy as _


class SearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Tìm kiếm"))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
