"""The tables of the programme dashboard as plain data: one definition for the page, xlsx, docx and PDF."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .programme import MEASURE_LABELS

# The measures each grouping table shows, in order.
TABLE_MEASURES = (
    "schemes",
    "schemes_approved",
    "budget_approved",
    "budget_disbursed",
    "budget_settled",
    "participations",
    "deals",
    "value_usd",
    "value_vnd",
)
# The year and line tables set each target beside its actual: participations against the
# schemes' planned enterprises, deals against their planned deals.
TARGET_MEASURES = (
    "schemes",
    "schemes_approved",
    "budget_approved",
    "budget_disbursed",
    "budget_settled",
    "planned_enterprises",
    "participations",
    "planned_deals",
    "deals",
    "value_usd",
    "value_vnd",
)


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    # Which columns hold numbers (right-aligned, formatted 1.234.567).
    numeric: list[bool] = field(default_factory=list)


def _grouping(key, title, first, rows, extra=(), measures=TABLE_MEASURES) -> Table:
    header = [first, *[str(MEASURE_LABELS[m]) for m in measures], *[h for h, _g in extra]]
    body = [[r["label"], *[r[m] for m in measures], *[get(r) for _h, get in extra]] for r in rows]
    numeric = [False, *[True] * len(measures), *[True] * len(extra)]
    return Table(key, title, header, body, numeric)


def headline_table(fig) -> Table:
    t = fig["total"]
    rows = [[str(MEASURE_LABELS[m]), t[m]] for m in MEASURE_LABELS]
    for kind in fig["deal_kinds"]:
        rows.append([_("Số {kind}").format(kind=kind["label"].lower()), kind["deals"]])
        rows.append(
            [_("Giá trị {kind} (USD)").format(kind=kind["label"].lower()), kind["value_usd"]]
        )
    return Table("total", _("Số liệu chính"), [_("Chỉ tiêu"), _("Giá trị")], rows, [False, True])


def tables(fig) -> list[Table]:
    """Every table the dashboard shows, in the order of the page."""
    provinces = [r for r in fig["by_province"]["rows"]]
    unplaced = fig["by_province"]["unplaced"]
    if unplaced:
        provinces = [*provinces, {**unplaced, "label": _("Ở nước ngoài, chưa xác định tỉnh")}]
    return [
        headline_table(fig),
        _grouping(
            "year",
            _("Theo năm"),
            _("Năm"),
            fig["by_year"],
            extra=[(_("Kinh phí kế hoạch năm (đồng)"), lambda r: r.get("target_budget"))],
            measures=TARGET_MEASURES,
        ),
        _grouping(
            "line",
            _("Theo nhóm chương trình"),
            _("Nhóm chương trình"),
            fig["by_line"],
            measures=TARGET_MEASURES,
        ),
        _grouping("content", _("Theo nội dung hỗ trợ"), _("Nội dung"), fig["by_content"]),
        _grouping("market", _("Theo thị trường"), _("Thị trường"), fig["by_market"]),
        _grouping("lead", _("Theo đơn vị chủ trì"), _("Đơn vị chủ trì"), fig["by_lead"]),
        _grouping(
            "province",
            _("Theo tỉnh, thành phố ({n} tỉnh)").format(n=len(fig["by_province"]["rows"])),
            _("Tỉnh, thành phố"),
            provinces,
            extra=[
                (_("Điểm trắng hạ tầng XTTM"), lambda r: _("có") if r.get("white_spot") else "")
            ],
        ),
    ]


def filter_lines(fig, labels: dict) -> list[tuple[str, str]]:
    """The filters in words, for the top of an export: [(name, value)]."""
    f = fig["filters"]
    out = [(_("Thời gian"), str(f.period_label))]
    for name, title in (
        ("line", _("Nhóm chương trình")),
        ("content_type", _("Nội dung hỗ trợ")),
        ("province", _("Tỉnh, thành phố")),
        ("lead", _("Đơn vị chủ trì")),
        ("country", _("Thị trường")),
    ):
        value = getattr(f, name)
        if value not in ("", None):
            out.append((title, str(labels.get(name, {}).get(value, value))))
    out.append(
        (_("Bản đồ tỉnh"), _("63 tỉnh (trước 01/7/2025)") if f.system == "2008" else _("34 tỉnh"))
    )
    return out
