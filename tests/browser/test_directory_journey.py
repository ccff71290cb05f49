"""An officer logs in, finds an enterprise typed without diacritics, and opens it."""

import re

from playwright.sync_api import expect

from xttm.accounts.factories import UserFactory
from xttm.directory.factories import EnterpriseFactory, province

PASSWORD = "matkhau-Thu-nghiem-1"
TARGET = "Công ty TNHH Thực phẩm Đà Nẵng"
DECOY = "Công ty Cổ phần Dệt may Hà Nội"


def detail_link(page, enterprise):
    return page.locator(f'a[href$="/directory/enterprises/{enterprise.pk}/"]')


def test_an_officer_finds_an_enterprise_typed_without_diacritics(page, live_server, login):
    UserFactory(username="cb_chuong_trinh", roles=["programme_officer"])
    target = EnterpriseFactory(name=TARGET, province=province("48"))
    decoy = EnterpriseFactory(name=DECOY, province=province("01"))

    login(page, live_server, "cb_chuong_trinh", PASSWORD)
    page.goto("/directory/enterprises/")
    search = page.locator("main").get_by_label("Tìm kiếm")
    expect(search).to_have_attribute("name", "q")
    search.fill("thuc pham da nang")
    search.press("Enter")

    # The unfiltered list shows both; the decoy leaving proves the search ran.
    expect(detail_link(page, decoy)).to_have_count(0)
    expect(detail_link(page, target).first).to_be_visible()
    detail_link(page, target).first.click()

    expect(page).to_have_url(re.compile(rf"/directory/enterprises/{target.pk}/$"))
    expect(page.locator("h1")).to_have_text(TARGET)
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_the_login_form_works_with_the_keyboard_alone(page, live_server):
    UserFactory(username="cb_ban_phim", roles=["programme_officer"])
    page.goto("/accounts/login/")

    # Tab from the top of the page (skip link, navigation) until the username box
    # has focus; the form may also focus it on load.
    for _ in range(25):
        if page.evaluate("document.activeElement && document.activeElement.id") == "id_username":
            break
        page.keyboard.press("Tab")
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("cb_ban_phim")
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")

    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    assert navigation.value.status == 200
