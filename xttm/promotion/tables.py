"""One django-tables2 table per list page of the programme: its columns and its export."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Activity, Deal, ExchangeRate, Notification, Participation, Scheme


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
