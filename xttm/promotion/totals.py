"""Totals for any period, line, content type, province (34 or 63), country or lead: read from the summary."""

from decimal import Decimal

from django import forms
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from xttm.directory.choices import ProvinceSystem
from xttm.directory.models import Organization, Province

from .choices import DealKind, Line
from .models import ResultSummary, SupportContent

GROUPS = {
    "year": "year",
    "line": "line",
    "content_type": "content_type__code",
    "lead": "lead__code",
    "country": "country",
    "deal_kind": "deal_kind",
}
MONEY = (
    "budget_requested",
    "budget_approved",
    "budget_disbursed",
    "budget_settled",
    "support_vnd",
    "value_vnd",
    "value_usd",
)
COUNTS = (
    "schemes",
    "schemes_approved",
    "planned_enterprises",
    "planned_deals",
    "participations",
    "deals",
)


class SummaryFilterForm(forms.Form):
    """The filter of the summary page and `/api/v1/promotion/summary/`."""

    year_from = forms.IntegerField(label=_("Từ năm"), required=False)
    year_to = forms.IntegerField(label=_("Đến năm"), required=False)
    line = forms.ChoiceField(
        label=_("Nhóm chương trình"), choices=[("", "—"), *Line.choices], required=False
    )
    content_type = forms.CharField(label=_("Nội dung (mã)"), required=False)
    province_system = forms.ChoiceField(
        label=_("Hệ thống tỉnh"),
        choices=[("2025", _("34 tỉnh mới")), ("2008", _("63 tỉnh cũ"))],
        required=False,
    )
    province = forms.CharField(label=_("Tỉnh (mã hoặc tên)"), required=False)
    country = forms.CharField(label=_("Quốc gia (mã ISO)"), required=False, max_length=2)
    lead = forms.CharField(label=_("Đơn vị chủ trì (mã)"), required=False)
    group_by = forms.ChoiceField(
        label=_("Nhóm theo"),
        required=False,
        choices=[
            ("", "—"),
            ("year", _("Năm")),
            ("line", _("Nhóm chương trình")),
            ("content_type", _("Nội dung")),
            ("province", _("Tỉnh")),
            ("country", _("Quốc gia")),
            ("lead", _("Đơn vị chủ trì")),
        ],
    )

    def clean_province_system(self):
        return self.cleaned_data.get("province_system") or ProvinceSystem.NEW_34

    def clean(self):
        data = super().clean()
        system = data.get("province_system") or ProvinceSystem.NEW_34
        text = (data.get("province") or "").strip()
        if text:
            found = (
                Province.objects.filter(system=system)
                .filter(Q(code=text.zfill(2)) | Q(name__iexact=text))
                .first()
            )
            if found is None:
                self.add_error("province", _("Không tìm thấy tỉnh “{value}”.").format(value=text))
            data["province_obj"] = found
        return data


def totals(user, params) -> dict:
    """{"filters": …, "total": {...}, "groups": [...]} for a user and a (GET-like) parameter dict."""
    form = SummaryFilterForm(params)
    if not form.is_valid():
        return {"errors": {k: [str(e) for e in v] for k, v in form.errors.items()}}
    data = form.cleaned_data
    qs = ResultSummary.objects.for_user(user)
    if data.get("year_from"):
        qs = qs.filter(year__gte=data["year_from"])
    if data.get("year_to"):
        qs = qs.filter(year__lte=data["year_to"])
    if data.get("line"):
        qs = qs.filter(line=data["line"])
    if data.get("content_type"):
        qs = qs.filter(content_type__code=data["content_type"])
    if data.get("country"):
        qs = qs.filter(country=data["country"].upper())
    if data.get("lead"):
        lead = data["lead"]
        qs = qs.filter(lead_id=int(lead)) if lead.isdigit() else qs.filter(lead__code=lead)
    old = data["province_system"] == ProvinceSystem.OLD_63
    province_field = "province_old" if old else "province_new"
    if data.get("province_obj") is not None:
        qs = qs.filter(**{province_field: data["province_obj"]})
    result = {"filters": {k: v for k, v in params.items() if v}, "total": _aggregate(qs)}
    group = data.get("group_by")
    if group:
        field = f"{province_field}__name" if group == "province" else GROUPS[group]
        rows = []
        for value in qs.values_list(field, flat=True).distinct().order_by(field):
            row = _aggregate(
                qs.filter(**{field: value} if value is not None else {f"{field}__isnull": True})
            )
            row[group] = value if value is not None else ""
            rows.append(row)
        result["group_by"] = group
        result["groups"] = rows
    return result


def _aggregate(qs) -> dict:
    # Aliases must not shadow the fields they sum, hence the "t_" prefix.
    sums = {f"t_{name}": Sum(name) for name in (*COUNTS, *MONEY)}
    for kind in DealKind.values:
        sums[f"t_{kind}_count"] = Sum("deals", filter=Q(deal_kind=kind))
        sums[f"t_{kind}_value_usd"] = Sum("value_usd", filter=Q(deal_kind=kind))
        sums[f"t_{kind}_value_vnd"] = Sum("value_vnd", filter=Q(deal_kind=kind))
    values = qs.aggregate(**sums)
    out = {}
    for alias, value in values.items():
        name = alias[2:]
        value = value or 0
        if name in COUNTS or name.endswith("_count"):
            out[name] = int(value)
        elif name.endswith("usd"):
            out[name] = f"{Decimal(value):.2f}"
        else:
            out[name] = str(int(value))
    return out


def labels() -> dict:
    return {
        "content_type": dict(SupportContent.objects.values_list("code", "name")),
        "lead": dict(Organization.objects.values_list("code", "name")),
        "line": dict(Line.choices),
    }
