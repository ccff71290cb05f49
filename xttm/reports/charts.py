"""Bar charts as PNG images for the .docx and PDF reports, drawn with Pillow.

ECharts draws the dashboard in the browser; a report built by a worker has no
browser, and neither matplotlib nor cairosvg is a dependency, so report charts
are simple horizontal bars drawn here (Pillow comes with WeasyPrint). Labels
use Liberation Sans, which has the Vietnamese glyphs.
"""

import io
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from .formatting import vn_number

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/croscore/Arimo-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
BAR = (31, 119, 180)
TARGET = (214, 39, 40)
INK = (33, 37, 41)
GRID = (222, 226, 230)


def _font(size: int):
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def _shorten(text: str, draw, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(
    title: str, labels: list[str], values: list[float], targets: list | None = None, width=1400
) -> bytes:
    """A horizontal bar chart as PNG: one bar per label, the value written at its end.

    With `targets`, a red tick marks each target (plan vs actual).
    """
    labels, values = list(labels)[:20], [float(v or 0) for v in list(values)[:20]]
    targets = [None if t is None else float(t) for t in (targets or [])][:20]
    row_h, top, left, right = 44, 80, 430, 220
    height = top + row_h * max(1, len(labels)) + 30
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title_font, font = _font(30), _font(24)
    draw.text((20, 18), title, fill=INK, font=title_font)
    peak = max([*values, *[t for t in targets if t is not None], 1.0])
    span = width - left - right
    if not labels:
        draw.text((left, top), "—", fill=INK, font=font)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row_h
        draw.line([(left, y + row_h - 2), (width - right, y + row_h - 2)], fill=GRID)
        draw.text((20, y + 8), _shorten(str(label), draw, font, left - 40), fill=INK, font=font)
        bar = int(span * value / peak)
        if bar:
            draw.rectangle([left, y + 8, left + bar, y + row_h - 10], fill=BAR)
        draw.text((left + bar + 10, y + 8), vn_number(value), fill=INK, font=font)
        if i < len(targets) and targets[i] is not None:
            x = left + int(span * targets[i] / peak)
            draw.line([(x, y + 2), (x, y + row_h - 4)], fill=TARGET, width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def report_charts(fig) -> list[tuple[str, bytes]]:
    """The charts of the programme report: [(caption, png)]."""
    years = fig["by_year"]
    has_targets = any(r["target_budget"] for r in years)
    charts = [
        (
            _("Lượt doanh nghiệp tham gia theo năm"),
            bar_chart(
                _("Lượt doanh nghiệp tham gia theo năm"),
                [r["label"] for r in years],
                [r["participations"] for r in years],
            ),
        ),
        (
            _("Kinh phí được duyệt theo năm (đồng)")
            + (_(" — vạch đỏ: kế hoạch năm") if has_targets else ""),
            bar_chart(
                _("Kinh phí được duyệt theo năm (đồng)"),
                [r["label"] for r in years],
                [r["budget_approved"] for r in years],
                [r["target_budget"] for r in years] if has_targets else None,
            ),
        ),
        (
            _("Giá trị hợp đồng, giao dịch theo thị trường (USD)"),
            bar_chart(
                _("Giá trị hợp đồng, giao dịch theo thị trường (USD)"),
                [r["label"] for r in fig["by_market"]],
                [r["value_usd"] for r in fig["by_market"]],
            ),
        ),
        (
            _("Lượt doanh nghiệp theo nội dung hỗ trợ"),
            bar_chart(
                _("Lượt doanh nghiệp theo nội dung hỗ trợ"),
                [r["label"] for r in fig["by_content"]],
                [r["participations"] for r in fig["by_content"]],
            ),
        ),
    ]
    return charts
