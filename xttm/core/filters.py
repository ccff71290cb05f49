"""Base FilterSet: a diacritic-insensitive `q` search shared by pages, API and exports."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class SearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Tìm kiếm"))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class ChosenOnlySelect(forms.Select):
    """A filter's drop-down that lists only the chosen row, not the whole table.

    For filters over tens of thousands of rows (activities): listing them all
    cost seconds and megabytes on every list page and helped nobody choose.
    The value arrives from links (an activity's page links to its deals); the
    drop-down shows it, so the filter stays visible and can be cleared.
    """

    def optgroups(self, name, value, attrs=None):
        every = self.choices
        queryset = getattr(every, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)
        chosen = [v for v in value if str(v).isdigit()]
        rows = list(queryset.filter(pk__in=chosen)) if chosen else []
        self.choices = [("", every.field.empty_label or "")] + [every.choice(r) for r in rows]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every
