"""xlsx exports of what a list page shows, safe to open in Excel."""

import contextlib
import datetime
import errno
import io
import os
from collections.abc import Iterable, Sequence

from lxml.etree import SerialisationError
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .storage import FileWriteError, explain_write_error

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
    """Build an xlsx from (sheet title, header, rows); rows stream in write-only mode.

    A disk that fills up on the way raises `FileWriteError` (a Vietnamese
    sentence) and leaves no temporary file behind.
    """
    wb = Workbook(write_only=True)
    try:
        _fill(wb, sheets)
        buf = io.BytesIO()
        wb.save(buf)
    except (OSError, SerialisationError) as exc:
        # Write-only sheets stream through temporary files that openpyxl only
        # removes at exit: on a full disk they would pile up in a long-lived server.
        for ws in wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is not None and isinstance(writer.out, str):
                with contextlib.suppress(Exception):
                    writer.xf.close()  # the half-written stream, so it raises nothing later
                with contextlib.suppress(OSError, ValueError):
                    writer.cleanup()
        raise FileWriteError(explain_write_error(_as_os_error(exc))) from exc
    return buf.getvalue()


def _as_os_error(exc: Exception) -> OSError:
    """lxml reports a failed write as SerialisationError('IO_ENOSPC'), not as an OSError."""
    if isinstance(exc, OSError):
        return exc
    code = getattr(errno, str(exc).removeprefix("IO_"), None)
    return OSError(code, os.strerror(code) if code else str(exc))


def _fill(wb, sheets) -> None:
    from openpyxl.cell import WriteOnlyCell

    for title, header, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        ws.freeze_panes = "A2"
        widths = [max(10, min(50, len(str(h)) + 2)) for h in header]
        for idx, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(idx)].width = width
        header_cells = []
        for h in header:
            cell = WriteOnlyCell(ws, value=str(h))
            cell.font = Font(bold=True)
            header_cells.append(cell)
        ws.append(header_cells)
        for row in rows:
            ws.append([safe_cell(v) for v in row])


def table_rows(table) -> tuple[list[str], Iterable[list]]:
    """Header and rows of a django-tables2 table, as plain values (no HTML)."""
    values = table.as_values()
    header = [str(h) for h in next(values)]
    return header, values
