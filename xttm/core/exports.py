"""xlsx exports of what a list page shows, safe to open in Excel."""

import datetime
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A cell that starts with one of these is run as a formula by spreadsheet
# programs (CSV/formula injection); exports prefix it with a quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str):
        if value.startswith(_FORMULA_STARTS):
            return "'" + value
        return value
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if value is None or isinstance(value, int | float | datetime.date):
        return value
    return str(value)


def workbook_bytes(
    sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]],
) -> bytes:
    """Build an xlsx from (sheet title, header, rows); rows stream in write-only mode."""
    wb = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        ws.freeze_panes = "A2"
        widths = [max(10, min(50, len(str(h)) + 2)) for h in header]
        for idx, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(idx)].width = width
        from openpyxl.cell import WriteOnlyCell

        header_cells = []
        for h in header:
            cell = WriteOnlyCell(ws, value=str(h))
            cell.font = Font(bold=True)
            header_cells.append(cell)
        ws.append(header_cells)
        for row in rows:
            ws.append([safe_cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_rows(table) -> tuple[list[str], Iterable[list]]:
    """Header and rows of a django-tables2 table, as plain values (no HTML)."""
    values = table.as_values()
    header = [str(h) for h in next(values)]
    return header, values
