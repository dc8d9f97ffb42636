"""The feedback widget in a real browser, with and without JavaScript, in both
languages, and with the keyboard alone. The release it sits under is built here,
after the live server's demo reload (the site fixture); the news index is the
demo's."""

import pytest

from cms.models import Feedback
from tests.builders import make_release, url_in

CASES = [
    ("sv", "Nej", "Tack för ditt svar!", "Skicka kommentar", "Tack för din kommentar!"),
    (
        "en",
        "No",
        "Thank you for your answer!",
        "Send comment",
        "Thank you for your comment!",
    ),
]
TITLE = {"sv": "Testpressmeddelande med återkoppling", "en": "Test feedback release"}


@pytest.fixture
def release(site):
    return make_release(title_sv=TITLE["sv"], title_en=TITLE["en"])


def open_release(site, page, release, language):
    page.goto(site.url + url_in(release, language))
    # The widget under the release built here, in the language asked for.
    assert page.get_by_role("heading", level=1).inner_text() == TITLE[language]


def answer(release, language) -> Feedback:
    """The one answer stored, about the release, in ``language``."""
    feedback = Feedback.objects.get()
    assert (feedback.page_id, feedback.language) == (release.pk, language)
    return feedback


@pytest.mark.parametrize("language,no,thanks,send,done", CASES)
def test_with_javascript_no_reload_and_focus(
    site, new_page, release, language, no, thanks, send, done
):
    page = new_page()
    open_release(site, page, release, language)
    page.evaluate("window.__noReload = true")
    page.get_by_role("button", name=no, exact=True).click()
    page.wait_for_selector("[data-feedback-focus]")
    assert page.locator("[data-feedback-focus]").inner_text() == thanks
    assert page.evaluate("window.__noReload") is True  # the page did not reload
    assert page.evaluate("document.activeElement.hasAttribute('data-feedback-focus')")
    page.fill("#feedback-comment", f"Kommentar via JS ({language})")
    page.get_by_role("button", name=send).click()
    page.wait_for_function(
        "(done) => document.activeElement && document.activeElement.textContent.includes(done)",
        arg=done,
    )
    assert page.evaluate("window.__noReload") is True
    page.goto("about:blank")
    feedback = answer(release, language)
    assert not feedback.helpful
    assert feedback.comment == f"Kommentar via JS ({language})"


@pytest.mark.parametrize("language,no,thanks,send,done", CASES)
def test_without_javascript(site, new_page, release, language, no, thanks, send, done):
    page = new_page(java_script_enabled=False)
    open_release(site, page, release, language)
    page.get_by_role("button", name=no, exact=True).click()
    page.wait_for_load_state()
    assert "feedback=" in page.url
    assert thanks in page.content()
    page.fill("#feedback-comment", "Utan JavaScript")
    page.get_by_role("button", name=send).click()
    page.wait_for_load_state()
    assert done in page.content()
    page.goto("about:blank")
    feedback = answer(release, language)
    assert not feedback.helpful
    assert feedback.comment == "Utan JavaScript"


@pytest.mark.parametrize("language,no,thanks,send,done", CASES)
def test_keyboard_only(site, new_page, release, language, no, thanks, send, done):
    page = new_page()
    open_release(site, page, release, language)
    page.focus("[data-feedback] button[value=yes]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "no"
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-feedback-focus]")
    assert page.locator("[data-feedback-focus]").inner_text() == thanks
    assert page.evaluate("document.activeElement.hasAttribute('data-feedback-focus')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "feedback-comment"
    page.keyboard.type("Med tangentbordet")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(done) => document.activeElement.textContent.includes(done)", arg=done
    )
    page.goto("about:blank")
    feedback = answer(release, language)
    assert not feedback.helpful
    assert feedback.comment == "Med tangentbordet"
