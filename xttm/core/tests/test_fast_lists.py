"""List pages' fast parts: drop-downs written in Python, countries made once per language, dates without templates."""

import datetime

import pytest
from django import forms
from django.db import connection
from django.template import Context, Template
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django_countries import countries
from django_tables2.columns import DateColumn

from xttm.core import filters
from xttm.core.tables import FastDateColumn
from xttm.promotion.factories import DealFactory
from xttm.promotion.filters import DealFilterSet
from xttm.promotion.tables import DealTable

CHOICES = [("", "---"), ("a", "A & <b>"), ("Nhóm", [("x", "X"), ("y", "Y")]), (3, "ba")]


@pytest.mark.parametrize("value", ["a", "y", 3, None, "không có"])
def test_the_python_select_is_the_same_html_as_djangos(value):
    attrs = {"class": "form-select", "required": True, "disabled": False}
    django_select = forms.Select(attrs=attrs, choices=CHOICES)
    fast_select = filters._fast_class(forms.Select)(attrs=attrs, choices=CHOICES)
    ours = fast_select.render("n", value, {"id": "id_n"})
    assert parse_html(ours) == parse_html(django_select.render("n", value, {"id": "id_n"}))
    assert "A &amp; &lt;b&gt;" in ours


FLAT = [("", "---"), ("a", "A & <b>"), (3, "ba"), ("s", mark_safe("<i>in nghiêng</i>"))]


@pytest.mark.parametrize("value", ["a", 3, "s", None, ["a", 3]])
def test_flat_options_written_once_are_the_same_html_as_djangos_every_time(value):
    filters._cached_options.cache_clear()
    fast_select = filters._fast_class(forms.Select)(choices=FLAT)
    first, again = fast_select.render("n", value), fast_select.render("n", value)
    assert filters._cached_options.cache_info().hits == 1
    expected = parse_html(forms.Select(choices=FLAT).render("n", value))
    assert parse_html(first) == parse_html(again) == expected


def test_a_label_marked_safe_and_a_plain_label_of_the_same_text_are_not_confused():
    plain = filters._fast_class(forms.Select)(choices=[("a", "<i>x</i>")]).render("n", "")
    safe = filters._fast_class(forms.Select)(choices=[("a", mark_safe("<i>x</i>"))]).render("n", "")
    assert "&lt;i&gt;x&lt;/i&gt;" in plain
    assert "<i>x</i>" in safe


def test_a_lazy_label_that_comes_out_safe_is_not_confused_with_plain_text():
    safe_later = lazy(lambda: mark_safe("<b>x</b>"), str)()
    plain = filters._fast_class(forms.Select)(choices=[("a", "<b>x</b>")]).render("n", "")
    lazy_safe = filters._fast_class(forms.Select)(choices=[("a", safe_later)]).render("n", "")
    assert "&lt;b&gt;x&lt;/b&gt;" in plain
    assert "<b>x</b>" in lazy_safe
    assert parse_html(lazy_safe) == parse_html(
        forms.Select(choices=[("a", safe_later)]).render("n", "")
    )


def test_translated_labels_are_written_in_the_language_of_the_request():
    choices = [("contract", gettext_lazy("Hợp đồng"))]
    fast_select = filters._fast_class(forms.Select)(choices=choices)
    with translation.override("vi"):
        vietnamese = fast_select.render("n", "")
    with translation.override("en"):
        english = fast_select.render("n", "")
    assert "Hợp đồng" in vietnamese
    assert "Contract" in english


@pytest.mark.parametrize("value", [True, False, None, "unknown"])
def test_the_python_yes_no_select_is_the_same_html_as_djangos(value):
    fast = filters._fast_class(forms.NullBooleanSelect)()
    assert parse_html(fast.render("n", value)) == parse_html(
        forms.NullBooleanSelect().render("n", value)
    )


