"""WCAG 2.1 AA in a real browser: axe-core (its default rules, best practices
included) on every demo page type, in both languages, at desktop and phone
widths; keyboard checks."""

from pathlib import Path

import axe_playwright_python
import pytest

from tests.reader_pages import PAGES

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe_violations(page):
    """Violations of axe's default rules: WCAG 2.0, 2.1 and 2.2 A and AA, and its
    best practices."""
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("() => axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(
            node["target"][0] if node["target"] else "?" for node in v["nodes"][:5]
        )
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_type_in_both_languages(site, new_page, width):
    page = new_page(width=width, height=900)
    failures = {}
    for name, urls in PAGES.items():
        for url in urls:
            page.goto(site.url + url)
            violations = axe_violations(page)
            if violations:
                failures[f"{name} {url}"] = violations
    # The feedback widget after an answer (JavaScript step), both languages.
    for url in PAGES["seed press release"]:
        page.goto(site.url + url)
        page.locator("[data-feedback] button[value=no]").click()
        page.wait_for_selector("[data-feedback-focus]")
        violations = axe_violations(page)
        if violations:
            failures[f"feedback after answer {url}"] = violations
    assert not failures, "\n".join(f"{key}: {value}" for key, value in failures.items())


def test_no_horizontal_scroll_at_320_css_pixels(site, new_page):
    page = new_page(width=320, height=800)
    for urls in PAGES.values():
        for url in urls:
            page.goto(site.url + url)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, f"{url} scrolls sideways by {overflow}px at 320 px"


def test_language_switcher_and_skip_link_with_the_keyboard(site, new_page):
    page = new_page()
    page.goto(site.url + PAGES["seed press release"][0])
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim()")
    assert skip == "Hoppa till huvudinnehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(site.url + PAGES["seed press release"][0])
    for _step in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
            break
    else:
        pytest.fail("The language switcher cannot be reached with Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "In English"
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + PAGES["seed press release"][1])
    assert page.locator("html").get_attribute("lang") == "en"


def test_visible_focus(site, new_page):
    page = new_page()
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    assert style[0] != "none" or style[2] != "none", style


def test_text_resized_to_200_percent_loses_nothing(site, new_page):
    page = new_page(width=1280, height=900)
    page.goto(site.url + PAGES["seed press release"][0])
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
    assert page.locator("h1").is_visible()


def test_quotes_open_as_each_language_writes_them(site, new_page):
    """Swedish: a dialogue dash; English: quotation marks (as the browser draws
    them, not only as the style sheet says)."""
    page = new_page()
    expected = {0: '"– "', 1: '"“"'}
    for index, url in enumerate(PAGES["seed press release"]):
        page.goto(site.url + url)
        before = page.evaluate(
            "getComputedStyle(document.querySelector('.quote blockquote p'),"
            " '::before').content"
        )
        assert before == expected[index], (url, before)
