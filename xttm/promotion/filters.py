"""One FilterSet per model of the programme: the list page, its export and the API share them."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xttm.core.filters import ChosenOnlySelect, FilterSet, SearchFilterSet
from xttm.directory.filters import CurrentProvinceFilter, current_provinces
from xttm.directory.models import Organization

from .choices import ActivityKind, DealKind, Line, SchemeStatus
from .models import (
    Activity,
    BrandApplicant,
    BrandProduct,
    BudgetLine,
    ContentRate,
    Deal,
    ExchangeRate,
    Facility,
    NetworkStaffing,
    Notification,
    Participation,
    ProgrammeYear,
    Scheme,
    SchemeEvent,
    SupportContent,
)


def leads(request=None):
    # A drop-down needs the key and the label (`Organization.__str__`): not the address,
    # the search text and the rest, on every list request.
    return Organization.objects.leads().only("pk", "name", "short_name")


def visible_schemes(request=None):
    # Drop-downs list only what the user may see: a choice label would leak a title otherwise.
    user = getattr(request, "user", None)
    return Scheme.objects.for_user(user) if user is not None else Scheme.objects.none()


def visible_activities(request=None):
    user = getattr(request, "user", None)
    return Activity.objects.for_user(user) if user is not None else Activity.objects.none()


class SchemeFilterSet(SearchFilterSet):
    year = django_filters.NumberFilter(
        label=_("Năm"), min_value=1, max_value=9999, decimal_places=0
    )
    line = django_filters.ChoiceFilter(choices=Line.choices, label=_("Nhóm chương trình"))
    content_type = django_filters.ModelChoiceFilter(
        queryset=SupportContent.objects.all(), label=_("Nội dung")
    )
    lead = django_filters.ModelChoiceFilter(queryset=leads, label=_("Đơn vị chủ trì"))
    status = django_filters.ChoiceFilter(choices=SchemeStatus.choices, label=_("Trạng thái"))
    province = CurrentProvinceFilter(queryset=current_provinces, label=_("Tỉnh, thành phố"))

    class Meta:
        model = Scheme
        fields = ["year", "line", "content_type", "lead", "status", "province", "country"]


class ActivityFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Loại"))
    year = django_filters.NumberFilter(
        field_name="start_date__year", label=_("Năm"), min_value=1, max_value=9999, decimal_places=0
    )
    line = django_filters.ChoiceFilter(
        field_name="scheme__line", choices=Line.choices, label=_("Nhóm chương trình")
    )
    lead = django_filters.ModelChoiceFilter(
        field_name="scheme__lead", queryset=leads, label=_("Đơn vị chủ trì")
    )
    province = CurrentProvinceFilter(queryset=current_provinces, label=_("Tỉnh, thành phố"))
    tags = django_filters.CharFilter(lookup_expr="icontains", label=_("Nhãn"))
    scheme = django_filters.ModelChoiceFilter(queryset=visible_schemes, label=_("Đề án"))

    class Meta:
        model = Activity
        fields = ["kind", "year", "line", "lead", "province", "country", "scheme", "tags"]


class ParticipationFilterSet(FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Tìm kiếm"))
    year = django_filters.NumberFilter(
        field_name="activity__start_date__year",
        label=_("Năm"),
        min_value=1,
        max_value=9999,
        decimal_places=0,
    )
    lead = django_filters.ModelChoiceFilter(
        field_name="activity__scheme__lead", queryset=leads, label=_("Đơn vị chủ trì")
    )
    activity = django_filters.ModelChoiceFilter(
        queryset=visible_activities, label=_("Hoạt động"), widget=ChosenOnlySelect
    )
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", widget=forms.HiddenInput)

    class Meta:
        model = Participation
        fields = ["activity", "enterprise", "year", "lead"]

    def filter_search(self, queryset, name, value):
        from xttm.core.text import fold

        words = fold(value).split()
        for word in words:
            queryset = queryset.filter(
                Q(enterprise__search_text__contains=word) | Q(activity__search_text__contains=word)
            )
        return queryset


class DealFilterSet(FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Tìm kiếm"))
    kind = django_filters.ChoiceFilter(choices=DealKind.choices, label=_("Loại"))
    year = django_filters.NumberFilter(
        field_name="signed_on__year", label=_("Năm"), min_value=1, max_value=9999, decimal_places=0
    )
    currency = django_filters.CharFilter(label=_("Loại tiền"))
    lead = django_filters.ModelChoiceFilter(
        field_name="activity__scheme__lead", queryset=leads, label=_("Đơn vị chủ trì")
    )
    activity = django_filters.ModelChoiceFilter(
        queryset=visible_activities, label=_("Hoạt động"), widget=ChosenOnlySelect
    )

    class Meta:
        model = Deal
        fields = ["kind", "year", "currency", "counterpart_country", "activity", "lead"]

    def filter_search(self, queryset, name, value):
        from xttm.core.text import fold

        for word in fold(value).split():
            queryset = queryset.filter(
                Q(enterprise__search_text__contains=word) | Q(code__icontains=word)
            )
        return queryset


class ExchangeRateFilterSet(FilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Từ ngày"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Đến ngày"))

    class Meta:
        model = ExchangeRate
        fields = ["currency", "date_from", "date_to"]


class ProgrammeYearFilterSet(FilterSet):
    class Meta:
        model = ProgrammeYear
        fields = ["year"]


class ContentRateFilterSet(FilterSet):
    class Meta:
        model = ContentRate
        fields = ["content"]


class SupportContentFilterSet(FilterSet):
    class Meta:
        model = SupportContent
        fields = ["line"]


class BudgetLineFilterSet(FilterSet):
    scheme = django_filters.ModelChoiceFilter(queryset=visible_schemes, label=_("Đề án"))

    class Meta:
        model = BudgetLine
        fields = ["scheme", "year"]


class SchemeEventFilterSet(FilterSet):
    scheme = django_filters.ModelChoiceFilter(queryset=visible_schemes, label=_("Đề án"))

    class Meta:
        model = SchemeEvent
        fields = ["scheme", "to_status"]


class NotificationFilterSet(FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("Chưa đọc")
    )

    class Meta:
        model = Notification
        fields = ["unread"]


class BrandApplicantFilterSet(FilterSet):
    class Meta:
        model = BrandApplicant
        fields = ["cycle", "result"]


class BrandProductFilterSet(FilterSet):
    cycle = django_filters.NumberFilter(
        field_name="applicant__cycle__year", label=_("Năm xét chọn")
    )

    class Meta:
        model = BrandProduct
        fields = ["cycle", "recognised"]


class FacilityFilterSet(FilterSet):
    province = CurrentProvinceFilter(queryset=current_provinces, label=_("Tỉnh, thành phố"))

    class Meta:
        model = Facility
        fields = ["province", "kind"]


class NetworkStaffingFilterSet(FilterSet):
    class Meta:
        model = NetworkStaffing
        fields = ["organization", "year"]
