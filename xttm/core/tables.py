"""Tables that render without per-cell templates: a date column, and table bodies in Python."""

import datetime
import decimal
import functools
import inspect

import django_countries
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.template import Context
from django.template.base import render_value_in_context
from django.templatetags import l10n
from django.utils import formats, translation
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django_tables2 import Column, Table
from django_tables2.columns import DateColumn, library
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.columns.manytomanycolumn import ManyToManyColumn
from django_tables2.rows import BoundRow
from django_tables2.utils import Accessor, signature


@library.register
class FastDateColumn(DateColumn):
    """A DateColumn rendering as its `{{ value|date:… }}` template does, in Python.

    django-tables2's DateColumn is a TemplateColumn: it compiles
    `Template(template_code)` for every cell, which on a list of 25 rows with two
    date columns cost more than the query. Registered after DateColumn, so every
    model DateField of a table defined after this import gets it.
    """

    def __init__(self, format=None, short=True, *args, **kwargs):
        self.date_format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        super().__init__(format, short, *args, **kwargs)

    def render(self, value, **kwargs):
        if type(value) is datetime.date:
            return _date_text(value, self.date_format, translation.get_language())
        try:
            text = formats.date_format(value, self.date_format)
        except AttributeError:  # not a date: as the `date` filter, shown as is
            text = str(value)
        return conditional_escape(text)


@functools.lru_cache(maxsize=8192)
def _date_text(day, date_format, language):
    """A day as the `date` filter writes it in a language: formatted once, not once per cell.

    A list repeats the same days (a deal list is sorted by date), and Django's date
    formatting costs about as much as the rest of the cell. The text depends only on the
    day, the format and the language's formats, so the cache is cleared when settings change.
    """
    return conditional_escape(formats.date_format(day, date_format))


class CountryNameColumn(Column):
    """A country field shown by the country's name, each name looked up once per language.

    The accessor is the field's code (`<field>__code`): the field itself has choices, so
    its cells would go through get_FOO_display (about 250 translated choices). django-countries
    translates a name on each lookup, about 20 µs a cell; a page repeats the same countries.
    A code without a name (not a country) shows the default, as an empty name did. For a
    field with the standard country list (a field's own `countries=` list is not read).
    """

    def render(self, value, bound_column):
        name = country_name(value)
        return name if name else bound_column.default

    def value(self, value):
        return country_name(value) or None


