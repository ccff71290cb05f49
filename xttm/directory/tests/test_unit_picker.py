"""The people filter's unit picker: every unit while they are few, a search above that."""

import io

import pytest
from django.test.html import parse_html
from django.urls import reverse
from openpyxl import load_workbook

from xttm.core.filters import SearchSelect
from xttm.directory import factories
from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.directory.filters import PersonFilterSet

pytestmark = pytest.mark.django_db

PEOPLE = "directory:person-list"
SEARCH = "directory:unit-search"


@pytest.fixture
def many_units(personas):
    """More units than the picker lists (SearchSelect.few), as in the national data."""
    return factories.many_units(SearchSelect.few + 5)


def unit_select(html: str) -> str:
    start = html.index('<select name="unit"')
    return html[start : html.index("</select>", start) + len("</select>")]


def test_with_few_units_the_drop_down_lists_every_unit_and_no_search_box(client_as):
    UnitFactory(code="ke-hoach", name="Phòng Kế hoạch - Tài chính")
    page = client_as("emulation_secretariat").get(reverse(PEOPLE)).text
    select = unit_select(page)
    assert "Phòng Kế hoạch - Tài chính" in select
    assert "Văn phòng Cục" in select
    assert 'name="unit_search"' not in page


def test_with_many_units_the_picker_shows_the_chosen_unit_and_not_the_others(client_as, many_units):
    chosen = many_units["p-042"]
    page = client_as("emulation_secretariat").get(reverse(PEOPLE), {"unit": chosen.pk}).text
    select = unit_select(page)
    assert f'<option value="{chosen.pk}" selected>Phòng nghiệp vụ 042</option>' in select
    assert "Phòng nghiệp vụ 041" not in page
    assert "Văn phòng Cục" not in select
    assert select.count("<option") == 2  # the empty choice and the chosen unit
    search = parse_html(
        page[page.index('<input type="search" name="unit_search"') :].split(">")[0] + ">"
    )
    assert ("aria-label", "Tìm đơn vị theo tên hoặc mã") in search.attributes
    assert ("hx-get", reverse(SEARCH)) in search.attributes


def test_the_search_endpoint_returns_the_matching_units_with_the_chosen_one_kept(
    client_as, many_units
):
    chosen = many_units["p-007"]
    answer = client_as("staff").get(
        reverse(SEARCH), {"unit": chosen.pk, "unit_search": "nghiep vu 12"}
    )
    assert answer.status_code == 200
    options = parse_html(f"<select>{answer.text}</select>")
    labels = [child.children[0] for child in options.children if child.children]
    assert labels[:2] == ["---------", "Phòng nghiệp vụ 007"]
    # "12" as part of a number: 012, 112 and 120–129, in the units' order (by name).
    assert labels[2:] == [
        f"Phòng nghiệp vụ {n}" for n in ("012", "112", *map(str, range(120, 130)))
    ]
    assert f'<option value="{chosen.pk}" selected>' in answer.text


def test_a_search_matching_more_units_than_shown_says_to_type_more(client_as, many_units):
    answer = client_as("staff").get(reverse(SEARCH), {"unit_search": "phong nghiep"}).text
    assert answer.count("<option") == 1 + SearchSelect.shown + 1
    assert "gõ thêm để thu hẹp" in answer
    assert '<option value="" disabled>' in answer


def test_a_search_matching_nothing_says_so(client_as, many_units):
    answer = client_as("staff").get(reverse(SEARCH), {"unit_search": "khong co"}).text
    assert "Không tìm thấy kết quả nào." in answer
    assert "Phòng nghiệp vụ" not in answer


def test_without_javascript_enter_in_the_search_box_lists_the_matches_on_the_page(
    client_as, many_units
):
    page = client_as("emulation_secretariat").get(reverse(PEOPLE), {"unit_search": "vu 20"}).text
    select = unit_select(page)
    assert "Phòng nghiệp vụ 200" in select
    assert "Phòng nghiệp vụ 019" not in select
    assert 'value="vu 20"' in page


def test_a_visitor_who_is_not_signed_in_gets_no_unit_from_the_search(client, many_units):
    answer = client.get(reverse(SEARCH), {"unit_search": "phong"})
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/")
    assert "Phòng nghiệp vụ" not in answer.content.decode()


def test_the_filter_offers_no_unit_without_a_signed_in_user(many_units):
    # The API and export build the same FilterSet with the request; without one, no unit.
    assert not PersonFilterSet({}).form.fields["unit"].queryset.exists()


def test_filtering_by_unit_still_filters_the_list_its_export_and_the_api(client_as, many_units):
    chosen, other = many_units["p-003"], many_units["p-004"]
    PersonFactory(full_name="Nguyễn Thị Chọn", unit=chosen)
    PersonFactory(full_name="Trần Văn Khác", unit=other)
    client = client_as("admin")
    page = client.get(reverse(PEOPLE), {"unit": chosen.pk}).text
    assert "Nguyễn Thị Chọn" in page
    assert "Trần Văn Khác" not in page
    api = client.get("/api/v1/directory/people/", {"unit": chosen.pk}).json()
    assert [row["full_name"] for row in api["results"]] == ["Nguyễn Thị Chọn"]
    export = client.get(reverse(PEOPLE), {"unit": chosen.pk, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [
        name for row in rows[1:] for name in row if name in ("Nguyễn Thị Chọn", "Trần Văn Khác")
    ] == ["Nguyễn Thị Chọn"]
