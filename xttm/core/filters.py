"""Base FilterSets: fast drop-downs, and a diacritic-insensitive `q` search shared by pages, API and exports."""

import functools

import django_filters
from django import forms
from django.forms.widgets import ChoiceWidget
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    # As Django's attrs.html: False leaves the attribute out, True writes its bare name.
    out = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        if value is True:
            out.append(f" {name}")
        else:
            out.append(f' {name}="{conditional_escape(str(value))}"')
    return "".join(out)


class FastSelectMixin:
    """A `<select>` written in Python, not through a template per `<option>`.

    Django renders each option with its own template include: about 40 µs an
    option, so the 250 countries of the deals filter or the units of the
    people filter cost more than the table of the page. The HTML is the same
    as Django's select.html (same context from `get_context`).
    """

    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name != SELECT_TEMPLATE or self.option_template_name != OPTION_TEMPLATE:
            return super().render(name, value, attrs, renderer)
        # Widget.get_context, not ChoiceWidget's: the options are written below, once.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        if type(self).optgroups is ChoiceWidget.optgroups:
            value = widget["value"]
            key = _choices_key(self.choices)
            if key is None:  # groups, or labels that are not text: written each time
                parts.append(_write_options(_plain_groups(self.choices, value)))
            else:
                # NullBooleanSelect's value is one string, matched by `in` as text: kept whole.
                parts.append(
                    _cached_options(key, value if isinstance(value, str) else tuple(value))
                )
        else:  # a widget choosing its own options (ChosenOnlySelect)
            groups = (
                (group, [(o["value"], o["label"], o["selected"]) for o in options])
                for group, options, _index in self.optgroups(name, widget["value"], attrs)
            )
            parts.append(_write_options(groups))
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _write_options(groups) -> str:
    parts = []
    for group_name, options in groups:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option_value, label, selected in options:
            parts.append(
                f'\n  <option value="{conditional_escape(str(option_value))}"'
                f"{' selected' if selected else ''}>{conditional_escape(label)}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    return "".join(parts)


def _plain_groups(choices, value):
    # ChoiceWidget.optgroups without a dict per option: the first match is selected, and
    # `in value` as Django has it (NullBooleanSelect's value is a string, not a list).
    found = False
    for option_value, option_label in choices:
        if isinstance(option_label, list | tuple):
            group, sub_choices = option_value, option_label
        else:
            group, sub_choices = None, [(option_value, option_label)]
        options = []
        for sub_value, sub_label in sub_choices:
            sub_value = "" if sub_value is None else sub_value
            selected = not found and str(sub_value) in value
            found = found or selected
            options.append((sub_value, sub_label, selected))
        yield group, options


def _choices_key(choices) -> tuple | None:
    """The choices as a hashable key of what they render to, or None when they cannot be one.

    A value renders as its text; a label as its text, escaped unless it is marked safe,
    so the key keeps that mark (a safe and a plain label of the same text differ).
    """
    key = []
    for option_value, label in choices:
        if isinstance(label, list | tuple) or not isinstance(label, str | Promise):
            return None
        # As conditional_escape sees it: a lazy label is made text first, and may come out safe.
        text = str(label) if isinstance(label, Promise) else label
        safe = isinstance(text, SafeData)
        key.append(("" if option_value is None else str(option_value), str(text), safe))
    return (get_language(), tuple(key))


@functools.lru_cache(maxsize=256)
def _cached_options(key: tuple, value: tuple) -> str:
    # The 250 countries, the leads, the kinds…: the same options on every list request, each
    # escaped and written once per language, choice list and selection, not on every request.
    _language, rows = key
    choices = [(v, mark_safe(label) if safe else label) for v, label, safe in rows]  # noqa: S308
    return _write_options(_plain_groups(choices, value))


@functools.cache
def _fast_class(cls):
    return type(f"Fast{cls.__name__}", (FastSelectMixin, cls), {})


class OneQueryChoices(forms.models.ModelChoiceIterator):
    """A model drop-down's rows read by one plain query.

    Django's ModelChoiceIterator reads them through QuerySet.iterator(): on PostgreSQL
    a server-side cursor (DECLARE … WITH HOLD, FETCH, CLOSE: several round trips) for a
    list of units or provinces that fits in one answer. The choices are the same.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


@functools.cache
def _one_query_class(cls):
    if cls is forms.models.ModelChoiceIterator:
        return OneQueryChoices
    # Below the iterator's own class in its MRO, so django-filter's null choice stays.
    return type(f"OneQuery{cls.__name__}", (cls, OneQueryChoices), {})


def speed_up_selects(form):
    """Give every single-choice drop-down of the form the Python renderer (keeping its own class)
    and its model rows in one query."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select) and not isinstance(widget, FastSelectMixin):
            if not widget.allow_multiple_selected:
                widget.__class__ = _fast_class(type(widget))
        iterator = getattr(field, "iterator", None)
        if isinstance(iterator, type) and issubclass(iterator, forms.models.ModelChoiceIterator):
            if not issubclass(iterator, OneQueryChoices):
                field.iterator = _one_query_class(iterator)
                widget.choices = field.choices
    return form


@functools.lru_cache(maxsize=16)
def _country_choices(language: str) -> tuple:
    # django-countries translates and sorts ~250 names on every iteration; the list only
    # changes with the language (the names are static), so it is made once per language.
    return tuple((code, str(name)) for code, name in countries)


def country_choices():
    """Every country as (code, name), sorted in the active language; made once per language."""
    return list(_country_choices(get_language() or ""))


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose drop-downs render in Python (see FastSelectMixin), countries made once."""

    @classmethod
    def filter_for_field(cls, field, field_name, lookup_expr=None):
        made = super().filter_for_field(field, field_name, lookup_expr)
        if isinstance(field, CountryField) and isinstance(made, django_filters.ChoiceFilter):
            made.extra["choices"] = country_choices
        return made

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = speed_up_selects(super().form)
            for name, field in form.fields.items():
                if isinstance(field.widget, SearchSelect):
                    # What was typed in the picker's search box, for its options (no JavaScript).
                    field.widget.search_text = self.data.get(f"{form.add_prefix(name)}_search", "")
        return self._form


class SearchFilterSet(FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Tìm kiếm"))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class ChosenOnlySelect(forms.Select):
    """A filter's drop-down that lists only the chosen row, not the whole table.

    For filters over tens of thousands of rows (activities): listing them all
    cost seconds and megabytes on every list page and helped nobody choose.
    The value arrives from links (an activity's page links to its deals); the
    drop-down shows it, so the filter stays visible and can be cleared.
    """

    def optgroups(self, name, value, attrs=None):
        every = self.choices
        queryset = getattr(every, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)
        chosen = [v for v in value if str(v).isdigit()]
        rows = list(queryset.filter(pk__in=chosen)) if chosen else []
        self.choices = [("", every.field.empty_label or "")] + [every.choice(r) for r in rows]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every


def _option(value, label, selected=False, disabled=False) -> str:
    return (
        f'\n  <option value="{conditional_escape(str(value))}"'
        f"{' selected' if selected else ''}{' disabled' if disabled else ''}>"
        f"{conditional_escape(label)}</option>"
    )


class SearchSelect(FastSelectMixin, forms.Select):
    """A model drop-down that lists every row while they are few, and becomes a search above that.

    Both, because both kinds of agency exist: a real one has about 30 units, and a
    plain drop-down is the quickest way to pick one of 30 (the browser's type-ahead
    included); the national test data has 2,000, which nobody scrolls, and whose
    options cost the people list most of its time on every request.

    Up to `few` rows it is the fast `<select>` of every row. Above, the `<select>`
    holds only the chosen row and the rows matching the search box written above
    it (`<name>_search`, at most `shown` of them). As one types, htmx asks
    `search_url` for those options (the same query string as the list page: the
    field's value and its search text) and puts them in the `<select>`; without
    JavaScript, Enter in the box submits the filter form and the page lists the
    matches the same way. Choosing stays a native `<select>`, so the keyboard and
    screen readers work as on every other filter; the box has its own label.

    The rows are the field's queryset (a `for_user` scope), searched with its `search()`.
    """

    few = 200
    shown = 30
    search_text = ""

    def __init__(self, attrs=None, choices=(), *, search_url: str, search_label, placeholder=""):
        super().__init__(attrs, choices)
        self.search_url = search_url
        self.search_label = search_label
        self.placeholder = placeholder

    def _queryset(self):
        return getattr(self.choices, "queryset", None)

    def is_searched(self) -> bool:
        """More rows than `few`: the picker searches instead of listing (one query of at most few+1 keys)."""
        queryset = self._queryset()
        if queryset is None:
            return False
        keys = queryset.order_by().values_list("pk", flat=True)[: self.few + 1]
        return len(keys) > self.few

    def options_html(self, value, text: str = "") -> str:
        """The `<option>`s of the searched picker: none, the chosen row(s), then the matches."""
        every = self.choices
        queryset = self._queryset()
        value = value if isinstance(value, list | tuple) else [value]
        keys = [str(v) for v in value if str(v).isdigit()]
        chosen = list(queryset.filter(pk__in=keys)) if keys else []
        parts = [_option("", every.field.empty_label or "")]
        parts += [_option(*every.choice(row), selected=True) for row in chosen]
        text = (text or "").strip()
        if text:
            found = list(
                queryset.search(text).exclude(pk__in=[row.pk for row in chosen])[: self.shown + 1]
            )
            parts += [_option(*every.choice(row)) for row in found[: self.shown]]
            if len(found) > self.shown:
                hint = gettext("Chỉ hiện {shown} kết quả đầu; gõ thêm để thu hẹp.").format(
                    shown=self.shown
                )
                parts.append(_option("", hint, disabled=True))
            elif not found:
                parts.append(_option("", gettext("Không tìm thấy kết quả nào."), disabled=True))
        return "".join(parts)

    def render(self, name, value, attrs=None, renderer=None):
        if not self.is_searched():
            return super().render(name, value, attrs, renderer)  # every row, FastSelectMixin
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        select_attrs = {"id": f"id_{name}", **widget["attrs"]}
        select_id = select_attrs["id"]
        search_attrs = {
            "type": "search",
            "name": f"{name}_search",
            "id": f"{select_id}_search",
            "value": self.search_text,
            # Written as "form-control" alone, so bs_small makes it small beside the select.
            "class": "form-control mb-1",
            "placeholder": self.placeholder,
            "aria-label": self.search_label,
            "aria-controls": select_id,
            "autocomplete": "off",
            "hx-get": reverse(self.search_url),
            "hx-trigger": "input changed delay:300ms, search",
            "hx-include": f"#{select_id}",
            "hx-target": f"#{select_id}",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
        }
        return mark_safe(  # noqa: S308 - every value is escaped by _attrs and _option
            f"<input{_attrs(search_attrs)}>"
            f'<select name="{conditional_escape(widget["name"])}"{_attrs(select_attrs)}>'
            f"{self.options_html(widget['value'], self.search_text)}\n</select>"
        )
