"""Directory pages tried as every persona: who sees what, who may change what."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xttm.directory.factories import EnterpriseFactory, PersonFactory, province
from xttm.directory.models import Enterprise, Person

pytestmark = pytest.mark.django_db

ALL = [
    "admin",
    "leadership",
    "programme_officer",
    "partner_officer",
    "outsider",
    "emulation_secretariat",
    "council_member",
    "staff",
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize(
    "url_name",
    [
        "directory:enterprise-list",
        "directory:organization-list",
        "directory:unit-list",
        "directory:province-list",
        "directory:person-list",
    ],
)
def test_every_persona_can_open_the_directory_lists(client_as, persona, url_name):
    response = client_as(persona).get(reverse(url_name))
    assert response.status_code == 200
    assert b'<html lang="vi">' in response.content


@pytest.mark.parametrize("url_name", ["directory:enterprise-list", "home", "directory:person-list"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_people_lists_show_staff_only_to_the_emulation_side(client_as, personas):
    PersonFactory(full_name="Trần Văn Bình")
    for persona in ["admin", "leadership", "emulation_secretariat", "council_member"]:
        assert "Trần Văn Bình" in client_as(persona).get(reverse("directory:person-list")).text
    for persona in ["programme_officer", "partner_officer", "outsider"]:
        assert "Trần Văn Bình" not in client_as(persona).get(reverse("directory:person-list")).text


def test_a_staff_member_sees_only_their_own_record(client_as, personas):
    other = PersonFactory(full_name="Trần Văn Bình")
    client = client_as("staff")
    assert "Lê Thị Hồng" in client.get(reverse("directory:person-list")).text
    response = client.get(reverse("directory:person-detail", args=[other.pk]))
    assert response.status_code == 404


def test_searching_without_diacritics_finds_the_enterprise(client_as):
    EnterpriseFactory(name="Công ty TNHH Thực phẩm Đà Nẵng", province=province("48"))
    EnterpriseFactory(name="Công ty Cổ phần Dệt may Hà Nội")
    response = client_as("programme_officer").get(
        reverse("directory:enterprise-list"), {"q": "thuc pham da nang"}
    )
    assert "Công ty TNHH Thực phẩm Đà Nẵng" in response.text
    assert "Dệt may Hà Nội" not in response.text


def test_filtering_by_a_new_province_includes_enterprises_entered_under_an_old_one(client_as):
    from xttm.directory.choices import ProvinceSystem

    EnterpriseFactory(name="Công ty Quảng Nam Cũ", province=province("49", ProvinceSystem.OLD_63))
    EnterpriseFactory(name="Công ty Đà Nẵng Mới", province=province("48"))
    EnterpriseFactory(name="Công ty Huế", province=province("46"))
    da_nang = province("48")
    response = client_as("leadership").get(
        reverse("directory:enterprise-list"), {"province": da_nang.pk}
    )
    assert "Công ty Quảng Nam Cũ" in response.text
    assert "Công ty Đà Nẵng Mới" in response.text
    assert "Công ty Huế" not in response.text


def test_the_export_holds_exactly_the_filtered_rows(client_as):
    EnterpriseFactory(name="Công ty TNHH Thực phẩm Đà Nẵng", tax_code="0100109106")
    EnterpriseFactory(name="Công ty Cổ phần Dệt may Hà Nội")
    response = client_as("leadership").get(
        reverse("directory:enterprise-list"), {"q": "thuc pham", "export": "xlsx"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Mã số thuế", "Tên doanh nghiệp")
    assert [r[:2] for r in rows[1:]] == [("0100109106", "Công ty TNHH Thực phẩm Đà Nẵng")]


def test_the_export_neutralises_cells_that_look_like_formulas(client_as):
    EnterpriseFactory(name='=HYPERLINK("http://x")')
    response = client_as("leadership").get(reverse("directory:enterprise-list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ['\'=HYPERLINK("http://x")']


def test_a_partner_officer_creates_an_enterprise_registered_to_their_organisation(
    client_as, personas, partner_org
):
    response = client_as("partner_officer").post(
        reverse("directory:enterprise-create"),
        {"tax_code": "100109106", "name": "Công ty Mới", "province": province("48").pk},
    )
    assert response.status_code == 302
    created = Enterprise.objects.get()
    assert created.tax_code == "0100109106"
    assert created.registered_by == partner_org
    assert created.history.count() == 1
    assert created.history.first().history_user == personas["partner_officer"]


def test_a_bad_tax_code_is_refused_with_a_vietnamese_message_and_nothing_is_saved(client_as):
    response = client_as("programme_officer").post(
        reverse("directory:enterprise-create"),
        {"tax_code": "0100109107", "name": "Công ty Sai Mã", "province": province("01").pk},
    )
    assert response.status_code == 200
    assert "Mã số thuế “0100109107” sai chữ số kiểm tra." in response.text
    assert Enterprise.objects.count() == 0


def test_a_duplicate_tax_code_names_the_enterprise_that_holds_it(client_as):
    EnterpriseFactory(tax_code="0100109106", name="Công ty Đã Có")
    response = client_as("programme_officer").post(
        reverse("directory:enterprise-create"),
        {"tax_code": "0100109106", "name": "Công ty Trùng", "province": province("01").pk},
    )
    assert "Mã số thuế 0100109106 đã thuộc về “Công ty Đã Có”." in response.text
    assert Enterprise.objects.count() == 1


def test_a_partner_officer_cannot_edit_an_enterprise_another_organisation_entered(
    client_as, other_org
):
    theirs = EnterpriseFactory(name="Công ty Của Hiệp hội", registered_by=other_org)
    client = client_as("partner_officer")
    response = client.post(
        reverse("directory:enterprise-update", args=[theirs.pk]),
        {"tax_code": theirs.tax_code, "name": "Đổi tên", "province": theirs.province_id},
    )
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.name == "Công ty Của Hiệp hội"


@pytest.mark.parametrize("persona", ["staff", "council_member", "leadership"])
def test_readers_cannot_open_the_enterprise_form(client_as, persona):
    assert client_as(persona).get(reverse("directory:enterprise-create")).status_code == 403


def test_an_edit_is_recorded_in_the_history_shown_on_the_detail_page(client_as, personas):
    enterprise = EnterpriseFactory(name="Công ty Cũ")
    client = client_as("programme_officer")
    client.post(
        reverse("directory:enterprise-update", args=[enterprise.pk]),
        {
            "tax_code": enterprise.tax_code,
            "name": "Công ty Mới",
            "province": enterprise.province_id,
        },
    )
    page = client.get(reverse("directory:enterprise-detail", args=[enterprise.pk])).text
    assert "Công ty Cũ → Công ty Mới" in page
    assert str(personas["programme_officer"]) in page


def test_only_administrators_and_the_secretariat_edit_people(client_as, personas):
    person = Person.objects.get(code="cb-staff")
    url = reverse("directory:person-update", args=[person.pk])
    assert client_as("emulation_secretariat").get(url).status_code == 200
    assert client_as("admin").get(url).status_code == 200
    assert client_as("council_member").get(url).status_code == 403
    assert client_as("staff").get(url).status_code == 403


def test_list_pages_make_the_same_number_of_queries_for_10_or_40_rows(client_as):
    client = client_as("leadership")
    EnterpriseFactory.create_batch(10)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("directory:enterprise-list"))
    EnterpriseFactory.create_batch(30)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("directory:enterprise-list"))
    assert len(large) == len(small)


def names_in_order(response, names: list[str]) -> list[str]:
    """The given names as they appear on the page, top to bottom."""
    return sorted((n for n in names if n in response.text), key=response.text.index)


def test_the_people_list_goes_by_given_name_in_vietnamese_alphabetical_order(client_as):
    names = ["Nguyễn Thị Bình", "Trần Văn An", "Đặng Thị Ánh", "Lê Văn An", "Dương Ánh"]
    for name in names:
        PersonFactory(full_name=name)
    response = client_as("admin").get(reverse("directory:person-list"))
    # An before Ánh before Bình; the same given name by family name, D before Đ.
    assert names_in_order(response, names) == [
        "Lê Văn An",
        "Trần Văn An",
        "Dương Ánh",
        "Đặng Thị Ánh",
        "Nguyễn Thị Bình",
    ]


def test_a_renamed_person_moves_to_their_new_place_in_the_list(personas):
    person = PersonFactory(full_name="Nguyễn Thị Bình")
    PersonFactory(full_name="Trần Thị Hoa")
    person.full_name = "Nguyễn Thị Yến"
    person.save(update_fields=["full_name"])
    assert list(Person.objects.values_list("full_name", flat=True)) == [
        "Trần Thị Hoa",
        "Lê Thị Hồng",  # the staff persona's own record
        "Nguyễn Thị Yến",
    ]


def test_searched_and_filtered_people_are_paged_in_list_order_without_gaps(client_as, personas):
    """The list finds a page's keys first, then reads the rows: every match once, in order."""
    for n in range(30):
        PersonFactory(full_name=f"Nguyễn Thị Hoa {n:02d}", gender="F")
        PersonFactory(full_name=f"Nguyễn Văn Hoa {n:02d}", gender="M")
        PersonFactory(full_name=f"Trần Thị Hoa {n:02d}", gender="F")
    expected = list(
        Person.objects.search("nguyen").filter(gender="F").values_list("full_name", flat=True)
    )
    client = client_as("admin")
    url = reverse("directory:person-list")
    first = client.get(url, {"q": "nguyen", "gender": "F"})
    next_link = first.context["pager"]["next"]
    second = client.get(url + next_link)
    seen = names_in_order(first, expected) + names_in_order(second, expected)
    assert len(expected) == 30
    assert seen == expected
    assert "next" not in second.context["pager"]
    by_number = client.get(url, {"q": "nguyen", "gender": "F", "page": 2})  # an old link
    assert names_in_order(by_number, expected) == expected[25:]
    assert first.context["pager"]["is_first"]
    assert not second.context["pager"]["is_first"]
    assert not by_number.context["pager"]["is_first"]
    assert "Trần Thị Hoa" not in first.text + second.text
    assert "Nguyễn Văn Hoa" not in first.text + second.text


def test_sorting_by_the_name_column_keeps_the_lists_order(client_as):
    names = ["Trần Văn An", "Đặng Thị Ánh", "Lê Văn Bình", "Dương Ánh"]
    for name in names:
        PersonFactory(full_name=name)
    url = reverse("directory:person-list")
    client = client_as("admin")
    by_default = names_in_order(client.get(url), names)
    assert by_default == ["Trần Văn An", "Dương Ánh", "Đặng Thị Ánh", "Lê Văn Bình"]
    assert names_in_order(client.get(url, {"sort": "full_name"}), names) == by_default
    assert names_in_order(client.get(url, {"sort": "-full_name"}), names) == by_default[::-1]
