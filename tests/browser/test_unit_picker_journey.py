"""The secretariat narrows the people list to one of hundreds of units by searching for it."""

import re

from playwright.sync_api import expect

from xttm.accounts.factories import UserFactory
from xttm.core.filters import SearchSelect
from xttm.directory.factories import PersonFactory, many_units

PASSWORD = "matkhau-Thu-nghiem-1"


def test_the_secretariat_finds_a_unit_by_typing_and_filters_the_people_by_it(
    page, live_server, login
):
    units = many_units(SearchSelect.few + 5, code="cuc-xttm")
    wanted = units["p-150"]
    PersonFactory(full_name="Nguyễn Thị Cần Tìm", unit=wanted)
    PersonFactory(full_name="Trần Văn Đơn Vị Khác", unit=units["p-151"])
    UserFactory(username="thu_ky", roles=["emulation_secretariat"])

    login(page, live_server, "thu_ky", PASSWORD)
    page.goto("/directory/people/")
    picker = page.locator("main").get_by_label("Đơn vị", exact=True)
    # Hundreds of units: the drop-down holds only its empty choice until one searches.
    expect(picker.locator("option")).to_have_count(1)

    search = page.locator("main").get_by_label("Tìm đơn vị theo tên hoặc mã")
    search.press_sequentially("nghiep vu 150")
    expect(picker.locator("option", has_text="Phòng nghiệp vụ 150")).to_have_count(1)
    expect(picker.locator("option")).to_have_count(2)

    # The keyboard alone: Tab from the box to the drop-down, arrow down to the match.
    search.press("Tab")
    expect(picker).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(picker).to_have_value(str(wanted.pk))
    page.locator("main").get_by_role("button", name="Lọc").click()

    expect(page).to_have_url(re.compile(rf"[?&]unit={wanted.pk}(&|$)"))
    expect(page.get_by_text("Nguyễn Thị Cần Tìm")).to_be_visible()
    expect(page.get_by_text("Trần Văn Đơn Vị Khác")).to_have_count(0)
    # The chosen unit stays shown in the drop-down after the page reloads.
    expect(picker.locator("option:checked")).to_have_text("Phòng nghiệp vụ 150")
