"""Spreadsheet import in three stages: parse a file to rows, validate every row, save all or nothing.

An importer names its model, its natural key and its columns (a Vietnamese
header plus aliases); the framework finds the header row in messy real-world
sheets, turns cells into Python values, resolves references through
`clean_<field>` methods, and saves in one transaction only when every row is
valid. Errors name the sheet, the row as Excel numbers it, and the column.

To add an importer: subclass `Importer`, list its `Column`s, and add one line
to `IMPORTERS` so `xttm import <name> FILE` finds it.
"""

import bisect
import csv
import datetime
import functools
import io
import itertools
import operator
import re
import unicodedata
import zipfile
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.core.validators import DecimalValidator, MaxLengthValidator
from django.db import DatabaseError, models, transaction
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .bulk import among, copy_rows, insert_rows
from .text import fold_key

# Importers by the name the command line and the views use. Later apps add a
# line here (dotted paths, so this module imports no app at load time).
IMPORTERS: dict[str, str] = {
    "enterprises": "xttm.directory.importers.EnterpriseImporter",
    "people": "xttm.directory.importers.PersonImporter",
    "participations": "xttm.promotion.importers.ParticipationImporter",
    "deals": "xttm.promotion.importers.DealImporter",
    "ratings": "xttm.emulation.importers.RatingImporter",
}

# Bounds, so one upload cannot exhaust the server: the file's size, what it
# inflates to, how many rows and columns calamine will lay out, a cell's
# length. They are settings (README); a bigger register is split into files.
MAX_ERRORS = 1_000
HEADER_SCAN_ROWS = 20
SCAN_CHUNK_BYTES = 1024 * 1024  # a sheet's XML is checked in pieces, never held whole


def limit(name: str) -> int:
    from django.conf import settings

    if name == "MAX_UPLOAD_BYTES":
        return settings.XTTM_MAX_UPLOAD_BYTES
    return getattr(settings, f"XTTM_IMPORT_{name}")


EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 = 1900-01-01 (with Excel's 1900 leap bug)
MAX_EXCEL_SERIAL = 2_958_465  # 9999-12-31


def get_importer(name: str) -> type["Importer"]:
    return import_string(IMPORTERS[name])


# --- Errors and results -----------------------------------------------------------


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


class _Blank(Exception):
    """Raised by a cell reader for a blank or over-long cell: the column is read again cell by
    cell, where it is worded (or, blank and optional, left alone)."""


class _BlankType:
    __slots__ = ()

    def __repr__(self):
        return "BLANK"


BLANK = _BlankType()  # a blank (or wrong) cell in a column of values: the stored value stays


class CellError(ValueError):
    """A value that cannot be accepted; `field` names the column when the row check knows it."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do). Nothing is saved when `errors` is not empty."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    dry_run: bool = False
    errors: list[dict] = field(default_factory=list)
    file_error: bool = False  # the file could not be read at all
    errors_left_off: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, message: str, *, sheet: str = "", row: int | None = None, column: str = ""):
        if len(self.errors) >= MAX_ERRORS:
            self.errors_left_off += 1
            return
        self.errors.append({"sheet": sheet, "row": row, "column": column, "message": str(message)})

    def as_json(self) -> dict:
        """A JSON-ready dict: the command prints it, the view renders it."""
        errors = list(self.errors)
        if self.errors_left_off:
            errors.append(
                {
                    "sheet": "",
                    "row": None,
                    "column": "",
                    "message": _("Còn {count} lỗi khác không hiển thị.").format(
                        count=self.errors_left_off
                    ),
                }
            )
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rows": self.rows,
            "dry_run": self.dry_run,
            "errors": errors,
        }


# --- Cell parsers -------------------------------------------------------------------
# Each takes a non-blank cell as the reader gives it (str, int, float, date,
# datetime) and returns a Python value, or raises CellError in Vietnamese.


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value) -> str:
    """Text as typed; a number typed in a text column loses its '.0'; a date reads dd/mm/yyyy."""
    if value.__class__ is str and "  " not in value and value.isprintable():
        # No whitespace but single spaces (tabs, line breaks, no-break spaces are not
        # printable): nothing to collapse, and the regex is most of the cost of a code cell.
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return re.sub(r"\s+", " ", str(value)).strip()


_NUMBER_JUNK = re.compile(r"[\s\u00a0'’]|vn[dđ]|đồng|dong|usd|\$|đ", re.IGNORECASE)


def parse_number(value) -> Decimal:
    """A number as Vietnamese sheets write it: '1.234.567', '1.234,5', '1234.5', '12,5'.

    The last of '.' and ',' when both appear is the decimal mark. A lone '.'
    followed by exactly three digits groups thousands ('1.234' is 1234, as a
    Vietnamese reader means it); a lone ',' is the decimal mark.
    """
    if value.__class__ is str and value.isascii() and value.isdigit():
        return Decimal(value)  # plain digits, the usual cell: nothing to strip or regroup
    if isinstance(value, bool):
        raise _not_a_number(value)
    if isinstance(value, float) and value.is_integer():
        # Excel stores every number as a float: 45000000 must not read as 45000000.0 (one decimal place).
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)  # exact, and the same Decimal as Decimal(str(value))
    if isinstance(value, float | Decimal):
        # Through str, so 0.1 reads 0.1 as typed, not the binary float's 0.1000000000000000055…
        return Decimal(str(value))
    return parse_number_text(value)


def _quick_check(validator) -> Callable[[Any], bool] | None:
    """A cheap test that, when it passes, the validator would pass too (None: always run it).

    A column's validators run once a cell; Django's DecimalValidator reads the
    number's digits as a tuple and costs as much as parsing it. Anything the
    quick test does not vouch for goes through the validator itself, which
    words the error.
    """
    kind = type(validator)
    if kind is MaxLengthValidator and type(validator.limit_value) is int:
        most = validator.limit_value
        return lambda value: len(value) <= most
    if kind is DecimalValidator and validator.max_digits is not None:
        places = validator.decimal_places or 0
        bound = Decimal(10) ** (validator.max_digits - places)
        cents = Decimal(1).scaleb(-places)
        # A whole number or one with exactly the field's places (what sheets hold), and no more
        # whole digits than the field allows: the validator counts nothing else.
        return lambda value: (
            value.__class__ is Decimal
            and (value.same_quantum(_ONE) or value.same_quantum(cents))
            and -bound < value < bound
        )
    return None


_ONE = Decimal(1)


def _not_a_number(value) -> CellError:
    return CellError(_("“{value}” không phải là số.").format(value=value))


def parse_number_text(value) -> Decimal:
    """The general path of `parse_number`: strip units and spaces, then read the marks."""
    text = _NUMBER_JUNK.sub("", str(value))
    negative = text.startswith("-")
    text = text.lstrip("+-")
    if not text or not re.fullmatch(r"[0-9.,]+", text):
        raise _not_a_number(value)
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        if text.count(decimal_mark) > 1:
            raise _not_a_number(value)
        text = text.replace(group_mark, "").replace(decimal_mark, ".")
    elif dots > 1 or (dots == 1 and re.fullmatch(r"\d{1,3}\.\d{3}", text)):
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            raise _not_a_number(value)
        text = text.replace(".", "")
    elif commas > 1:
        if not re.fullmatch(r"\d{1,3}(,\d{3})+", text):
            raise _not_a_number(value)
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise _not_a_number(value) from exc
    return -number if negative else number


def parse_integer(value) -> int:
    number = parse_number(value)
    if number != number.to_integral_value():
        raise CellError(_("“{value}” phải là số nguyên.").format(value=value))
    return int(number)


_DATE_DMY = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(value) -> datetime.date:
    """A date typed dd/mm/yyyy (or d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd) or stored by Excel."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A date cell without a date format reaches us as Excel's day serial.
        if 1 <= value <= MAX_EXCEL_SERIAL:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise CellError(_("“{value}” không phải ngày hợp lệ (dd/mm/yyyy).").format(value=value))
    text = str(value).strip()
    # A time part ("05/01/2020 00:00:00") adds nothing to a date.
    text = re.split(r"[ T](?=\d{1,2}:)", text, maxsplit=1)[0].strip()
    if match := _DATE_DMY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _DATE_ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise CellError(_("“{value}” không phải ngày hợp lệ (dd/mm/yyyy).").format(value=value))
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise CellError(_("Ngày “{value}” không tồn tại.").format(value=value)) from exc


def parse_email(value) -> str:
    return parse_text(value).lower()


def parse_url(value) -> str:
    text = parse_text(value)
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = "https://" + text
    return text


def choice_parser(
    choices: type[models.Choices], aliases: dict[str, Sequence[str]] | None = None
) -> Callable[[Any], str]:
    """A parser accepting a choice's value, its label or an alias, with or without diacritics."""
    index: dict[str, str] = {}
    for value, label in choices.choices:
        index[fold_key(str(value))] = value
        index[fold_key(str(label))] = value
    for value, names in (aliases or {}).items():
        for name in names:
            index[fold_key(name)] = value

    def parse(raw) -> str:
        found = index.get(fold_key(parse_text(raw)))
        if found is None:
            raise CellError(
                _("“{value}” không phải là một trong: {options}.").format(
                    value=parse_text(raw), options="; ".join(str(c.label) for c in choices)
                )
            )
        return found

    return parse


class Lookup:
    """Finds one reference row by any of its names, folded; lower tiers win over higher ones.

    Built once per import from a small table (provinces, units), so a
    100,000-row file costs no query per row.
    """

    def __init__(self, label: str, normalize: Callable[[str], str] = fold_key):
        self.label = label
        self.normalize = normalize
        self._index: dict[str, tuple[int, list]] = {}

    def add(self, obj, *names, tier: int = 0) -> None:
        for name in names:
            key = self.normalize(str(name)) if name else ""
            if not key:
                continue
            found = self._index.get(key)
            if found is None or tier < found[0]:
                self._index[key] = (tier, [obj])
            elif tier == found[0] and obj not in found[1]:
                found[1].append(obj)

    def get(self, raw):
        text = parse_text(raw)
        found = self._index.get(self.normalize(text))
        if found is None:
            raise CellError(
                _("Không tìm thấy {label} “{value}”.").format(label=self.label, value=text)
            )
        if len(found[1]) > 1:
            raise CellError(
                _("“{value}” khớp với nhiều {label}; hãy ghi mã để phân biệt.").format(
                    value=text, label=self.label
                )
            )
        return found[1][0]


# --- Stage 1: parse -----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column an importer reads.

    `field` is the model field it fills, `header` the Vietnamese header written
    in the template, `aliases` other headers people type (matched folded, so
    case, diacritics, spaces and punctuation never matter).
    """

    field: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    parse: Callable[[Any], Any] = parse_text
    hint: str = ""  # a line for the guide sheet of the template
    options: tuple[str, ...] = ()  # values offered in the template's drop-down
    number_format: str = "@"  # text, so Excel keeps leading zeros

    def keys(self) -> set[str]:
        return {fold_key(name) for name in (self.header, self.field, *self.aliases)} - {""}


class Row:
    """One data row as the hooks see it (`clean_row`, the error messages of other importers).

    The importers that stream read `Table.records` instead: (row number, cells)
    tuples, so a 400,000-row file builds no object and no dict per row.
    """

    __slots__ = ("sheet", "number", "cells")

    def __init__(self, sheet: str, number: int, cells: dict[str, Any]):
        self.sheet = sheet
        self.number = number  # as Excel shows it
        self.cells = cells  # field → raw cell, only for the columns the sheet has

    @classmethod
    def of(cls, sheet: str, number: int, headers: dict[str, str], cells: tuple) -> "Row":
        """The row of a record whose cells are in the order of `headers`."""
        return cls(sheet, number, dict(zip(headers, cells, strict=True)))

    def __eq__(self, other):
        return isinstance(other, Row) and (self.sheet, self.number, self.cells) == (
            other.sheet,
            other.number,
            other.cells,
        )

    def __repr__(self):
        return f"Row(sheet={self.sheet!r}, number={self.number!r}, cells={self.cells!r})"


@dataclass
class Table:
    sheet: str
    header_row: int
    headers: dict[str, str]  # field → header as written in the file
    # (row number as Excel shows it, cells in the order of `headers`): a list, or an
    # iterator when the importer streams the sheet
    records: Iterable[tuple[int, tuple]]

    @property
    def rows(self) -> Iterable[Row]:
        """The records as `Row`s (field → cell), for importers that validate the whole file."""
        rows = (Row.of(self.sheet, n, self.headers, cells) for n, cells in self.records)
        return list(rows) if isinstance(self.records, list) else rows


def read_sheets(source, *, filename: str = "") -> list[tuple[str, list[list]]]:
    """Read an xlsx or csv (path, bytes or file object) into [(sheet name, rows of cells)].

    Row i of a sheet is Excel's row i + 1; empty cells are ''. The importers
    use `iter_sheets`, which hands rows out one at a time instead.
    """
    return [(name, list(rows)) for name, rows in iter_sheets(source, filename=filename)]


def iter_sheets(
    source, *, filename: str = "", clean: bool = True
) -> Iterator[tuple[str, Iterator[list]]]:
    """Like `read_sheets`, but each sheet's rows come as an iterator (one sheet loaded at a time).

    Every bound is checked before the rows are read: the file's size, and for
    an xlsx its zip directory and its sheets' XML (see `_check_xlsx`). With
    `clean=False` an xlsx's text cells come as the sheet holds them, not yet
    stripped and composed (`clean_cell`): the importers clean a cell in its
    column's reader, once per distinct value of a column whose cells repeat.
    """
    name = filename or (str(source) if isinstance(source, str | Path) else "")
    suffix = Path(name).suffix.lower()
    if not isinstance(source, str | Path):
        return _sheets_of(_within_bound(source), name, suffix, None, clean)
    # Closed once the sheets are open: the zip was checked, calamine reads the path itself
    # (only a path opened here may be read again by name: an upload's `.name` is what the
    # client called it, which may be another file here), and a CSV was read whole.
    with _open_path(source) as opened:
        return _sheets_of(_within_bound(opened), name, suffix, str(source), clean)


def _sheets_of(
    data, name: str, suffix: str, path: str | None, clean: bool = True
) -> Iterator[tuple[str, Iterator[list]]]:
    head = data[:4] if isinstance(data, bytes) else _peek(data)
    if head.startswith(b"PK\x03\x04"):
        return _iter_xlsx(data, path, clean)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("Tệp Excel 97–2003 (.xls) chưa được hỗ trợ; hãy mở và lưu lại thành .xlsx.")
        )
    if suffix in ("", ".csv", ".txt"):
        return iter([(Path(name).stem or "CSV", _read_csv(_read_bytes(data)))])
    raise ImportFileError(
        _("Tệp “{name}” không phải bảng tính Excel (.xlsx) hoặc CSV hợp lệ.").format(
            name=Path(name).name
        )
    )


def _open_path(path):
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller's `with` closes it
    except OSError as exc:
        raise ImportFileError(
            _("Không đọc được tệp “{name}”: {reason}").format(name=path, reason=exc.strerror or exc)
        ) from exc


def _within_bound(source):
    """The source as bytes, or as the open seekable file itself once its size is within the bound.

    A file on disk (a path, an upload the job opened) is not read into memory:
    zipfile and calamine read the xlsx from it, so the file's bytes never sit in
    Python's heap beside the rows (a 400,000-row sheet is some 20 MB).
    """
    seekable = getattr(source, "seekable", None)
    if isinstance(source, bytes) or seekable is None or not seekable():
        return _read_bytes(source)
    size = source.seek(0, io.SEEK_END)
    source.seek(0)
    _check_size(size)
    return source


def _peek(stream) -> bytes:
    head = stream.read(4)
    stream.seek(0)
    return head


def _check_size(size: int) -> None:
    cap = limit("MAX_UPLOAD_BYTES")
    if size > cap:
        raise ImportFileError(
            _("Tệp lớn hơn {limit} MB; hãy tách thành nhiều tệp.").format(
                limit=_thousands(cap // (1024 * 1024))
            )
        )
    if not size:
        raise ImportFileError(_("Tệp rỗng."))


def _read_bytes(source) -> bytes:
    cap = limit("MAX_UPLOAD_BYTES")
    if isinstance(source, bytes):
        data = source
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(cap + 1)
    _check_size(len(data))
    return data


def _not_xlsx() -> ImportFileError:
    return ImportFileError(_("Tệp không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng."))


def _too_big() -> ImportFileError:
    return ImportFileError(
        _(
            "Bảng tính quá lớn hoặc nén bất thường khi giải nén; "
            "hãy mở bằng Excel, lưu lại và tách thành nhiều tệp."
        )
    )


def _check_xlsx(archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs and sheets calamine would lay out too large, before calamine inflates anything.

    The central directory's sizes are checked first; then each sheet's XML is
    inflated in pieces by zipfile, which stops at the declared size and checks
    the CRC, so a member lying about its size fails here. Calamine lays a sheet
    out densely from its first to its last cell with a value: one value cell
    at row 1,000,000, column CZ makes it allocate gigabytes from a 6 kB file,
    so every reference beyond the row or column bound is looked at (an empty
    formatted cell there is fine: calamine skips it).
    """
    members = archive.infolist()
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise _not_xlsx()
    ratio = limit("MAX_COMPRESSION_RATIO")
    if sum(m.file_size for m in members) > limit("MAX_UNCOMPRESSED_BYTES"):
        raise _too_big()
    for member in members:
        # Small parts (styles, themes) compress far better than data; they cannot hurt.
        if member.file_size > 1024 * 1024 and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            raise _too_big()
    row_limit = limit("MAX_ROWS") + HEADER_SCAN_ROWS
    column_limit = limit("MAX_COLUMNS")
    far = _far_reference_pattern(row_limit, column_limit)
    for member in members:
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        with archive.open(member) as stream:
            carry = b""
            while True:
                piece = stream.read(SCAN_CHUNK_BYTES)
                chunk = carry + piece
                if piece:
                    # Keep the last (maybe cut) tag for the next piece.
                    cut = chunk.rfind(b"<")
                    chunk, carry = (chunk[:cut], chunk[cut:]) if cut > 0 else (chunk, b"")
                _check_far_values(chunk, far, row_limit, column_limit)
                if not piece:
                    break


def _far_reference_pattern(row_limit: int, column_limit: int) -> re.Pattern:
    """A regex for `r="…"` references that may lie beyond the bounds (callers check exactly).

    Candidates only: a row number with more digits than the bound, or as many
    and a first digit not smaller; a column with more letters, or as many and
    a first letter not smaller. Ordinary sheets give no candidate at all, so the
    scan costs about as much as inflating the XML.
    """
    digits = str(row_limit)
    rows = rb"\d{%d,}+|[%d-9]\d{%d}" % (len(digits) + 1, int(digits[0]), len(digits) - 1)
    letters = _column_letters(column_limit)
    columns = rb"[A-Z]{%d,3}+|[%s-Z][A-Z]{%d}" % (
        len(letters) + 1,
        letters[0].encode(),
        len(letters) - 1,
    )
    # No `\b` before `r=`: it stops the regex engine from skipping ahead to the literal, which
    # made the scan three times slower (half the time calamine takes to read the sheet). Another
    # attribute ending in "r" could only add a candidate, and candidates are checked exactly.
    # Letters and digits never overlap, so the quantifiers may be possessive (`{0,3}+`): a
    # failed reference is given up at once instead of backtracked, a quarter of the scan.
    return re.compile(rb"r=[\"'](?:(?:%s)\d|[A-Z]{0,3}+(?:%s)[\"'])" % (columns, rows))


_VALUE_TAG = re.compile(rb"<(?:\w+:)?(?:v|is|f)\b")
_CELL_START = re.compile(rb"<(?:\w+:)?(c|row)\b[^>]*>")
_REF = re.compile(rb"\br=[\"']([A-Z]{0,3})(\d+)[\"']")


def _check_far_values(chunk: bytes, far: re.Pattern, row_limit: int, column_limit: int) -> None:
    """Raise when a value sits beyond the row or column bound in this piece of sheet XML.

    Far references are usually empty formatting (a million blank rows under
    the table): after the first one, only the value tags are visited, each
    resolved to its cell (`r` of the cell, else of its row), so the cost
    follows the values found past that point, not the references.
    """
    position = 0
    while (candidate := far.search(chunk, position)) is not None:
        value = _VALUE_TAG.search(chunk, candidate.start())
        if value is None:
            return
        row, column = _position_of(chunk, value.start())
        if column > column_limit:
            raise ImportFileError(
                _(
                    "Bảng tính có dữ liệu ở quá {limit} cột; hãy xóa các cột thừa hoặc tách tệp."
                ).format(limit=_thousands(column_limit))
            )
        if row > row_limit:
            raise ImportFileError(
                _("Tệp có hơn {limit} dòng; hãy tách thành nhiều tệp.").format(
                    limit=_thousands(limit("MAX_ROWS"))
                )
            )
        position = value.end()


def _position_of(chunk: bytes, value_at: int) -> tuple[int, int]:
    """The (row, column) calamine gives the value tag at `value_at`: its cell's `r`, else its row's."""
    row = 0
    for name in (b"c", b"row"):
        # The nearest opening tag of that name before the value encloses it (cells do not nest).
        found = max(
            chunk.rfind(b"<" + name + end, 0, value_at) for end in (b" ", b">", b"\t", b"\n")
        )
        prefixed = chunk.rfind(b":" + name + b" ", 0, value_at)
        if prefixed > found:
            found = chunk.rfind(b"<", 0, prefixed)
        tag = _CELL_START.match(chunk, found) if found != -1 else None
        ref = _REF.search(tag.group(0)) if tag else None
        if ref is None:
            continue
        if name == b"c":
            return int(ref.group(2)), _column_index(ref.group(1))
        row = int(ref.group(2))
    return row, 0


def _column_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: bytes | None) -> int:
    index = 0
    for letter in letters or b"":
        index = index * 26 + letter - 64
    return index


