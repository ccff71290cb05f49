"""Regimes as data: which predicates and which dated thresholds apply to which achievement years.

A regime is chosen by the year being judged. Every threshold is a setting
with an effective date, so an edited value (kept in the database later) is one
more `DatedSetting`, and a third regime is one more `Regime(...)` that reuses
these predicates and swaps in a small new one where the law changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from . import predicates as p
from .facts import PERSON_CODES, UNIT_CODES

Rule = Callable[[Any], Any]  # (PersonContext | UnitContext) -> Outcome


@dataclass(frozen=True)
class DatedSetting:
    """One threshold: its value from `effective_from` (None: since the regime began)."""

    name: str
    value: Any
    effective_from: date | None = None
    source: str = ""


@dataclass(frozen=True)
class Quota:
    """A cap on a title within each unit: at most `percent_setting`% of the unit's `base_code` holders.

    Candidates are ordered by rating, then the widest initiative scope, then id;
    a setting of None switches the quota off.
    """

    code: str
    base_code: str
    percent_setting: str


@dataclass(frozen=True)
class Regime:
    """A set of rules in force for achievement years `first_year`..`last_year` (None: open)."""

    name: str
    first_year: int | None
    last_year: int | None
    settings: tuple[DatedSetting, ...]
    rules: Mapping[str, Rule] = field(default_factory=dict)
    quotas: tuple[Quota, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "settings", tuple(self.settings))
        object.__setattr__(self, "rules", MappingProxyType(dict(self.rules)))
        object.__setattr__(self, "quotas", tuple(self.quotas))
        lacking = [code for code in (*PERSON_CODES, *UNIT_CODES) if code not in self.rules]
        if lacking:
            raise ValueError(f"regime {self.name} has no rule for {', '.join(lacking)}")
        names = self.setting_names()
        for quota in self.quotas:
            if quota.percent_setting not in names:
                raise ValueError(f"regime {self.name}: quota setting {quota.percent_setting} unset")

    def covers(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )

    def setting_names(self) -> frozenset[str]:
        return frozenset(setting.name for setting in self.settings)

    def settings_for(
        self, year: int, overrides: Mapping[str, Any] | None = None
    ) -> Mapping[str, Any]:
        """Each setting's value in force on 31 December of `year`, then `overrides` on top.

        Year end, because that is when the year's titles are judged. Unknown
        override names are refused: a typo must not silently keep the default.
        """
        as_of = date(year, 12, 31)
        values: dict[str, Any] = {}
        for name in sorted(self.setting_names()):
            entries = [
                setting
                for setting in self.settings
                if setting.name == name
                and (setting.effective_from is None or setting.effective_from <= as_of)
            ]
            if not entries:
                raise ValueError(f"regime {self.name}: no value of {name} in force in {year}")
            values[name] = max(entries, key=lambda s: s.effective_from or date.min).value
        for name, value in (overrides or {}).items():
            if name not in values:
                raise ValueError(f"regime {self.name} has no setting {name!r}")
            values[name] = _coerce(name, values[name], value)
        return MappingProxyType(values)

    def with_settings(self, *extra: DatedSetting) -> Regime:
        """The same regime with more dated values (say, edited by the secretariat)."""
        return replace(self, settings=(*self.settings, *extra))


def _coerce(name: str, default: Any, value: Any) -> Any:
    numbers = (int, Decimal, Fraction, float)
    if isinstance(default, tuple):
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise ValueError(f"setting {name} must be a list, not {value!r}")
        return tuple(value)
    if default is None or isinstance(default, numbers):
        if value is None and default is None:
            return None
        if isinstance(value, bool) or not isinstance(value, numbers):
            raise ValueError(f"setting {name} must be a number, not {value!r}")
        return value
    if not isinstance(value, type(default)):
        raise ValueError(f"setting {name} must be a {type(default).__name__}, not {value!r}")
    return value


def dated(values: Mapping[str, Any], effective_from: date | None, sources: Mapping[str, str]):
    return tuple(
        DatedSetting(name, value, effective_from, sources.get(name, ""))
        for name, value in values.items()
    )


# Defaults common to both regimes; `sources` says where each comes from, or
# that the ministry sets it (emulation.md marks those *setting*).
BASE_SETTINGS: dict[str, Any] = {
    "ldtt_min_rating": "HTTNV",
    "ldtt_min_months": 6,
    "ldtt_discipline_from_level": "reprimand",
    "counted_leave_kinds": ("maternity", "injury", "training"),
    "training_counted_below_months": 12,
    "cstdcs_min_scope": "unit",
    "cstdcs_quota_percent": None,
    "cstd_bo_years": 3,
    "cstd_bo_min_scope": "ministry",
    "cstd_tq_min_scope": "national",
    "bk_bo_years": 2,
    "bk_bo_initiatives": 2,
    "bk_bo_min_scope": "unit",
    "prerequisite_award_kinds": ("periodic",),
    "bk_ttg_years": 5,
    "bk_ttg_min_rating": "HTTNV",
    "bk_ttg_cstdcs_years": 3,
    "bk_ttg_initiatives": 0,
    "bk_ttg_min_scope": "unit",
    "hcld3_years": 5,
    "hcld3_min_rating": "HTTNV",
    "hcld3_cstdcs_years": 3,
    "hcld3_htxsnv_years": 1,
    "ttldtt_min_rating": "HTTNV",
    "ttldtt_ldtt_percent": 70,
    "ttldxs_min_rating": "HTXSNV",
    "ttldxs_complete_percent": 100,
    "ttldxs_complete_min_rating": "HTNV",
    "ttldxs_ldtt_percent": 70,
    "ttldxs_min_cstdcs": 1,
    "collective_discipline_from_level": "warning",
}

LAW2022_SOURCES = {
    "ldtt_min_rating": "Luật 06/2022/QH15 Điều 24",
    "ldtt_min_months": "Thông tư 01/2024/TT-BNV Điều 1.5",
    "ldtt_discipline_from_level": "Luật 06/2022/QH15 Điều 24; Nghị định 98/2023 Điều 4",
    "counted_leave_kinds": "Nghị định 98/2023/NĐ-CP Điều 4",
    "training_counted_below_months": "Nghị định 98/2023/NĐ-CP Điều 4",
    "cstdcs_min_scope": "Luật 06/2022/QH15 Điều 23",
    "cstdcs_quota_percent": "Luật 06/2022/QH15 Điều 23 (không giới hạn tỷ lệ)",
    "cstd_bo_years": "Luật 06/2022/QH15 Điều 22",
    "cstd_bo_min_scope": "Luật 06/2022/QH15 Điều 22",
    "cstd_tq_min_scope": "Luật 06/2022/QH15 Điều 21",
    "bk_bo_years": "Luật 06/2022/QH15 Điều 74.1.d",
    "bk_bo_initiatives": "Luật 06/2022/QH15 Điều 74.1.d; trả lời của Bộ Nội vụ",
    "prerequisite_award_kinds": "Nghị định 98/2023/NĐ-CP Điều 4",
    "bk_ttg_years": "Luật 06/2022/QH15 Điều 73.1.b",
    "bk_ttg_min_rating": "Luật 06/2022/QH15 Điều 73.1.b",
    "bk_ttg_cstdcs_years": "Luật 06/2022/QH15 Điều 73.1.b",
    "hcld3_years": "Luật 06/2022/QH15 Điều 44.1.e",
    "hcld3_cstdcs_years": "Luật 06/2022/QH15 Điều 44.1.e",
    "hcld3_htxsnv_years": "Luật 06/2022/QH15 Điều 44.1.e",
    "ttldtt_ldtt_percent": "do Bộ quy định (mặc định)",
    "ttldxs_ldtt_percent": "do Bộ quy định (mặc định)",
    "collective_discipline_from_level": "do Bộ quy định (mặc định)",
}

LAW2013_SOURCES = {
    **dict.fromkeys(
        LAW2022_SOURCES, "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013); Nghị định 91/2017"
    ),
    "ttldtt_ldtt_percent": "do Bộ quy định (mặc định)",
    "ttldxs_ldtt_percent": "do Bộ quy định (mặc định)",
    "collective_discipline_from_level": "do Bộ quy định (mặc định)",
    "ldtt_min_months": "Nghị định 91/2017/NĐ-CP Điều 10",
    "ldtt_discipline_from_level": "Nghị định 91/2017/NĐ-CP Điều 10",
    "counted_leave_kinds": "Nghị định 91/2017/NĐ-CP Điều 10",
    "cstdcs_quota_percent": "Nghị định 91/2017/NĐ-CP Điều 9.3",
    "bk_ttg_years": "Nghị định 91/2017/NĐ-CP Điều 38",
    "bk_ttg_min_rating": "Nghị định 91/2017/NĐ-CP Điều 38",
    "bk_ttg_cstdcs_years": "Nghị định 91/2017/NĐ-CP Điều 38 (không đòi hỏi)",
    "bk_ttg_initiatives": "Nghị định 91/2017/NĐ-CP Điều 38",
}

PERSON_RULES: dict[str, Rule] = {
    "LDTT": p.ldtt,
    "CSTDCS": p.cstdcs_rating_or_initiative,
    "CSTD_BO": p.cstd_bo,
    "CSTD_TQ": p.cstd_tq,
    "BK_BO": p.bk_bo,
    "BK_TTG": p.bk_ttg,
    "HCLD_3": p.hcld_3,
}
UNIT_RULES: dict[str, Rule] = {"TTLDTT": p.ttldtt, "TTLDXS": p.ttldxs, "CO_TD_BO": p.co_td_bo}

LAW2013 = Regime(
    name="law2013",
    first_year=None,
    last_year=2023,
    settings=dated(
        {
            **BASE_SETTINGS,
            "ldtt_min_months": 10,
            "cstdcs_quota_percent": 15,
            "bk_ttg_min_rating": "HTXSNV",
            "bk_ttg_cstdcs_years": 0,
            "bk_ttg_initiatives": 5,
        },
        None,
        LAW2013_SOURCES,
    ),
    rules={**PERSON_RULES, "CSTDCS": p.cstdcs_initiative_required, **UNIT_RULES},
    quotas=(Quota("CSTDCS", "LDTT", "cstdcs_quota_percent"),),
)

LAW2022 = Regime(
    name="law2022",
    first_year=2024,
    last_year=None,
    # Law 06/2022/QH15 took effect on 1 January 2024.
    settings=dated(BASE_SETTINGS, date(2024, 1, 1), LAW2022_SOURCES),
    rules={**PERSON_RULES, **UNIT_RULES},
    quotas=(Quota("CSTDCS", "LDTT", "cstdcs_quota_percent"),),
)

REGIMES: tuple[Regime, ...] = (LAW2013, LAW2022)


def regime_for(year: int, regimes: Iterable[Regime] = REGIMES) -> Regime:
    """The one regime covering the achievement year (ValueError if none or several)."""
    matching = [regime for regime in regimes if regime.covers(year)]
    if len(matching) != 1:
        names = ", ".join(regime.name for regime in matching) or "none"
        raise ValueError(f"{len(matching)} regimes cover {year} ({names}); exactly one must")
    return matching[0]
