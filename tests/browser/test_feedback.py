"""The feedback widget in a real browser, with and without JavaScript, in both
languages, and with the keyboard alone."""

import pytest

from cms.models import Feedback

CASES = [
    (
        "/nyheter/region-blekinge-satsar-pa-lanets-aterhamtning/",
        "sv",
        "Nej",
        "Tack för ditt svar!",
        "Skicka kommentar",
        "Tack för din kommentar!",
    ),
    (
        "/en/news/region-blekinge-invests-in-the-countys-recovery/",
        "en",
        "No",
        "Thank you for your answer!",
        "Send comment",
        "Thank you for your comment!",
    ),
]


@pytest.mark.parametrize("path,language,no,thanks,send,done", CASES)
def test_with_javascript_no_reload_and_focus(
    site, new_page, path, language, no, thanks, send, done
):
    page = new_page()
    page.goto(site.url + path)
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
    feedback = Feedback.objects.get(language=language)
    assert not feedback.helpful
    assert feedback.comment == f"Kommentar via JS ({language})"


@pytest.mark.parametrize("path,language,no,thanks,send,done", CASES)
def test_without_javascript(site, new_page, path, language, no, thanks, send, done):
    page = new_page(java_script_enabled=False)
    page.goto(site.url + path)
    page.get_by_role("button", name=no, exact=True).click()
    page.wait_for_load_state()
    assert "feedback=" in page.url
    assert thanks in page.content()
    page.fill("#feedback-comment", "Utan JavaScript")
    page.get_by_role("button", name=send).click()
    page.wait_for_load_state()
    assert done in page.content()
    page.goto("about:blank")
    feedback = Feedback.objects.get(language=language)
    assert feedback.comment == "Utan JavaScript"


def test_keyboard_only(site, new_page):
    page = new_page()
    page.goto(site.url + CASES[0][0])
    page.focus("[data-feedback] button[value=yes]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "no"
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-feedback-focus]")
    assert page.evaluate("document.activeElement.hasAttribute('data-feedback-focus')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "feedback-comment"
    page.keyboard.type("Med tangentbordet")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.activeElement.textContent.includes('Tack för din kommentar')"
    )
    page.goto("about:blank")
    assert Feedback.objects.get().comment == "Med tangentbordet"