def country_name(code) -> str:
    """What `Country(code).name` returns, looked up once per code and language.

    django-countries keeps its list once built (settings read once); only its
    `countries_context()` changes names for a while, so under one the name is looked up.
    """
    if getattr(django_countries._countries_context, "options", None):
        return django_countries.countries.name(code)
    return _country_name(code, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _country_name(code, language):
    """A country's name in a language (the key only): what `Country(code).name` returns."""
    return django_countries.countries.name(code)


@functools.lru_cache(maxsize=64)
def _decimal_marks(language):
    """How a language writes a Decimal, as formats.localize reads it: a table turning
    Python's `1,234.5` into the language's marks, and whether digits are grouped; None
    when grouping is not by threes (a sequence such as (3, 2, 0)), left to Django."""
    grouping = formats.get_format("NUMBER_GROUPING", language)
    grouped = settings.USE_THOUSAND_SEPARATOR and grouping != 0
    if grouped and (type(grouping) is not int or grouping != 3):
        return None
    marks = str.maketrans(
        {
            ".": formats.get_format("DECIMAL_SEPARATOR", language),
            ",": formats.get_format("THOUSAND_SEPARATOR", language),
        }
    )
    return marks, grouped


def localize_decimal(value) -> str:
    """`formats.localize(value)` for a Decimal, the same text for a fraction of the cost.

    Django looks up the three number formats (through the language's format modules) and
    groups the digits one by one in Python, for every cell: a deals page has 75 amounts.
    Python's own `,f` format writes the digits grouped by threes; the language's marks
    replace Python's. Anything else (grouping not by threes, NaN and infinities, more than
    200 digits, which Django writes in scientific notation) goes to Django.
    """
    marks = _decimal_marks(translation.get_language())
    if marks is None or not isinstance(value, decimal.Decimal) or not value.is_finite():
        return formats.localize(value)
    _, digits, exponent = value.as_tuple()
    if abs(exponent) + len(digits) > 200:
        return formats.localize(value)
    table, grouped = marks
    return format(value, ",f" if grouped else "f").translate(table)


@receiver(setting_changed)
def _forget_formats(**kwargs):
    _date_text.cache_clear()
    _decimal_marks.cache_clear()
    _country_name.cache_clear()


# --- Table bodies written in Python -----------------------------------------------------------
#
# django-tables2's template writes each cell through BoundRow.get_cell: per cell it inspects
# the render method's signature (inspect.signature), rebuilds the column's attrs and runs the
# template's cell loop. On a 25-row page of 14 columns that was most of the page. The body
# below writes the same HTML, doing the per-column work once per column; django-tables2 still
# writes the header, the sort links and the exports.


def _has_callable(attrs) -> bool:
    """Whether a (nested) attrs dict computes a value per cell."""
    return any(
        callable(v) or (isinstance(v, dict) and _has_callable(v)) for v in (attrs or {}).values()
    )


_PLAIN, _WALK, _TABLES2 = "plain", "walk", "tables2"


def _signature(function):
    """django-tables2's signature() of a render method, read once per method: a table
    binds its render methods anew for every rendering, and inspect.signature is slow."""
    if not inspect.ismethod(function):
        return signature(function)
    key = function.__func__
    found = _METHOD_SIGNATURES.get(key)
    if found is None:
        if len(_METHOD_SIGNATURES) > 4096:  # methods made at run time: keep the dict bounded
            _METHOD_SIGNATURES.clear()
        # A bound method's signature is its function's without the first argument, so
        # every binding of the same function has the same one.
        found = _METHOD_SIGNATURES[key] = signature(function)
    return found


_METHOD_SIGNATURES = {}


def _step(current, bit):
    """One step of django-tables2's Accessor.resolve (safe, without callable arguments).

    As resolve: `current[bit]`, else its attribute, else `current[int(bit)]`; a callable is
    called unless it alters data or must not be called in templates. A model without `[]`
    goes to its attribute at once: `[]` on it only raises a TypeError to catch.
    """
    if isinstance(current, models.Model) and not hasattr(type(current), "__getitem__"):
        try:
            current = getattr(current, bit)
        except (TypeError, AttributeError):  # then current[int(bit)]: a model has no []
            raise ValueError(f"Failed lookup for key [{bit}] in {type(current)!r}") from None
    else:
        try:
            current = current[bit]
        except (TypeError, AttributeError, KeyError):
            try:
                current = getattr(current, bit)
            except (TypeError, AttributeError):
                try:
                    current = current[int(bit)]
                except (IndexError, ValueError, KeyError, TypeError):
                    raise ValueError(f"Failed lookup for key [{bit}] in {current!r}") from None
    if callable(current):
        if getattr(current, "alters_data", False):
            raise ValueError(f"Refusing to call {current.__name__}() because `.alters_data = True`")
        if not getattr(current, "do_not_call_in_templates", False):
            current = current()
    return current


class _CellWriter:
    """One column's cells: what BoundRow.get_cell and the cell loop do, set up once per column."""

    def __init__(self, table, bound_column):
        column = bound_column.column
        self.table = table
        self.bound_column = bound_column
        self.column = column
        self.accessor = Accessor(bound_column.accessor)
        self.render = bound_column.render
        args, catch_all = _signature(self.render)
        # None: the render method takes **kwargs and gets every argument.
        self.wants = None if catch_all else args
        self.link = bound_column.link
        self.value_only = not catch_all and list(args) == ["value"] and not self.link
        self.localize = bound_column.localize
        self.empty_values = column.empty_values
        self.many = isinstance(column, ManyToManyColumn)
        self.text_link = isinstance(column, BaseLinkColumn) and column.text is not None
        self.name = str(self.accessor)
        self.plain = {}  # record type -> how its values are read (_way)
        self.fields = {}  # record type -> model field (for get_FOO_display), as get_field finds it
        self.displays = {}  # model -> the field of Django's own get_FOO_display, or None
        self.labels = {}  # field -> {choice: label}, in this rendering's language
        # A callable default is called for each empty cell, as BoundColumn.default does.
        self.static_default = not callable(column._default)
        self.default = bound_column.default if self.static_default else None
        per_cell_attrs = (
            _has_callable(table.attrs.get("td", table.attrs.get("cell")))
            or _has_callable(column.attrs.get("td", column.attrs.get("cell")))
            or type(table).get_column_class_names is not Table.get_column_class_names
        )
        self.td = None if per_cell_attrs else self._td_html()

    def _td_html(self):
        return self.bound_column.attrs["td"].as_html()

    def _field(self, record):
        kind = type(record)
        try:
            return self.fields[kind]
        except KeyError:
            field = self.fields[kind] = self.accessor.get_field(record)
            return field

    def _display(self, obj, name, display):
        """What `obj.get_<name>_display()` returns, its choices' labels read once per column.

        Django's own get_FOO_display rebuilds and hashes every choice (translating each
        label) on each call. A model that writes its own get_FOO_display keeps it.
        """
        kind = type(obj)
        if kind not in self.displays:
            method = inspect.getattr_static(kind, f"get_{name}_display", None)
            own = (
                isinstance(method, functools.partialmethod)
                and method.func is models.Model._get_FIELD_display
            )
            self.displays[kind] = method.keywords["field"] if own else None
        field = self.displays[kind]
        if field is None:
            return display()
        if field not in self.labels:
            self.labels[field] = {
                key: force_str(label, strings_only=True)
                for key, label in make_hashable(field.flatchoices)
            }
        value = getattr(obj, field.attname)
        return self.labels[field].get(make_hashable(value), force_str(value, strings_only=True))

    def _plain(self, record) -> bool:
        """Whether the accessor is one attribute name and the record a model that has no
        `[]`: Accessor.resolve then ends in getattr, after a TypeError per cell."""
        return (
            self.accessor.SEPARATOR not in self.accessor
            and self.accessor != ""
            and isinstance(record, models.Model)
            and not hasattr(type(record), "__getitem__")
        )

    def _attribute(self, record):
        # Accessor.resolve for one name on a model: an attribute, called if callable
        # (refused if it alters data), None as is.
        value = getattr(record, self.name)
        if callable(value):
            if getattr(value, "alters_data", False):
                raise ValueError(
                    f"Refusing to call {value.__name__}() because `.alters_data = True`"
                )
            if not getattr(value, "do_not_call_in_templates", False):
                value = value(*self.accessor.callable_args, **self.accessor.callable_kwargs)
        return value

    def cell(self, row, record):
        """The rendered cell (as BoundRow.get_cell), or the column's default when empty."""
        value = None
        way = self.plain.get(type(record))
        if way is None:
            way = self.plain[type(record)] = self._way(record)
        failed = False
        if (
            way is _PLAIN
        ):  # what Accessor.penultimate gives for one name on a model, without parsing
            penultimate, remainder = record, self.name
        elif way is _WALK:
            penultimate, remainder, failed = self._walk(record)
        else:
            penultimate, remainder = self.accessor.penultimate(record)
        if isinstance(penultimate, models.Model):
            try:
                field = self._field(record)
                # The display method is looked for only on a field with choices: on the
                # others the lookup is a failed getattr per cell.
                if getattr(field, "choices", ()):
                    display = getattr(penultimate, f"get_{remainder}_display", None)
                    if display:
                        value = self._display(penultimate, remainder, display)
                        remainder = None
            except FieldDoesNotExist:
                pass
        if remainder:
            try:
                if way is _PLAIN:
                    value = self._attribute(record)
                elif way is _WALK:
                    if failed:  # the path raised: Accessor.resolve raises at the same step
                        raise ValueError(self.name)
                    if penultimate is not None:  # else the walk stopped at None, as resolve does
                        value = _step(penultimate, remainder)
                else:
                    value = self.accessor.resolve(record)
            except Exception:
                if self.text_link:
                    return self._render(row, record, None)
        if value in self.empty_values or (self.many and not value.exists()):
            return self.default if self.static_default else self.bound_column.default
        return self._render(row, record, value)

    def _way(self, record):
        if self._plain(record):
            return _PLAIN
        # Several names, no arguments for callables, a record that is not a dict (whose own
        # "a__b" key would win): the path is walked once, not once for penultimate() and
        # again for resolve(), and a model's attributes are read without trying [] first.
        accessor = self.accessor
        if (
            accessor.SEPARATOR in accessor
            and not accessor.callable_args
            and not accessor.callable_kwargs
            and not isinstance(record, dict)
        ):
            return _WALK
        return _TABLES2

    def _walk(self, record):
        """(penultimate, remainder, whether the path raised), as Accessor.penultimate(quiet=True)
        finds the penultimate: None when the path meets None or fails."""
        path, _, remainder = self.accessor.rpartition(self.accessor.SEPARATOR)
        current = record
        try:
            for bit in path.split(self.accessor.SEPARATOR):
                current = _step(current, bit)
                if current is None:
                    return None, remainder, False
        except Exception:
            return None, remainder, True
        return current, remainder, False

    def _render(self, row, record, value):
        if self.value_only:  # most columns: render(value), no link, no other argument to build
            return self.render(value=value)
        kwargs = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": self.table,
        }
        if self.wants is None:
            content = self.render(**kwargs)
        elif all(arg in kwargs for arg in self.wants):
            content = self.render(**{arg: kwargs[arg] for arg in self.wants})
        else:
            content = None  # as call_with_appropriate: an argument it cannot be given
        return self.link(content, **kwargs) if self.link else content

    def td_html(self, row, record, cell):
        if self.td is not None:
            return self.td
        # Attrs computed from the cell: BoundColumn.attrs reads what BoundRow.items() sets.
        self.bound_column.current_value = cell
        self.bound_column.current_record = record
        return self._td_html()

    def text(self, cell, context):
        """The cell as the template's `{% if column.localize == None %}{{ cell }}…` writes it."""
        if callable(cell) and not getattr(cell, "do_not_call_in_templates", False):
            # As the template's variable lookup: called, unless it alters data.
            cell = "" if getattr(cell, "alters_data", False) else cell()
        if self.localize is None:
            # Most cells are text or markup a render method wrote: localizing and the
            # timezone leave those unchanged, so only the escaping remains.
            kind = cell.__class__
            if kind is SafeString:
                return cell
            if kind is str:
                return conditional_escape(cell) if context.autoescape else cell
            if kind is decimal.Decimal and context.use_l10n is None:
                # A Decimal under the timezone stays itself; localized as render_value_in_context does.
                text = localize_decimal(cell)
                return conditional_escape(text) if context.autoescape else text
        elif self.localize:
            cell = l10n.localize(cell)
        else:
            cell = l10n.unlocalize(cell)
        return render_value_in_context(cell, context)


