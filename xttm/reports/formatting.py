"""Numbers as Vietnamese officials write them: 1.234.567 and 5,3 — whatever the request's language."""

from decimal import ROUND_HALF_UP, Decimal


def vn_number(value, decimals: int = 0) -> str:
    """'1.234.567' for 1234567; with decimals, '5,3' (a trailing ',0' is dropped)."""
    if value is None:
        return ""
    value = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.{decimals}f}"  # 1,234,567.5 → swap the separators
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    if decimals and text.endswith("," + "0" * decimals):
        text = text[: -(decimals + 1)]
    return sign + text
