"""The programme dashboard's figures, read from promotion's summary table in a fixed number of queries.

Every grouping is one GROUP BY over `ResultSummary` (tens of thousands of
rows at national scale, against millions of deals), so the page costs the
same number of queries whatever the data size; `figures()` is what the
dashboard, its xlsx export, the period reports and the API all show.
"""

from decimal import Decimal

from django.db import connections
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from xttm.accounts.roles import has_role
from xttm.directory.models import Organization, Province
from xttm.promotion.choices import DealKind, Line
from xttm.promotion.models import (
    Facility,
    ProgrammeYear,
    ResultRollup,
    ResultSummary,
    SupportContent,
)
from xttm.promotion.models.scope import READ_ALL

from .filters import Filters
from .formatting import vn_number

COUNTS = (
    "schemes",
    "schemes_approved",
    "planned_enterprises",
    "planned_deals",
    "participations",
    "deals",
)
MONEY = (
    "budget_requested",
    "budget_approved",
    "budget_disbursed",
    "budget_settled",
    "support_vnd",
    "value_vnd",
    "value_usd",
)
MEASURES = COUNTS + MONEY
TOP_COUNTRIES = 15

# Column headings of every table (and xlsx sheet), in order.
MEASURE_LABELS = {  # lazy: read in the language of each request
    "schemes": gettext_lazy("Số đề án"),
    "schemes_approved": gettext_lazy("Đề án được duyệt"),
    "budget_requested": gettext_lazy("Kinh phí đề nghị (đồng)"),
    "budget_approved": gettext_lazy("Kinh phí được duyệt (đồng)"),
    "budget_disbursed": gettext_lazy("Kinh phí đã giải ngân (đồng)"),
    "budget_settled": gettext_lazy("Kinh phí đã quyết toán (đồng)"),
    "planned_enterprises": gettext_lazy("Doanh nghiệp kế hoạch"),
    "participations": gettext_lazy("Lượt doanh nghiệp"),
    "planned_deals": gettext_lazy("Hợp đồng, giao dịch kế hoạch"),
    "support_vnd": gettext_lazy("Hỗ trợ doanh nghiệp (đồng)"),
    "deals": gettext_lazy("Hợp đồng, giao dịch"),
    "value_vnd": gettext_lazy("Giá trị (đồng)"),
    "value_usd": gettext_lazy("Giá trị (USD)"),
}


def summary_rows(user, f: Filters):
    """The summary rows the user may see, narrowed by the filters (a lazy queryset)."""
    qs = ResultSummary.objects.for_user(user).filter(year__gte=f.year_from, year__lte=f.year_to)
    if f.line:
        qs = qs.filter(line=f.line)
    if f.content_type:
        qs = qs.filter(content_type__code=f.content_type)
    if f.lead is not None:
        qs = qs.filter(lead_id=f.lead)
    if f.country:
        # Domestic figures are keyed "VN" (activities in Vietnam) or "" (schemes without a country).
        qs = (
            qs.filter(country__in=["VN", ""]) if f.country == "VN" else qs.filter(country=f.country)
        )
    if f.province is not None:
        qs = qs.filter(**{f.province_field: f.province})
    return qs


# Each money measure's precision: cents for USD, whole đồng for the rest.
QUANTUM = {name: Decimal("0.01") if name == "value_usd" else Decimal(1) for name in MONEY}


def _clean(row: dict) -> dict:
    # Sums are named m_<measure> in SQL: an annotation may not shadow the field it sums.
    out = {(k[2:] if k[:2] == "m_" else k): v for k, v in row.items()}
    for name in COUNTS:
        out[name] = int(out.get(name) or 0)
    for name, quantum in QUANTUM.items():
        value = out.get(name) or 0
        if type(value) is not Decimal:
            value = Decimal(value)
        out[name] = value.quantize(quantum)
    return out


