"""The Wagtail admin as people use it, for the browser tests: log in, pause like a
person, add blocks, type rich text, choose in choosers and use the footer menu."""

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PASSWORD = "ett-långt-lösenord-för-rollerna"
# Wagtail autosaves about a second after the last change (a 0.5 s change check,
# then the 0.5 s autosave interval); people pause longer than that between edits.
PAUSE_MS = 2500


def login(page, base_url, username, password=PASSWORD):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    # Let the dashboard's background requests finish before the next step.
    page.wait_for_load_state("networkidle")


def pause(page):
    page.wait_for_timeout(PAUSE_MS)


def add_block(page, field, label):
    count = int(page.input_value(f"[name='{field}-count']"))
    page.locator(f"#{field}-root .c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()
    page.wait_for_function(
        f"document.querySelector('[name=\"{field}-count\"]').value > {count}"
    )
    return count


def block(page, field, index):
    return page.locator(f"#{field}-root [data-streamfield-child]").nth(index)


def type_rich_text(page, field, index, text):
    editor = block(page, field, index).locator(".public-DraftEditor-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=2)


def tick(checkbox):
    """Tick a checkbox once it is settled. A click that lands while a newly added
    block is still laying out (seen on a loaded machine) can miss the box, which
    Playwright reports as "did not change its state"; a person looks and ticks it
    again, and so does this, at most three times."""
    for attempt in range(3):
        try:
            checkbox.check(timeout=10_000)
            return
        except PlaywrightError:
            if attempt == 2:
                raise
            checkbox.page.wait_for_timeout(500)


def open_chooser(page, button):
    # A click that lands before a new block's script has bound the chooser opens
    # nothing (seen on a loaded machine): click again rather than wait forever.
    for attempt in range(3):
        button.click()
        try:
            page.wait_for_selector(".modal-dialog", timeout=10_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise


def choose_in_modal(page, input_name, text):
    page.locator(".modal-dialog a", has_text=text).first.click()
    page.wait_for_function(
        f"document.querySelector('[name=\"{input_name}\"]').value !== ''"
    )
    page.wait_for_selector(".modal-dialog", state="detached")


def choose_snippet(page, input_name, text):
    open_chooser(page, page.locator(f"#{input_name}-chooser .chooser__choose-button"))
    choose_in_modal(page, input_name, text)


def footer_action(page, name):
    """Click an action in the editor's footer, opening its menu if needed."""
    button = page.locator(f"footer button:text-is('{name}')").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    try:
        button.click(timeout=10_000)
    except PlaywrightTimeout:
        labels = page.locator("footer button, footer a").all_inner_texts()
        raise AssertionError(f"no {name!r} in the footer: {labels}") from None