def test_a_select_with_its_own_template_keeps_it():
    class Custom(forms.Select):
        template_name = "django/forms/widgets/radio.html"
        option_template_name = "django/forms/widgets/radio_option.html"

    fast = filters._fast_class(Custom)(choices=[("a", "A")])
    html = fast.render("n", "a")
    assert "<select" not in html
    assert '<label><input type="select" name="n" value="a" selected>' in html


def test_country_choices_follow_the_language_and_are_made_once_per_language():
    filters._country_choices.cache_clear()
    with translation.override("en"):
        english = dict(filters.country_choices())
        filters.country_choices()
    with translation.override("vi"):
        vietnamese = dict(filters.country_choices())
    assert english["DE"] == "Germany"
    assert vietnamese["DE"] != "Germany"
    info = filters._country_choices.cache_info()
    assert (info.misses, info.hits) == (2, 1)


def test_the_deals_country_filter_offers_the_cached_countries_in_their_order():
    with translation.override("en"):
        field = DealFilterSet({}).form.fields["counterpart_country"]
        labels = [label for value, label in field.choices if value]
        # django-countries' own order (it sorts ignoring accents: "Åland" after "Afghanistan")
        assert labels == [str(name) for _code, name in countries]
    assert isinstance(field.widget, filters.FastSelectMixin)


@pytest.mark.parametrize("day", [datetime.date(2026, 3, 9), datetime.date(1999, 12, 31)])
def test_the_fast_date_column_writes_what_the_date_template_writes(day):
    template = Template(DateColumn().template_code.replace("|default:default", ""))
    assert str(FastDateColumn().render(value=day)) == template.render(Context({"value": day}))


def test_model_date_fields_get_the_fast_date_column():
    assert type(DealTable.base_columns["signed_on"]) is FastDateColumn


@pytest.mark.django_db
def test_the_deals_list_shows_the_country_name_and_keeps_its_query_count(client_as):
    client = client_as("programme_officer")
    DealFactory(code="HĐ-DUC", counterpart_country="DE")
    url = reverse("promotion:deal-list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url, {"counterpart_country": "DE"})
    for i in range(30):
        DealFactory(code=f"HĐ-{i:03d}", counterpart_country="DE")
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"counterpart_country": "DE"})
    assert response.status_code == 200
    assert "Đức" in response.text
    assert '<option value="DE" selected>Đức</option>' in response.text
    assert len(one) == len(many) == 6


@pytest.mark.django_db
@pytest.mark.parametrize("null_label", [None, "Chưa có đơn vị"])
def test_a_model_drop_down_reads_its_rows_in_one_query_and_offers_the_same_options(null_label):
    import django_filters

    from xttm.directory.factories import UnitFactory
    from xttm.directory.filters import PersonFilterSet
    from xttm.directory.models import Unit

    chosen = UnitFactory(name='Phòng <Tổng hợp> & "Kế hoạch"')
    UnitFactory(name="Văn phòng")

    class People(PersonFilterSet):
        unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), null_label=null_label)

    form = People({"unit": str(chosen.pk)}).form
    assert form.is_valid()  # its own query: the chosen unit
    with CaptureQueriesContext(connection) as queries:
        ours = str(form["unit"])
    assert len(queries) == 1
    assert issubclass(form.fields["unit"].iterator, filters.OneQueryChoices)
    # The same field with django-filter's own iterator, rendered by Django's own select.
    field = form.fields["unit"]
    field.iterator = django_filters.fields.ModelChoiceIterator
    field.widget = forms.Select(attrs=field.widget.attrs)
    field.widget.choices = field.choices
    theirs = str(form["unit"])
    assert parse_html(ours) == parse_html(theirs)
    assert "Phòng &lt;Tổng hợp&gt; &amp; &quot;Kế hoạch&quot;" in ours
    assert f'value="{chosen.pk}" selected' in ours
    if null_label:
        assert f'<option value="null">{null_label}</option>' in ours