def _zero(**keys) -> dict:
    return _clean({**keys, **dict.fromkeys(MEASURES, 0)})


def dimensions(f: Filters) -> dict:
    """The groupings the dashboard shows: name → summary column."""
    return {
        "year": "year",
        "line": "line",
        "content": "content_type_id",
        "lead": "lead_id",
        "market": "country",
        "province": f.province_field,
        "kind": "deal_kind",
    }


def reads_rollup(user, f: Filters) -> bool:
    """Whether the figures can come from the rollup: a period of the whole programme.

    The rollup keeps each dimension apart, so any other filter (or a partner
    officer's own schemes) needs the summary's rows.
    """
    whole = not (f.line or f.content_type or f.country) and f.lead is None and f.province is None
    return whole and has_role(user, *READ_ALL)


def grouped(qs, f: Filters, rollup: bool = False) -> dict:
    """{"total": row, name: [row, …] for each dimension}: one query.

    Over the whole programme (`rollup`) it sums the rollup's few hundred rows a
    year. Otherwise PostgreSQL computes every grouping in a single scan of the
    filtered summary rows with GROUPING SETS; other databases run one GROUP BY
    per grouping (still a fixed number of queries).
    """
    dims = dimensions(f)
    if rollup:
        return _from_rollup(f, dims)
    if connections[qs.db].vendor == "postgresql":
        return _grouping_sets(qs, dims)
    sums = {f"m_{n}": Sum(n) for n in MEASURES}
    out = {"total": _clean(qs.aggregate(**sums))}
    for name, column in dims.items():
        rows = qs.values(column).annotate(**sums).order_by(column)
        out[name] = [{**_clean(r), "key": r[column]} for r in rows]
    return out


def _grouping_sets(qs, dims: dict) -> dict:
    # The queryset's own database: the read replica when the page reads from it.
    connection = connections[qs.db]
    columns = list(dims.values())
    inner, params = qs.values(*columns, *MEASURES).order_by().query.sql_with_params()
    quoted = [connection.ops.quote_name(c) for c in columns]
    sql = (
        "SELECT GROUPING({cols}) AS g, {cols}, {sums} FROM ({inner}) AS s "
        "GROUP BY GROUPING SETS ({sets}, ())"
    ).format(
        cols=", ".join(quoted),
        sums=", ".join(
            "SUM({c}) AS {a}".format(
                c=connection.ops.quote_name(m), a=connection.ops.quote_name("m_" + m)
            )
            for m in MEASURES
        ),
        inner=inner,
        sets=", ".join(f"({c})" for c in quoted),
    )
    width = len(columns)
    # GROUPING() sets a bit for each column left out of the set, the first column highest.
    mask = {((1 << width) - 1) ^ (1 << (width - 1 - i)): name for i, name in enumerate(dims)}
    out: dict = {name: [] for name in dims}
    out["total"] = _zero()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c.name for c in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            g = row.pop("g")
            if g == (1 << width) - 1:
                out["total"] = _clean({k: v for k, v in row.items() if k.startswith("m_")})
                continue
            name = mask[g]
            out[name].append({**_clean(row), "key": row[dims[name]], dims[name]: row[dims[name]]})
    for name, rows in out.items():
        if name != "total":
            rows.sort(key=lambda r: (r["key"] is None, r["key"] if r["key"] is not None else 0))
    return out


# The rollup's text values back to the summary column's type.
INT_COLUMNS = frozenset(
    {"year", "content_type_id", "lead_id", "province_new_id", "province_old_id"}
)


