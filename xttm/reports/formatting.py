"""Numbers as Vietnamese officials write them: 1.234.567 and 5,3 — whatever the request's language."""

from decimal import ROUND_HALF_UP, Decimal

# 1,234,567.5 → 1.234.567,5 in one pass.
VN_SEPARATORS = str.maketrans({",": ".", ".": ","})
QUANTUM = {n: Decimal(1).scaleb(-n) for n in range(4)}


def vn_number(value, decimals: int = 0) -> str:
    """'1.234.567' for 1234567; with decimals, '5,3' (a trailing ',0' is dropped)."""
    if value is None:
        return ""
    if type(value) is int:
        # A count (most cells of the dashboard): no rounding to do.
        return f"{value:,}".translate(VN_SEPARATORS)
    if type(value) is not Decimal:
        value = Decimal(value)
    quantum = QUANTUM.get(decimals) or Decimal(1).scaleb(-decimals)
    value = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.{decimals}f}".translate(VN_SEPARATORS)
    if decimals and text.endswith("," + "0" * decimals):
        text = text[: -(decimals + 1)]
    return sign + text
