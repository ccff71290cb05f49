"""The dashboard filter: period, line, content type, province (34 or 63), lead organisation, market.

The same form reads the URL of the dashboard, its xlsx export, its reports
and the API, so a shared link means the same figures everywhere. A partner
officer's `lead` is forced to their own organisation whatever the URL says.
"""

import datetime
import functools
from dataclasses import dataclass

from django import forms
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from xttm.accounts.roles import Role, has_role
from xttm.directory.choices import ProvinceSystem
from xttm.directory.models import Organization, Province
from xttm.promotion.choices import Line
from xttm.promotion.models import SupportContent
from xttm.promotion.models.scope import READ_ALL

NEW, OLD = ProvinceSystem.NEW_34.value, ProvinceSystem.OLD_63.value
FIRST_YEAR = 2006


@dataclass(frozen=True)
class Filters:
    """What the figures are narrowed to; `lead_forced` is set for a partner officer."""

    year_from: int
    year_to: int
    system: str = NEW
    line: str = ""
    content_type: str = ""
    province: int | None = None
    lead: int | None = None
    country: str = ""
    lead_forced: bool = False

    @property
    def province_field(self) -> str:
        return "province_old_id" if self.system == OLD else "province_new_id"

    def query(self) -> dict:
        """The URL parameters that reproduce these filters (what the export links carry)."""
        out = {"year_from": self.year_from, "year_to": self.year_to, "system": self.system}
        for name in ("line", "content_type", "province", "lead", "country"):
            value = getattr(self, name)
            if value not in ("", None):
                out[name] = value
        return out

    @property
    def period_label(self) -> str:
        if self.year_from == self.year_to:
            return _("Năm {year}").format(year=self.year_from)
        return _("Giai đoạn {start}–{end}").format(start=self.year_from, end=self.year_to)


def this_year() -> int:
    return timezone.localdate().year


@functools.lru_cache(maxsize=16)
def foreign_countries(language: str) -> tuple[tuple[str, str], ...]:
    """Every country but Vietnam, named and sorted in the language (~250: built once per language)."""
    with translation.override(language):
        return tuple((code, str(name)) for code, name in countries if code != "VN")


class DashboardFilterForm(forms.Form):
    year_from = forms.IntegerField(label=_("Từ năm"), required=False, min_value=FIRST_YEAR)
    year_to = forms.IntegerField(label=_("Đến năm"), required=False, min_value=FIRST_YEAR)
    system = forms.ChoiceField(
        label=_("Bản đồ tỉnh"),
        required=False,
        choices=[
            (NEW, _("34 tỉnh, thành phố (từ 01/7/2025)")),
            (OLD, _("63 tỉnh, thành phố (trước 01/7/2025)")),
        ],
    )
    line = forms.ChoiceField(
        label=_("Nhóm chương trình"), required=False, choices=[("", _("Tất cả")), *Line.choices]
    )
    content_type = forms.ChoiceField(label=_("Nội dung hỗ trợ"), required=False)
    province = forms.TypedChoiceField(
        label=_("Tỉnh, thành phố"), required=False, coerce=int, empty_value=None
    )
    lead = forms.TypedChoiceField(
        label=_("Đơn vị chủ trì"), required=False, coerce=int, empty_value=None
    )
    country = forms.ChoiceField(label=_("Thị trường"), required=False)

    def __init__(self, data, *, user):
        data = data.copy() if data is not None else {}
        super().__init__(data)
        self.user = user
        self.forced_lead = None
        if not has_role(user, *READ_ALL):
            # Partner officers see their own organisation's schemes, nothing else.
            self.forced_lead = getattr(user, "organization_id", None) or -1
        contents = list(
            SupportContent.objects.order_by("line", "code").values_list("pk", "code", "name")
        )
        # What the figures name their rows with: the same rows, not asked for twice.
        self.names = {"content": {pk: (code, name) for pk, code, name in contents}}
        self.fields["content_type"].choices = [
            ("", _("Tất cả")),
            *[(code, name) for _pk, code, name in contents],
        ]
        system = data.get("system") or NEW
        self.fields["province"].choices = [
            ("", _("Tất cả")),
            *Province.objects.filter(system=system if system in (NEW, OLD) else NEW)
            .order_by("name")
            .values_list("pk", "name"),
        ]
        leads = Organization.objects.order_by("name")
        if self.forced_lead is not None:
            leads = leads.filter(pk=self.forced_lead)
        leads = list(leads.values_list("pk", "name"))
        # Every lead the user's figures can show (a partner officer's rows are their own).
        self.names["lead"] = dict(leads)
        self.fields["lead"].choices = [("", _("Tất cả")), *leads]
        self.fields["country"].choices = [
            ("", _("Tất cả")),
            ("VN", _("Trong nước")),
            *foreign_countries(get_language()),
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            self.add_error("year_to", _("Năm kết thúc phải từ năm bắt đầu trở đi."))
        return data

    def filters(self) -> Filters:
        """The filters to apply: the valid fields, defaults for the rest (this year, new provinces)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if self.is_bound and not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        year = this_year()
        start = data.get("year_from") or data.get("year_to") or year
        end = data.get("year_to") or (data.get("year_from") and max(start, year)) or year
        if start > end:
            start, end = end, start
        lead = data.get("lead")
        if self.forced_lead is not None:
            lead = self.forced_lead
        return Filters(
            year_from=start,
            year_to=end,
            system=data.get("system") or NEW,
            line=data.get("line") or "",
            content_type=data.get("content_type") or "",
            province=data.get("province"),
            lead=lead,
            country=data.get("country") or "",
            lead_forced=self.forced_lead is not None,
        )


def filters_for(user, params) -> tuple[DashboardFilterForm, Filters]:
    form = DashboardFilterForm(params, user=user)
    return form, form.filters()


def default_period(today: datetime.date | None = None) -> tuple[int, int]:
    year = (today or timezone.localdate()).year
    return year, year


def may_see_programme(user) -> bool:
    return has_role(user, *READ_ALL, Role.PARTNER_OFFICER)


def may_see_emulation(user) -> bool:
    return has_role(
        user, Role.ADMIN, Role.LEADERSHIP, Role.EMULATION_SECRETARIAT, Role.COUNCIL_MEMBER
    )