def _from_rollup(f: Filters, dims: dict) -> dict:
    sums = {f"m_{n}": Sum(n) for n in MEASURES}
    rows = (
        ResultRollup.objects.filter(
            year__gte=f.year_from, year__lte=f.year_to, dimension__in=list(dims.values())
        )
        .values("dimension", "value")
        .annotate(**sums)
        .order_by()
    )
    names = {column: name for name, column in dims.items()}
    out: dict = {name: [] for name in dims}
    total = dict.fromkeys(sums, 0)
    for row in rows:
        column = row["dimension"]
        key = row["value"]
        if key is not None and column in INT_COLUMNS:
            key = int(key)
        if column == "year":
            # Every row is in exactly one year: the years add up to the total.
            for name in sums:
                total[name] += row[name] or 0
        out[names[column]].append({**_clean(row), "key": key, column: key})
    out["total"] = _clean(total) if out["year"] else _zero()
    for name, rows in out.items():
        if name != "total":
            rows.sort(key=lambda r: (r["key"] is None, r["key"] if r["key"] is not None else 0))
    return out


def figures(user, f: Filters, rollup: bool | None = None, names: dict | None = None) -> dict:
    """Headline figures and each grouping the dashboard charts and tables show.

    `rollup=False` reads the summary's rows even where the rollup would do (the
    tests compare both); by default the rollup serves whenever the filters allow.
    `names` are the filter form's {"content": {pk: (code, name)}, "lead": {pk: name}},
    so the dashboard does not read them twice.
    """
    qs = summary_rows(user, f)
    if rollup is None:
        rollup = reads_rollup(user, f)
    groups = grouped(qs, f, rollup=rollup)
    total = groups["total"]
    by_kind = {r["key"]: r for r in groups["kind"]}
    for kind in DealKind.values:
        row = by_kind.get(kind) or _zero()
        total[f"deals_{kind}"] = row["deals"]
        total[f"value_usd_{kind}"] = row["value_usd"]
        total[f"value_vnd_{kind}"] = row["value_vnd"]
    by_year = {r["key"]: r for r in groups["year"]}
    targets = dict(
        ProgrammeYear.objects.filter(year__gte=f.year_from, year__lte=f.year_to).values_list(
            "year", "budget_vnd"
        )
    )
    years = []
    for year in range(f.year_from, f.year_to + 1):
        row = by_year.get(year) or _zero(key=year)
        row.update(year=year, label=str(year), target_budget=targets.get(year))
        years.append(row)
    line_names = dict(Line.choices)
    lines = groups["line"]
    for row in lines:
        row.update(line=row["key"], label=str(line_names.get(row["key"], row["key"])))
    contents = groups["content"]
    if names is None:
        names = {
            "content": {
                pk: (code, name)
                for pk, code, name in SupportContent.objects.values_list("pk", "code", "name")
            },
            "lead": dict(
                Organization.objects.filter(pk__in=[r["key"] for r in groups["lead"]]).values_list(
                    "pk", "name"
                )
            ),
        }
    for row in contents:
        code, name = names["content"].get(row["key"], ("", str(row["key"])))
        row.update(content_type_id=row["key"], content_type__code=code, label=name)
    contents.sort(key=lambda r: r["label"])
    leads = groups["lead"]
    lead_names = names["lead"]
    for row in leads:
        row.update(lead_id=row["key"], label=lead_names.get(row["key"], str(row["key"])))
    leads.sort(key=lambda r: r["label"])
    markets = groups["market"]
    for row in markets:
        row.update(country=row["key"], label=_country_label(row["key"]))
    markets = _merge_domestic(markets)
    markets.sort(key=lambda r: (-r["value_usd"], -r["participations"], r["label"]))
    provinces = province_figures(groups["province"], f)
    return {
        "filters": f,
        "total": total,
        "deal_kinds": [
            {
                "kind": kind,
                "label": str(label),
                "deals": total[f"deals_{kind}"],
                "value_usd": total[f"value_usd_{kind}"],
                "value_vnd": total[f"value_vnd_{kind}"],
            }
            for kind, label in DealKind.choices
        ],
        "by_year": years,
        "by_line": lines,
        "by_content": contents,
        "by_lead": leads,
        "by_market": markets,
        "by_province": provinces,
        "sentence": headline_sentence(f, total),
    }


