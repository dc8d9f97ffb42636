"""Browser tests: Playwright driving Debian's chromium against a live server.

Never ``playwright install``: the machine has no internet; Debian's chromium is used
through ``executable_path``. Without it the tests are skipped locally, and fail in CI.
"""

import io
import os

from django.core.management import call_command

import pytest

from scripts.harness import CHROMIUM
from scripts.harness import CHROMIUM_FLAGS as FLAGS


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, args=FLAGS, headless=True
    )
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def site(live_server, transactional_db):
    """The demo site, served by the live server (reloaded after every flush)."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(width=1280, height=900, csp=False, **kwargs):
        # The site's Content-Security-Policy forbids inline scripts and eval, which
        # axe-core injection and wait_for_function need, so tests bypass it unless
        # they ask for it (test_smoke checks the site's own scripts under it).
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="sv-SE",
            bypass_csp=not csp,
            **kwargs,
        )
        # Generous: CI machines share two cores between the server and the browser.
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
