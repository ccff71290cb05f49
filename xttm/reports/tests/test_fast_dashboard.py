"""The dashboard's tables and filter drop-downs written in Python are the HTML its template loops wrote."""

from decimal import Decimal

from django import forms
from django.template import Context, Template

from xttm.reports.views import _options_html, _rows_html

# The loops the dashboard's templates had before (reports/_table.html and the filter form).
ROWS_TEMPLATE = Template(
    "{% load reports %}"
    '{% for row in rows %}<tr>{% for cell in row %}{% if forloop.first %}<th scope="row">{{ cell }}</th>'
    '{% elif cell is None %}<td class="text-end">—</td>'
    '{% elif cell|stringformat:"s" == cell %}<td class="text-end">{{ cell }}</td>'
    '{% else %}<td class="text-end">{{ cell|vn }}</td>{% endif %}{% endfor %}</tr>\n  {% endfor %}'
)
OPTIONS_TEMPLATE = Template(
    '{% for value, label in field.field.choices %}<option value="{{ value }}"'
    '{% if value|stringformat:"s" == field.value|stringformat:"s" %} selected{% endif %}>'
    "{{ label }}</option>{% endfor %}"
)


def test_table_rows_are_the_html_the_template_wrote():
    rows = [
        [2024, 1234567, Decimal("1234.50"), None, "Hồ sơ <mới> & cũ"],
        ["Hà Nội & <b>", 0, Decimal("0"), "—", None],
    ]
    assert _rows_html(rows) == ROWS_TEMPLATE.render(Context({"rows": rows}))


def test_a_table_without_rows_has_an_empty_body():
    assert _rows_html([]) == ""


class DashboardLikeForm(forms.Form):
    country = forms.ChoiceField(choices=[("", "Tất cả"), ("US", "Hoa Kỳ"), ("X&Y", "<X & Y>")])
    lead = forms.TypedChoiceField(choices=[("", "Tất cả"), (12, "Cục XTTM"), (3, "Sở")], coerce=int)
    year_from = forms.IntegerField()


def test_filter_options_are_the_html_the_template_wrote_whichever_is_chosen():
    for data in ({}, {"country": "US", "lead": "12"}, {"country": "X&Y", "lead": "3"}):
        form = DashboardLikeForm(data)
        for field in form:
            expected = OPTIONS_TEMPLATE.render(Context({"field": field}))
            assert _options_html(field) == expected, (data, field.name)
    chosen = _options_html(DashboardLikeForm({"lead": "12"})["lead"])
    assert '<option value="12" selected>Cục XTTM</option>' in chosen
    assert chosen.count("selected") == 1


def test_the_countries_sorted_once_per_language_are_the_list_the_form_built_each_time():
    from django.utils import translation
    from django_countries import countries

    from xttm.reports.filters import foreign_countries

    for language in ("vi", "en"):
        with translation.override(language):
            each_time = [(code, name) for code, name in countries if code != "VN"]
        assert list(foreign_countries(language)) == each_time, language
    assert foreign_countries("vi") != foreign_countries("en")  # named in each language