def _country_label(code: str) -> str:
    if code in ("", "VN"):
        return _("Trong nước")
    return str(countries.name(code) or code)


def _merge_domestic(rows: list[dict]) -> list[dict]:
    """Rows keyed "" and "VN" are both domestic; show them as one."""
    out, domestic = [], None
    for row in rows:
        if row["country"] in ("", "VN"):
            if domestic is None:
                domestic = {**row, "country": "VN"}
            else:
                for name in MEASURES:
                    domestic[name] += row[name]
        else:
            out.append(row)
    if domestic is not None:
        out.append(domestic)
    return out


def province_figures(grouped_rows, f: Filters) -> dict:
    """Per province of the chosen system: figures, centroid, white spot; plus what has no province."""
    sums = {r["key"]: r for r in grouped_rows}
    # A facility counts where it was entered and in the new province that place went into;
    # one entered against a merged new province cannot be placed in an old one, so none of
    # that new province's old parts is called a white spot. Asked in the same query.
    equipped = Facility.objects.filter(
        Q(province_id=OuterRef("pk"))
        | Q(province__successor_id=OuterRef("pk"))
        | Q(province_id=OuterRef("successor_id"))
    )
    places = list(
        Province.objects.filter(system=f.system)
        .order_by("code")
        .values("pk", "code", "name", "latitude", "longitude")
        .annotate(has_facility=Exists(equipped))
    )
    rows = []
    for place in places:
        row = sums.get(place["pk"]) or _zero()
        has_facility = place["has_facility"]
        row.update(
            {
                "province_id": place["pk"],
                "code": place["code"],
                "label": place["name"],
                "lat": place["latitude"],
                "lon": place["longitude"],
                "white_spot": not has_facility,
            }
        )
        rows.append(row)
    unplaced = sums.get(None)
    return {"rows": rows, "unplaced": unplaced}


def headline_sentence(f: Filters, total: dict) -> str:
    """The sentence the agency writes in its reports, built from the figures."""
    parts = [
        _(
            "{period}, Chương trình cấp quốc gia về xúc tiến thương mại có {schemes} đề án được phê duyệt"
        ).format(period=f.period_label, schemes=vn_number(total["schemes_approved"]))
    ]
    if total["budget_approved"]:
        parts.append(
            _("với kinh phí được duyệt {amount}").format(amount=vn_money(total["budget_approved"]))
        )
    sentence = " ".join(parts) + "; "
    sentence += _("thu hút {participations} lượt doanh nghiệp tham gia").format(
        participations=about(total["participations"])
    )
    if total["deals"]:
        sentence += _(
            "; ký kết {deals} hợp đồng, giao dịch với tổng giá trị {usd} USD (tương đương {vnd})"
        ).format(
            deals=vn_number(total["deals"]),
            usd=vn_amount(total["value_usd"]),
            vnd=vn_money(total["value_vnd"]),
        )
    return sentence + "."


def about(n: int) -> str:
    """'hơn 21.000' for 21 345: the round figure below, as reports write it; exact under 1.000."""
    n = int(n)
    if n < 1000:
        return vn_number(n)
    digits = len(str(n)) - 2
    rounded = n // 10**digits * 10**digits
    if rounded == n:
        return vn_number(n)
    return _("hơn {n}").format(n=vn_number(rounded))


def vn_amount(value) -> str:
    """A large amount in words of scale: '5,3 tỷ', '393 triệu', '12.500'."""
    value = Decimal(value)
    for size, word in ((Decimal(10) ** 9, _("tỷ")), (Decimal(10) ** 6, _("triệu"))):
        if abs(value) >= size:
            return f"{vn_number(value / size, 1)} {word}"
    return vn_number(value)


def vn_money(value) -> str:
    """An amount in VND as reports write it: '1.234,5 tỷ đồng'."""
    return _("{amount} đồng").format(amount=vn_amount(value))
