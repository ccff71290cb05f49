"""One django-tables2 table per list page of the programme: its columns and its export."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from xttm.core import tables as _fast_columns  # noqa: F401 - registers FastDateColumn first
from xttm.core.tables import CountryNameColumn, localize_decimal

from . import services
from .models import (
    Activity,
    BrandApplicant,
    BrandProduct,
    Deal,
    ExchangeRate,
    Facility,
    NetworkStaffing,
    Notification,
    Participation,
    Scheme,
)


class SchemeTable(tables.Table):
    code = tables.Column(linkify=True)
    place = tables.Column(verbose_name=_("Địa điểm"), orderable=False, empty_values=())

    class Meta:
        model = Scheme
        fields = (
            "code",
            "year",
            "title",
            "line",
            "content_type",
            "lead",
            "place",
            "support_requested",
            "support_approved",
            "status",
        )


class ActivityTable(tables.Table):
    name = tables.Column(linkify=True)
    place = tables.Column(verbose_name=_("Địa điểm"), orderable=False, empty_values=())

    class Meta:
        model = Activity
        fields = (
            "code",
            "name",
            "kind",
            "scheme",
            "start_date",
            "end_date",
            "place",
            "booths",
            "visitors",
            "tags",
        )


class ParticipationTable(tables.Table):
    tax_code = tables.Column(accessor="enterprise__tax_code", verbose_name=_("Mã số thuế"))

    class Meta:
        model = Participation
        fields = ("activity", "tax_code", "enterprise", "booths", "support_vnd")


class DealTable(tables.Table):
    # The country's name, not get_counterpart_country_display(), which flattens
    # django-countries' ~250 translated choices for every row (1 ms a cell).
    counterpart_country = CountryNameColumn(
        accessor="counterpart_country__code",
        order_by="counterpart_country",
        verbose_name=capfirst(Deal._meta.get_field("counterpart_country").verbose_name),
    )

    class Meta:
        model = Deal
        fields = (
            "code",
            "kind",
            "signed_on",
            "enterprise",
            "activity",
            "value",
            "currency",
            "rate_to_vnd",
            "rate_date",
            "rate_is_fallback",
            "value_vnd",
            "value_usd",
            "counterpart_country",
            "product_group",
        )

    # On screen a deal is read by its value; the rate, its date and whether it was the
    # nearest earlier day's are for checking a conversion, which officials do in the
    # export (it keeps all three columns: as_values() reads hidden columns too). The VND
    # value carries the fallback mark, as on an activity's page. Three columns fewer
    # on a 25-row page is also a quarter of the list's cells and sort links.
    ONLY_IN_EXPORT = ("rate_to_vnd", "rate_date", "rate_is_fallback")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.ONLY_IN_EXPORT:
            self.columns.hide(name)

    def render_value_vnd(self, value, record):
        text = localize_decimal(value)
        if record.rate_is_fallback:
            return format_html(
                '{} <span class="badge text-bg-warning" title="{}">*</span>',
                text,
                _("Dùng tỷ giá ngày gần nhất trước đó"),
            )
        return text


class ExchangeRateTable(tables.Table):
    class Meta:
        model = ExchangeRate
        fields = ("date", "currency", "rate_to_vnd")


class NotificationTable(tables.Table):
    text = tables.TemplateColumn(
        '<a href="{% url "promotion:notification-open" record.pk %}">{{ record.text }}</a>',
        verbose_name=_("Nội dung"),
    )

    class Meta:
        model = Notification
        fields = ("created_at", "text", "read_at")


class EditableTable(tables.Table):
    """A table whose rows link to their edit page, for the rows the viewer may change."""

    edit = tables.Column(
        verbose_name="", empty_values=(), orderable=False, exclude_from_export=True
    )
    update_url_name = ""

    def __init__(self, *args, request=None, **kwargs):
        self.user = getattr(request, "user", None)
        super().__init__(*args, request=request, **kwargs)

    def may_edit(self, record) -> bool:
        return services.may_edit_network(self.user)

    def render_edit(self, record):
        if not self.may_edit(record):
            return ""
        return format_html(
            '<a href="{}">{}</a>', reverse(self.update_url_name, args=[record.pk]), _("Sửa")
        )


class BrandApplicantTable(EditableTable):
    total_score = tables.Column(
        verbose_name=_("Tổng điểm (/1.000)"), orderable=False, empty_values=()
    )
    update_url_name = "promotion:brandapplicant-update"

    class Meta:
        model = BrandApplicant
        fields = (
            "cycle",
            "enterprise",
            "score_quality",
            "score_innovation",
            "score_pioneering",
            "total_score",
            "result",
        )


class BrandProductTable(EditableTable):
    cycle = tables.Column(accessor="applicant__cycle", verbose_name=_("Kỳ"))
    enterprise = tables.Column(accessor="applicant__enterprise", verbose_name=_("Doanh nghiệp"))
    update_url_name = "promotion:brandproduct-update"

    class Meta:
        model = BrandProduct
        fields = ("cycle", "enterprise", "name", "recognised")


class FacilityTable(EditableTable):
    update_url_name = "promotion:facility-update"

    class Meta:
        model = Facility
        fields = ("province", "kind", "name")


class NetworkStaffingTable(EditableTable):
    update_url_name = "promotion:staffing-update"

    class Meta:
        model = NetworkStaffing
        fields = ("organization", "year", "headcount", "trained")

    def may_edit(self, record) -> bool:
        return services.may_edit_staffing(self.user, record.organization_id)
