"""Browser-test harness: Debian's Chromium driven by Playwright against pytest-django's live server.

Write a browser test as a plain function under tests/browser/ that asks for `page`
(and `login` if it needs a signed-in user); `page` brings the live server and a
transactional database with it, and relative URLs resolve against the live server.
Every test here is marked `browser`, so `pytest -m "not browser"` skips them all.

Chromium comes from PATH (or the CHROMIUM variable), never from `playwright install`.
Where it is missing the tests skip, unless XTTM_REQUIRE_BROWSER=1 (CI sets it),
which turns the skip into a failure so a green CI always means the browser ran.
"""

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

# Debian's Chromium as root on a machine with a closed network: without the
# background-networking flags it floods the log with refused connections at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Generous for a first request that has to render templates cold, short enough
# that a missing element fails the test in seconds rather than half a minute.
DEFAULT_TIMEOUT_MS = 10_000

PASSWORD = "matkhau-Thu-nghiem-1"  # what xttm.accounts.factories.UserFactory sets

# The page under test and the errors it logged, for the failure report.
PAGE_STATE = pytest.StashKey[tuple]()


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def chromium_path() -> str | None:
    """The Chromium to drive: $CHROMIUM if set, else `chromium` on PATH."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return shutil.which(configured) or (configured if Path(configured).is_file() else None)
    return shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    # Collection hooks in a conftest see the whole session's items: mark only ours.
    for item in items:
        if Path(item.path).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # A failed test gets a screenshot taken at the moment it failed, and the
    # page's address and errors in its report, where the failure is read.
    report = yield
    if report.when == "call" and report.failed and PAGE_STATE in item.stash:
        page, console_errors = item.stash[PAGE_STATE]
        saved = _save_screenshot(page, item)
        details = [f"screenshot: {saved}", f"last URL: {page.url}", *console_errors]
        report.sections.append(("browser", "\n".join(details)))
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the whole session (Playwright gives each launch a fresh profile)."""
    executable = chromium_path()
    if executable is None:
        reason = (
            "Chromium not found: install Debian's `chromium` package or set CHROMIUM "
            "to its path (never `playwright install`)."
        )
        if _truthy(os.environ.get("XTTM_REQUIRE_BROWSER")):
            pytest.fail(f"{reason} XTTM_REQUIRE_BROWSER is set, so this is a failure.")
        pytest.skip(reason)

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, and Django
    # refuses ORM calls from a thread with a running loop; the tests' ORM calls are
    # plain synchronous code, so lift the guard while Playwright is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        # Playwright refuses a --user-data-dir argument; it starts every launch
        # with a new empty profile of its own, which is what we want.
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _save_screenshot(page, item) -> str:
    """Save test-output/screenshots/<test name>.png; returns its path, or why there is none."""
    shots = item.config.rootpath / "test-output" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    path = shots / (re.sub(r"[^\w.\-\[\]]+", "_", item.name)[:200] + ".png")
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception as exc:  # a crashed page must not hide the test's own failure
        return f"(no screenshot: {exc})"
    return str(path)


@pytest.fixture
def page(request, browser, live_server, reference_data) -> Iterator:
    """A fresh browser context and page per test, in Vietnamese and Vietnam's time zone.

    `page.goto("/accounts/login/")` goes to the live server. A screenshot of the
    last state is saved to test-output/screenshots/<test name>.png after every
    test; a failed test's report shows that path, the last URL, and the
    JavaScript and console errors (CSP violations among them) the page logged.
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    console_errors: list[str] = []

    def on_console(msg) -> None:
        if msg.type == "error":
            console_errors.append(f"console.error: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: console_errors.append(f"pageerror: {exc}"))
    request.node.stash[PAGE_STATE] = (page, console_errors)
    try:
        yield page
    finally:
        _save_screenshot(page, request.node)
        del request.node.stash[PAGE_STATE]
        context.close()


@pytest.fixture
def login() -> Callable:
    """`login(page, live_server, username, password)` signs in through the real login form.

    It fails the test, quoting the page's error, if the login page is still
    shown after submitting.
    """

    def _login(page, live_server, username: str, password: str = PASSWORD) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        with page.expect_navigation():
            page.locator("#id_password").press("Enter")
        if "/accounts/login/" in page.url:
            errors = page.locator(".errorlist, .alert, .invalid-feedback").all_inner_texts()
            raise AssertionError(
                "login as {user!r} failed; the page says: {errors}".format(
                    user=username, errors=" | ".join(errors) or "(no error shown)"
                )
            )

    return _login