def head_html(table, request) -> str:
    """The `<thead>` as django-tables2's template writes it (sort links by querystring_replace).

    The template resolved about ten variables and a `{% querystring_replace %}` per column
    through the template engine: 0.6 ms for the deals list's eleven columns.
    """
    if not table.show_header:
        return ""
    if request is None:  # as querystring_replace, which needs the request's query
        raise ImproperlyConfigured(
            "Tables need the request (django.template.context_processors.request)."
        )
    context = Context(autoescape=True)
    field = table.prefixed_order_by_field
    out = [f"<thead {table.attrs['thead'].as_html()}>\n<tr>"]
    for column in table.columns:
        header = render_value_in_context(column.header, context)
        if column.orderable:
            params = dict(request.GET)
            if field not in ("", None):
                params[field] = column.order_by_alias.next
            link = escape("?" + urlencode(params, doseq=True))
            header = f'<a href="{link}">{header}</a>'
        out.append(f'\n<th {column.attrs["th"].as_html()} scope="col">{header}</th>')
    out.append("\n</tr>\n</thead>")
    return mark_safe("".join(out))  # noqa: S308 - attrs, headers and links are escaped


def body_html(table) -> str:
    """The `<tr>` rows of a table's `<tbody>`, as django-tables2's template writes them.

    Every value is autoescaped as the template does (render_value_in_context); links,
    choices' labels, defaults for empty cells and localisation follow the columns.
    """
    context = Context(autoescape=True)
    writers = [_CellWriter(table, column) for column in table.columns]
    plain_rows = not table.row_attrs
    out = []
    record = cell = None
    for row in table.paginated_rows:
        record = row.record
        if plain_rows and type(row) is BoundRow:
            out.append(f'<tr class="{row.get_even_odd_css_class()}">')
        else:
            out.append(f"<tr {row.attrs.as_html()}>")
        for writer in writers:
            cell = writer.cell(row, record)
            out.append(f"<td {writer.td_html(row, record, cell)}>{writer.text(cell, context)}</td>")
        out.append("</tr>")
    if not out and table.empty_text:
        text = render_value_in_context(table.empty_text, context)
        out.append(f'<tr><td colspan="{len(table.columns)}">{text}</td></tr>')
    for writer in writers:
        # As BoundRow.items() leaves them, for a footer's computed attrs.
        writer.bound_column.current_value = cell
        writer.bound_column.current_record = record
    return mark_safe("".join(out))