def _iter_xlsx(
    data, path: str | None = None, clean: bool = True
) -> Iterator[tuple[str, Iterator[list]]]:
    """The sheets of an xlsx given as bytes or as an open seekable file (`path`: the file on
    disk it was opened from, which calamine then reads itself)."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        with zipfile.ZipFile(stream) as archive:
            _check_xlsx(archive)
    # zipfile raises NotImplementedError for a compression method it does not know.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise _not_xlsx() from exc
    except (OSError, ValueError) as exc:  # zlib errors, bad CRC ("Bad CRC-32" is BadZipFile too)
        raise _not_xlsx() from exc
    try:
        stream.seek(0)
        workbook = (
            CalamineWorkbook.from_path(path)
            if path is not None
            else CalamineWorkbook.from_filelike(stream)
        )
        visible = [
            (index, meta.name)
            for index, meta in enumerate(workbook.sheets_metadata)
            # hidden sheets hold drop-down lists and lookups, not data
            if meta.visible == SheetVisibleEnum.Visible
        ]
    except (CalamineError, ValueError, OSError) as exc:
        raise _not_xlsx() from exc
    return _xlsx_sheets(workbook, visible, CalamineError, clean)


def _xlsx_sheets(
    workbook, visible, calamine_error, clean: bool = True
) -> Iterator[tuple[str, Iterator[list]]]:
    for index, name in visible:
        try:
            sheet = workbook.get_sheet_by_index(index)
        except (calamine_error, ValueError, OSError) as exc:
            raise _not_xlsx() from exc
        end = sheet.end
        if end is not None and end[0] + 1 > limit("MAX_ROWS") + HEADER_SCAN_ROWS:
            raise ImportFileError(
                _("Trang “{sheet}” có hơn {limit} dòng; hãy tách thành nhiều tệp.").format(
                    sheet=name, limit=_thousands(limit("MAX_ROWS"))
                )
            )
        # iter_rows hands out one Python row at a time: a 400,000-row sheet never
        # exists as Python lists all at once.
        yield name, _xlsx_rows(sheet) if clean else sheet.iter_rows()


def _xlsx_rows(sheet) -> Iterator[list]:
    for row in sheet.iter_rows():
        yield [clean_cell(c) if c.__class__ is str else c for c in row]


def _read_csv(data: bytes) -> Iterator[list]:
    text = _decode(data)
    # A NUL past the first bytes `_decode` looks at: no text column can hold one (PostgreSQL
    # refuses it), so the file is refused here, naming its line, not at the write.
    nul = text.find("\x00")
    if nul != -1:
        raise ImportFileError(
            _("Tệp CSV có ký tự rỗng (NUL) ở dòng {line}; hãy mở bằng Excel và lưu lại.").format(
                line=text.count("\n", 0, nul) + 1
            )
        )
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _csv_rows(text, dialect)


def _csv_rows(text: str, dialect) -> Iterator[list]:
    row_limit = limit("MAX_ROWS") + HEADER_SCAN_ROWS
    try:
        for count, record in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1):
            if count > row_limit:
                raise ImportFileError(
                    _("Tệp có hơn {limit} dòng; hãy tách thành nhiều tệp.").format(
                        limit=_thousands(limit("MAX_ROWS"))
                    )
                )
            yield [clean_cell(c) for c in record]
    except csv.Error as exc:
        raise ImportFileError(_("Không đọc được tệp CSV: {reason}").format(reason=exc)) from exc


_UTF8_VIETNAMESE = re.compile(rb"\xe1[\xba\xbb][\x80-\xbf]|[\xc3\xc4\xc6][\x80-\xbf]")


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258 (Vietnamese Windows)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif b"\x00" in data[:4096]:
        raise ImportFileError(_("Tệp không phải bảng tính Excel (.xlsx) hoặc CSV hợp lệ."))
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        # Vietnamese in UTF-8 (ế, ộ, ữ: bytes E1 BA/BB xx) beside bytes UTF-8 cannot read: lines
        # pasted from two files. Reading it all as Windows-1258 would garble half of it.
        if _UTF8_VIETNAMESE.search(data):
            raise ImportFileError(
                _(
                    "Tệp CSV lẫn nhiều bảng mã (một phần UTF-8, một phần không); "
                    "hãy lưu lại toàn bộ với bảng mã UTF-8."
                )
            )
        encodings = ["cp1258"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Không nhận ra bảng mã của tệp CSV; hãy lưu lại với bảng mã UTF-8."))


def clean_cell(value):
    """A text cell stripped and, if need be, composed (NFC); any other cell as it is."""
    if isinstance(value, str):
        if value.isascii():  # most cells (codes, numbers, dates): NFC would not change them
            return value.strip()
        # Vietnamese typed with combining marks ("tổ hợp") folds the same but
        # must be stored precomposed.
        return unicodedata.normalize("NFC", value).strip()
    return value


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def find_table(
    sheet: str, rows: Iterable[list], columns: Sequence[Column], *, lazy: bool = False
) -> Table | None:
    """Find the header row among the first rows (title rows above are skipped) and map columns.

    Returns None when no row looks like this importer's header. With `lazy`,
    the table's rows are an iterator over the rest of the sheet, read as the
    importer validates them.
    """
    rows = iter(rows)
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    by_key = {key: column for column in columns for key in column.keys()}
    best: tuple[int, int, dict[str, int]] | None = None  # (matches, row index, field → col)
    for index, cells in enumerate(head):
        found: dict[str, int] = {}
        for col, cell in enumerate(cells):
            if not isinstance(cell, str):
                continue
            column = by_key.get(fold_key(cell))
            if column is not None and column.field not in found:
                found[column.field] = col
        if found and (best is None or len(found) > best[0]):
            best = (len(found), index, found)
    if best is None or best[0] < min(2, len(columns)):
        return None
    _count, header_index, positions = best
    header_cells = head[header_index]
    body = _table_records(
        itertools.chain(head[header_index + 1 :], rows), header_index + 2, tuple(positions.values())
    )
    return Table(
        sheet=sheet,
        header_row=header_index + 1,
        headers={f: str(clean_cell(header_cells[c])) for f, c in positions.items()},
        records=body if lazy else list(body),
    )


def _table_records(rows, first_number: int, positions: tuple[int, ...]) -> Iterator[tuple]:
    """(row number, the cells at `positions`) of each row that is not blank.

    Blank rows are passed over without building anything, so a million empty
    formatted rows under the table cost time in proportion but no memory.
    """
    pick = operator.itemgetter(*positions) if len(positions) > 1 else None
    last = max(positions)
    rows = iter(rows)
    number = first_number
    while batch := list(itertools.islice(rows, _RECORD_BATCH)):
        if pick is not None:
            # The usual batch, in C: every row wide enough, every first cell filled with text.
            try:
                picked = list(map(pick, batch))
                firsts = list(map(_first, picked))
                filled = all(firsts) and not any(map(str.isspace, firsts))
            except (IndexError, TypeError):  # a short row, a first cell that is not text
                filled = False
            if filled:
                yield from zip(range(number, number + len(batch)), picked, strict=True)
                number += len(batch)
                continue
        for cells in batch:
            if len(cells) > last and pick is not None:
                values = pick(cells)
            else:
                width = len(cells)
                values = tuple(cells[c] if c < width else "" for c in positions)
            first = values[0]
            # The first cell is nearly always filled: decided without a call.
            if (first and first.__class__ is str and not first.isspace()) or not all(
                map(is_blank, values)
            ):
                yield number, values
            number += 1


# Rows looked at together by `_table_records`: few enough that a file's blank tail costs no memory.
_RECORD_BATCH = 1_000
_first = operator.itemgetter(0)


# --- The importer: stages 2 and 3 -----------------------------------------------------


def _counted(records: Iterable[tuple], result: ImportResult) -> Iterator[tuple]:
    for record in records:
        result.rows += 1
        yield record


class SeenKeys:
    """The natural keys of the rows read so far, to name a duplicate with the row it repeats.

    Memory stays flat however long the file. A key is kept as its 64-bit hash
    and, as a number, where its row was (its *place*, counted across the file:
    a sheet's first place plus its row number, so the sheet is found again by
    bisecting the sheets' first places), in a *ledger*: in an import, a
    temporary table of the import's own transaction (`TableLedger`). In memory
    there is only a Bloom filter of fixed size (1 MiB), which says of each key
    of a chunk whether it may have been seen; only those few are looked up in
    the ledger, so a clean file costs no lookup at all. Two different keys share
    a 64-bit hash with odds of about 10⁻⁸ in a 400,000-row file; the later is then
    named as repeating the earlier.

    The current chunk's keys stay in a dict until `flush()`.
    """

    BITS = 2**23  # the filter: 1 MiB, some 2 % false positives at a million keys, 10⁻⁸ at 100,000
    PROBES = 6

    def __init__(self, ledger=None):
        import numpy

        self.np = numpy
        self.ledger = ledger if ledger is not None else MemoryLedger()
        self.bits = numpy.zeros(self.BITS // 8, dtype=numpy.uint8)
        self.steps = numpy.arange(self.PROBES, dtype=numpy.uint64)
        self.sheets: list[str] = []  # one entry a run of rows from one sheet
        self.starts: list[int] = []  # the place of row 0 in each run
        self.end = 0  # one past the highest place so far: where a new run starts
        self.chunk: dict[Any, int] = {}

    def add(self, key, sheet: str, number: int) -> tuple[str, int] | None:
        """Note the key; if this chunk had it already, return (sheet, row) of that row instead.

        Keys of earlier chunks are looked up all at once by `flush()`.
        """
        first = self.chunk.get(key)
        if first is not None:
            return self._where(first)
        place = self._run_start(sheet) + number
        if place >= self.end:
            self.end = place + 1
        self.chunk[key] = place
        return None

    def add_rows(
        self, keys: Sequence, sheet: str, numbers: Sequence[int], skip: Container[int] = ()
    ) -> tuple[list[int], list[tuple[int, tuple[str, int]]]]:
        """`add` for each row of one sheet's chunk but those whose index is in `skip`: the indexes
        of the rows kept, and (index, (sheet, row) it repeats) of the rows repeating an earlier
        row of the chunk.

        A chunk of distinct keys, the usual one, is noted in one dict built in C;
        only a chunk that repeats itself goes row by row.
        """
        if not skip and not self.chunk and keys:
            start = self._run_start(sheet)
            places = [start + number for number in numbers]
            chunk = dict(zip(keys, places, strict=True))
            if len(chunk) == len(places):
                self.chunk = chunk
                self.end = max(self.end, max(places) + 1)
                return list(range(len(places))), []
        keep, inside = [], []
        for at, key in enumerate(keys):
            if at in skip:
                continue
            first = self.add(key, sheet, numbers[at])
            if first is None:
                keep.append(at)
            else:
                inside.append((at, first))
        return keep, inside

    def _run_start(self, sheet: str) -> int:
        """The place of row 0 of `sheet` in the current run, a new run begun if the sheet changed."""
        if not self.sheets or self.sheets[-1] != sheet:
            # A new run starts past every place of the last one, so places never overlap.
            self.sheets.append(sheet)
            self.starts.append(self.end)
        return self.starts[-1]

    def _where(self, place: int) -> tuple[str, int]:
        run = bisect.bisect_right(self.starts, place) - 1
        return self.sheets[run], place - self.starts[run]

    def flush(self) -> list[tuple[tuple[str, int], tuple[str, int]]]:
        """Hand the chunk's keys to the ledger; return the chunk's rows that repeat an earlier
        chunk's key, as ((sheet, row), (sheet, row it repeats))."""
        if not self.chunk:
            return []
        np = self.np
        count = len(self.chunk)
        hashes = np.fromiter(map(hash, self.chunk), dtype=np.int64, count=count)
        places = np.fromiter(self.chunk.values(), dtype=np.int64, count=count)
        self.chunk = {}
        cells, masks = self._probes(hashes)
        maybe = np.flatnonzero(((self.bits[cells] & masks) != 0).all(axis=1))
        found = np.zeros(count, dtype=bool)
        repeats = []
        if len(maybe):
            firsts = self.ledger.find(hashes[maybe])
            for at in maybe.tolist():
                first = firsts.get(int(hashes[at]))
                if first is not None:
                    found[at] = True
                    repeats.append((self._where(int(places[at])), self._where(first)))
        new = ~found
        np.bitwise_or.at(self.bits, cells[new].ravel(), masks[new].ravel())
        self.ledger.add(hashes[new], places[new])
        return sorted(repeats)

    def _probes(self, hashes):
        """The filter's byte and bit of each key's probes: shape (keys, PROBES) each."""
        np = self.np
        # Mixed first: an int's hash is the int itself, and neighbouring ints would crowd.
        mixed = hashes.view(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        low, high = mixed & np.uint64(0xFFFFFFFF), (mixed >> np.uint64(32)) | np.uint64(1)
        spots = (low[:, None] + self.steps[None, :] * high[:, None]) & np.uint64(self.BITS - 1)
        return (spots >> np.uint64(3)).astype(np.intp), (
            np.uint8(1) << (spots & np.uint64(7)).astype(np.uint8)
        )


class MemoryLedger:
    """The keys' (hash → first place) in a dict: for `SeenKeys` used without a database."""

    def __init__(self):
        self.firsts: dict[int, int] = {}

    def find(self, hashes) -> dict[int, int]:
        return {h: self.firsts[h] for h in hashes.tolist() if h in self.firsts}

    def add(self, hashes, places) -> None:
        for h, place in zip(hashes.tolist(), places.tolist(), strict=True):
            self.firsts.setdefault(h, place)  # keys sharing a hash: the first row wins


class TableLedger:
    """The keys' (hash, place) in a temporary table of the import's transaction.

    Created on the caller's thread; `add` only queues a chunk's keys, which
    `write` appends on the writer thread with a chunk's records once some
    `WRITE_KEYS` are queued (`take` hands them over); `find` writes any still
    queued first, so it never misses one.
    The table has no index until the first `find`: a clean file never looks a
    key up, and appending to an unindexed table is the cheapest write there is.
    Keys sharing a hash keep their first row (the least place). A failed
    import's rollback removes the table with everything else; `drop` removes it
    after a good one, since the connection outlives the import.
    """

    NAME = "xttm_import_keys"

    def __init__(self, connection, writes=None):
        self.connection = connection
        self.writes = writes  # the `OverlappedWrites` that writes the queued keys, if any
        self.pending: list = []
        self.queued = 0  # keys in `pending`
        self.indexed = False
        self.table = ("temp." if connection.vendor == "sqlite" else "pg_temp.") + self.NAME
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.NAME} (hash bigint NOT NULL, place bigint NOT NULL)"
            )

    # Hashes a look-up asks for at once: within the 999 parameters of old SQLite builds.
    FIND_BATCH = 900

    def find(self, hashes) -> dict[int, int]:
        if self.writes is not None:
            self.writes.wait()  # the writer is done with the connection and the keys it had
        if self.pending:
            self.write(self.connection, self.take(every=True))
        found = {}
        wanted = hashes.tolist()
        with self.connection.cursor() as cursor:
            if not self.indexed:
                cursor.execute(f"CREATE INDEX {self.NAME}_hash ON {self.NAME} (hash)")
                self.indexed = True
            for start in range(0, len(wanted), self.FIND_BATCH):
                params: list = []
                where = among(
                    "hash", wanted[start : start + self.FIND_BATCH], params, self.connection
                )
                cursor.execute(
                    f"SELECT hash, MIN(place) FROM {self.table} WHERE {where} GROUP BY hash",
                    params,
                )
                found.update(cursor.fetchall())
        return found

    def add(self, hashes, places) -> None:
        if len(hashes):
            self.pending.append((hashes.tolist(), places.tolist()))
            self.queued += len(hashes)

    # Keys written at once: two chunks' worth (ten when chunks were 2,000 rows). Each write is
    # a statement of its own, and on the writer thread every statement ends in a wait for the
    # GIL, which the importing thread holds; a write per 2,000-row chunk cost PostgreSQL
    # imports 0.6 s of such waits in 100,000 rows. The queue stays small (two lists of
    # 20,000 integers), so memory is still flat.
    WRITE_KEYS = 20_000

    def take(self, *, every: bool = False) -> list:
        """The queued keys, to write: once `WRITE_KEYS` are queued, or all of them (`every`)."""
        if not every and self.queued < self.WRITE_KEYS:
            return []
        pending, self.pending, self.queued = self.pending, [], 0
        return pending

    def write(self, connection, pending: list) -> None:
        """Append queued keys (on the writer thread: `connection` is the import's, passed in)."""
        if not pending:
            return
        hashes = list(itertools.chain.from_iterable(h for h, _p in pending))
        places = list(itertools.chain.from_iterable(p for _h, p in pending))
        if connection.vendor == "postgresql":
            # COPY, not INSERT … unnest of two arrays: psycopg builds an array value by
            # value, which took three times the CPU (0.06–0.08 s against 0.18–0.23 s
            # for 100,000 keys). The temporary table comes first in the search path.
            with connection.cursor() as cursor:
                copy_rows(cursor, self.NAME, ["hash", "place"], [hashes, places])
        else:
            insert_rows(
                connection, f"INSERT INTO {self.table} (hash, place) VALUES ", [hashes, places]
            )

    def drop(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")


@dataclass
class _Planned:
    row: Row
    instance: models.Model
    created: bool


class Importer:
    """Base of every importer. Subclasses set the class attributes below.

    Hooks, each optional: `clean_<field>(value)` turns a parsed cell into the
    field's value (resolving a reference by its natural key), `clean_row(values,
    row)` checks fields together, `new_instance(values)` builds a new record,
    `refuse_change(instance)` returns a reason when the actor may not change
    an existing record.
    """

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""  # plural, for page titles: "doanh nghiệp"
    model: ClassVar[type[models.Model]]
    key: ClassVar[str]  # the natural key: the model field a row is matched on
    columns: ClassVar[tuple[Column, ...]] = ()
    sheet_title: ClassVar[str] = "Dữ liệu"

    def __init__(self, actor=None):
        self.actor = actor
        self._check_columns()

    # -- hooks --

    def clean_row(self, values: dict, row: Row) -> dict:
        return values

    def new_instance(self, values: dict) -> models.Model:
        return self.model()

    def refuse_change(self, instance: models.Model) -> str | None:
        return None

    # -- running --

    def run(self, source, *, filename: str = "", dry_run: bool = False) -> ImportResult:
        result = ImportResult(dry_run=dry_run)
        # The bound as set now; readers bind it, and which columns need reading cell by cell.
        for name in ("_max_chars", "_readers", "_careful"):
            self.__dict__.pop(name, None)
        try:
            tables = self.parse(source, filename=filename)
            if not self.counts_rows:
                for table in tables:
                    table.records = _counted(table.records, result)
            self.validate_and_save(tables, result, dry_run=dry_run)
        except ImportFileError as exc:
            # Raised while rows stream in (a CSV longer than the bound): the file as a whole fails,
            # and an importer that writes as it reads has rolled its transaction back.
            result.errors.clear()
            result.file_error = True
            result.created = result.updated = result.unchanged = 0
            result.add_error(str(exc))
        return result

    def validate_and_save(self, tables: list[Table], result: ImportResult, *, dry_run: bool):
        """Validate every row, then save them all or none (importers that stream override this)."""
        plan = self.validate(tables, result)
        if not result.errors:
            self.save(plan, result, dry_run=dry_run)

    def parse(self, source, *, filename: str = "") -> list[Table]:
        tables = []
        for sheet, rows in iter_sheets(source, filename=filename, clean=False):
            table = find_table(sheet, rows, self.columns, lazy=True)
            if table is not None:
                tables.append(table)
        if not tables:
            raise ImportFileError(
                _(
                    "Không tìm thấy dòng tiêu đề trong {count} dòng đầu của tệp. "
                    "Tiêu đề cột cần có: {headers}."
                ).format(count=HEADER_SCAN_ROWS, headers=", ".join(c.header for c in self.columns))
            )
        return tables

    def validate(self, tables: list[Table], result: ImportResult) -> list[_Planned]:
        cleaned: list[tuple[Row, dict, dict[str, str]]] = []
        seen: dict[Any, Row] = {}
        key_column = self.column(self.key)
        for table in tables:
            missing = [
                c.header for c in self.columns if c.required and c.field not in table.headers
            ]
            if missing:
                result.add_error(
                    _("Thiếu cột bắt buộc: {columns}.").format(columns=", ".join(missing)),
                    sheet=table.sheet,
                    row=table.header_row,
                )
                continue
            for row in table.rows:
                values = self.clean_cells(row, table.headers, result)
                if values is None:
                    continue
                key = values[self.key]
                if key in seen:
                    first = seen[key]
                    result.add_error(
                        _("{column} “{value}” trùng với dòng {row} (trang “{sheet}”).").format(
                            column=key_column.header, value=key, row=first.number, sheet=first.sheet
                        ),
                        sheet=row.sheet,
                        row=row.number,
                        column=table.headers[self.key],
                    )
                    continue
                seen[key] = row
                cleaned.append((row, values, table.headers))
        if result.errors:
            return []
        existing = self.model._default_manager.in_bulk(list(seen), field_name=self.key)
        plan = []
        for row, values, headers in cleaned:
            instance = existing.get(values[self.key])
            created = instance is None
            if created:
                instance = self.new_instance(values)
            # Asked before the row's values land on the instance, so the reason names the record as stored.
            refusal = None if created else self.refuse_change(instance)
            changed = self.apply(instance, values)
            if not created and not changed:
                result.unchanged += 1
                continue
            if reason := refusal:
                result.add_error(reason, sheet=row.sheet, row=row.number, column=headers[self.key])
                continue
            if self.full_clean(instance, values, row, headers, result):
                plan.append(_Planned(row, instance, created))
        return plan

    # True when `validate_and_save` counts the rows it reads (`ImportResult.rows`) itself, a
    # chunk at a time, instead of through a generator step per row.
    counts_rows: ClassVar[bool] = False

    # Fields whose cells repeat down a sheet (an activity code, a tax code, a currency): their
    # parsed values are memoised per import, bounded, so a 400,000-row file parses each once.
    repeated_fields: ClassVar[tuple[str, ...]] = ()
    MEMO_SIZE: ClassVar[int] = 4_096

    def cell_readers(self, headers: dict[str, str]) -> list[tuple[Column, str, Callable, int]]:
        """For the columns a sheet has: (column, header as written, raw cell → value, the cell's
        place in a record), chosen once per sheet and run.

        The reader parses, applies `clean_<field>` and the model field's validators
        (length, digits, range), so a value is said wrong on its own cell. It
        raises `_Blank` for a blank or over-long cell, which `read_columns` words.
        """
        cached = getattr(self, "_readers", None)
        if cached is not None and cached[0] is headers:
            return cached[1]
        places = {name: index for index, name in enumerate(headers)}
        readers = []
        for column in self.columns:
            if column.field not in headers:
                continue
            read = self._reader(column)
            if column.field in self.repeated_fields:
                # The C cache answers a repeated cell without a Python call; blank
                # cells raise, and exceptions are never cached.
                read = functools.lru_cache(maxsize=self.MEMO_SIZE, typed=True)(read)
            readers.append((column, headers[column.field], read, places[column.field]))
        self._readers = (headers, readers)
        return readers

    def _reader(self, column: Column) -> Callable:
        parse = column.parse
        clean = getattr(self, f"clean_{column.field}", None)
        model_field = self._model_field(column.field)
        validators = (
            model_field.validators
            if model_field is not None and not model_field.is_relation
            else []
        )
        max_chars = self._max_chars
        checks = [(_quick_check(validator), validator) for validator in validators]
        # The usual column has one validator with a quick check (a length, a number's digits).
        quick = checks[0][0] if len(checks) == 1 else None

        def validate(value):
            try:
                for quick, validator in checks:
                    if quick is None or not quick(value):
                        validator(value)
            except ValidationError:
                # Again through the field, which words the message as a form would.
                model_field.run_validators(value)

        def read(raw):
            if raw.__class__ is str:
                # Cleaned here, not as the sheet is read: a memoised column cleans each
                # distinct value once.
                raw = raw.strip() if raw.isascii() else clean_cell(raw)
                if not raw or len(raw) > max_chars:
                    raise _Blank
            elif raw is None:
                raise _Blank
            value = parse(raw)
            if clean is not None:
                value = clean(value)
            if quick is not None:
                if not quick(value):
                    model_field.run_validators(value)
            elif checks:
                validate(value)
            return value

        return read

    def read_columns(
        self, records: Sequence[tuple[int, tuple]], headers: dict[str, str]
    ) -> tuple[dict[str, list], list[tuple[int, int, str, str]]]:
        """The records' values column by column, {field: [value or BLANK]}, and the wrong
        cells as (record index, column place, message, header as written).

        A column is read in one `map` first, which stops at the first blank or
        wrong cell; only such a column is read again cell by cell (and, for the
        rest of the run, cell by cell at once), so a clean column costs one call
        a cell and no Python loop.
        """
        values: dict[str, list] = {}
        wrong: list[tuple[int, int, str, str]] = []
        careful = self.__dict__.setdefault("_careful", set())
        # Rows to columns in one C call; every record has a cell for each header.
        by_place = list(zip(*(cells for _number, cells in records), strict=True))
        for place, (column, header, read, index) in enumerate(self.cell_readers(headers)):
            raws = by_place[index]
            if column.field not in careful:
                try:
                    values[column.field] = list(map(read, raws))
                    continue
                except (_Blank, CellError, ValidationError):
                    careful.add(column.field)
            values[column.field] = self._read_each(column, header, read, raws, place, wrong)
        return values, wrong

    def _read_each(self, column, header, read, raws, place, wrong) -> list:
        """One column cell by cell: a blank cell is BLANK (an error when required), a wrong one is
        BLANK with its message in `wrong`."""
        out = []
        max_chars = self._max_chars
        for at, raw in enumerate(raws):
            raw = clean_cell(raw)
            if raw is None or (isinstance(raw, str) and not raw):
                if column.required:
                    wrong.append(
                        (at, place, _("Thiếu {column}.").format(column=column.header), header)
                    )
                # A blank cell leaves an existing record's value alone.
                out.append(BLANK)
                continue
            try:
                if isinstance(raw, str) and len(raw) > max_chars:
                    raise CellError(
                        _("Ô dài quá {limit} ký tự.").format(limit=_thousands(max_chars))
                    )
                out.append(read(raw))
                continue
            except CellError as exc:
                wrong.append((at, place, exc.message, header))
            except ValidationError as exc:
                wrong.append((at, place, " ".join(exc.messages), header))
            out.append(BLANK)
        return out

    @staticmethod
    def add_cell_errors(sheet: str, numbers: Sequence[int], wrong, result: ImportResult) -> None:
        """Name the wrong cells row by row, each row's cells in the order of the columns."""
        for at, _place, message, header in sorted(wrong, key=operator.itemgetter(0, 1)):
            result.add_error(message, sheet=sheet, row=numbers[at], column=header)

    def clean_cells(self, row: Row, headers: dict[str, str], result: ImportResult) -> dict | None:
        cells = tuple(row.cells.get(name, "") for name in headers)
        return self.clean_record(row.sheet, row.number, cells, headers, result, row)

    def clean_record(
        self,
        sheet: str,
        number: int,
        cells: tuple,
        headers: dict[str, str],
        result: ImportResult,
        row: Row | None = None,
    ) -> dict | None:
        """The row's values by field, or None when a cell is wrong (each wrong cell is named).

        `cells` are in the order of `headers`; `row` is built for `clean_row` only
        when the importer has one. Blank cells are left out of the values.
        """
        columns, wrong = self.read_columns(((number, cells),), headers)
        if wrong:
            self.add_cell_errors(sheet, (number,), wrong, result)
            return None
        values = {field: cell[0] for field, cell in columns.items() if cell[0] is not BLANK}
        if type(self).clean_row is Importer.clean_row:
            return values
        if row is None:
            row = Row.of(sheet, number, headers, cells)
        try:
            return self.clean_row(values, row)
        except CellError as exc:
            result.add_error(
                exc.message,
                sheet=sheet,
                row=number,
                column=headers.get(exc.field, "") if exc.field else "",
            )
            return None

    @cached_property
    def _max_chars(self) -> int:
        return limit("MAX_CELL_CHARS")

    def apply(self, instance: models.Model, values: dict) -> bool:
        """Set the row's values on the instance; True when anything differs from what was stored."""
        changed = False
        for name, value in values.items():
            model_field = instance._meta.get_field(name)
            if model_field.is_relation:
                old = getattr(instance, model_field.attname)
                new = value.pk if value is not None else None
            else:
                old, new = getattr(instance, name), value
            if old != new:
                setattr(instance, name, value)
                changed = True
        return changed

    def full_clean(self, instance, values, row: Row, headers, result: ImportResult) -> bool:
        # References were resolved from loaded rows, so checking them again
        # would cost one query per row and cell for nothing.
        exclude = [
            f.name
            for f in instance._meta.concrete_fields
            if f.is_relation and getattr(instance, f.attname) is not None
        ]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                result.add_error(
                    " ".join(messages),
                    sheet=row.sheet,
                    row=row.number,
                    column=self._column_label(name, headers),
                )
            return False
        return True

    def save(self, plan: list[_Planned], result: ImportResult, *, dry_run: bool) -> None:
        """Save every planned row in one transaction; any failure (or a dry run) rolls all back."""
        with transaction.atomic():
            for item in plan:
                if self.actor is not None:
                    item.instance._history_user = self.actor  # django-simple-history
                try:
                    item.instance.save()
                except DatabaseError as exc:
                    result.add_error(
                        _("Không lưu được dòng này: {reason}").format(reason=exc),
                        sheet=item.row.sheet,
                        row=item.row.number,
                    )
                    break
                if item.created:
                    result.created += 1
                else:
                    result.updated += 1
            if dry_run or result.errors:
                transaction.set_rollback(True)
        if result.errors:
            result.created = result.updated = result.unchanged = 0

    # -- helpers --

    @classmethod
    def column(cls, name: str) -> Column:
        for column in cls.columns:
            if column.field == name:
                return column
        raise KeyError(name)

    def _model_field(self, name: str):
        try:
            return self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    def _column_label(self, name: str, headers: dict[str, str]) -> str:
        if name in headers:
            return headers[name]
        model_field = self._model_field(name)  # None for NON_FIELD_ERRORS
        return str(model_field.verbose_name) if model_field is not None else ""

    @classmethod
    def _check_columns(cls) -> None:
        owner: dict[str, str] = {}
        for column in cls.columns:
            for key in column.keys():
                if owner.setdefault(key, column.field) != column.field:
                    raise ImproperlyConfigured(
                        f"{cls.__name__}: header alias {key!r} names both "
                        f"{owner[key]!r} and {column.field!r}"
                    )
        if cls.columns and cls.key not in {c.field for c in cls.columns}:
            raise ImproperlyConfigured(f"{cls.__name__}: the natural key {cls.key!r} has no column")

    # -- the blank template --

    @classmethod
    def template_filename(cls) -> str:
        return f"mau-nhap-{cls.name}.xlsx"

    @classmethod
    def template_workbook(cls) -> bytes:
        """A blank xlsx with the Vietnamese headers, drop-downs for choices and a guide sheet."""
        from openpyxl import Workbook
        from openpyxl.styles import Font, PatternFill
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        wb = Workbook()
        ws = wb.active
        ws.title = cls.sheet_title[:31]
        ws.freeze_panes = "A2"
        required_fill = PatternFill("solid", fgColor="FFF2CC")
        for index, column in enumerate(cls.columns, start=1):
            letter = get_column_letter(index)
            cell = ws.cell(row=1, column=index, value=column.header)
            cell.font = Font(bold=True)
            if column.required:
                cell.fill = required_fill
            ws.column_dimensions[letter].width = max(14, min(45, len(column.header) + 6))
            for row in range(2, 1002):
                ws.cell(row=row, column=index).number_format = column.number_format
            options = ",".join(column.options)
            if column.options and len(options) <= 250 and '"' not in options:
                validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
                validation.add(f"{letter}2:{letter}1001")
                ws.add_data_validation(validation)

        guide = wb.create_sheet(_("Hướng dẫn"))
        guide.append([_("Cột"), _("Bắt buộc"), _("Ghi chú")])
        for cell in guide[1]:
            cell.font = Font(bold=True)
        for column in cls.columns:
            note = column.hint
            if column.options:
                note = " ".join(
                    filter(
                        None,
                        [note, _("Giá trị: {options}.").format(options="; ".join(column.options))],
                    )
                )
            guide.append([column.header, _("Có") if column.required else "", note])
        guide.append([])
        guide.append(
            [
                _(
                    "Có thể để dòng tiêu đề, tên bảng phía trên dòng tiêu đề cột. "
                    "Ô để trống giữ nguyên giá trị đang có. Tệp chỉ được lưu khi mọi dòng đều hợp lệ."
                )
            ]
        )
        guide.column_dimensions["A"].width = 28
        guide.column_dimensions["B"].width = 10
        guide.column_dimensions["C"].width = 90
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()


def options_of(choices: type[models.Choices]) -> tuple[str, ...]:
    return tuple(str(label) for label in choices.labels)
