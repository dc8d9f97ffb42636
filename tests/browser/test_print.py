"""A press release on paper (issue 18), in Chromium with print media emulated, in
both languages: the site's name, the release's address and date, the text and its
pictures in black on white; no navigation, search, menu button, feedback form,
share links or footer; the address of an outside link after its words; no page
break inside a figure, quote or fact box. Printed to PDF, it fits on a few pages.

The release, its picture, person, fact box and press contact are built here, after
the live server's demo reload (the site fixture); the news index is the demo's."""

import re

import pytest

from press.models import PressContact
from tests.builders import (
    make_fact_box,
    make_image,
    make_person,
    make_release,
    quote,
    stream,
    url_in,
)

EXTERNAL = "https://www.example.org/rapport-2026"
LINKS = {
    "sv": f'<p>Läs <a href="{EXTERNAL}">rapporten</a> och <a href="/projekt/">projekten</a>.</p>',
    "en": f'<p>Read <a href="{EXTERNAL}">the report</a> and <a href="/en/projects/">the projects</a>.</p>',
}
TITLE = {"sv": "Testpressmeddelande på papper", "en": "Test press release on paper"}
LEAD = {
    "sv": "Testingress: ett pressmeddelande som skrivs ut.",
    "en": "Test lead: a press release that is printed.",
}
QUOTE = {"sv": "Testcitat om utskrift.", "en": "Test quote about printing."}
FACTS = {"sv": "Testfakta: testområdet", "en": "Test facts: the test area"}
# A body about as long as a real release's: paragraphs, headings, quotes, a fact box.
PARAGRAPH = {
    "sv": "<p>Testbrödtext {n}: " + "Testmeningen står här för en riktig mening. " * 8,
    "en": "<p>Test body text {n}: "
    + "The test sentence stands in for a real one. " * 8,
}
CHROME = [
    ".site-header__tools",
    "#header-search",
    ".language-switcher",
    ".menu-toggle",
    "#main-nav",
    ".breadcrumbs",
    ".feedback",
    ".share",
    ".site-footer",
]
BLACK = "rgb(0, 0, 0)"
MAX_PAGES = 4


def body(language, person, box):
    paragraph = PARAGRAPH[language]
    heading = {"sv": "Testrubrik", "en": "Test heading"}[language]
    return stream(
        ("text", paragraph.format(n=1) + "</p>"),
        ("quote", quote(person, QUOTE[language])),
        ("heading", {"text": heading, "level": "h2"}),
        ("text", paragraph.format(n=2) + "</p>"),
        ("quote", quote(person, QUOTE[language])),
        ("text", paragraph.format(n=3) + "</p>"),
        ("fact_box", box.pk),
        ("text", LINKS[language]),
    )


@pytest.fixture
def release(site):
    person = make_person()
    box = make_fact_box(title_sv=FACTS["sv"], title_en=FACTS["en"])
    return make_release(
        title_sv=TITLE["sv"],
        title_en=TITLE["en"],
        lead_sv=LEAD["sv"],
        lead_en=LEAD["en"],
        image=make_image("Testbild för utskrift", credit="Testfotograf"),
        body_sv=body("sv", person, box),
        body_en=body("en", person, box),
        press_contacts=[PressContact(person=person)],
    )


def shown(page, selector) -> bool:
    """Whether anything of ``selector`` takes room on the page."""
    return page.evaluate(
        """s => [...document.querySelectorAll(s)].some(
            e => e.getClientRects().length > 0)""",
        selector,
    )


def style(page, selector, prop, pseudo=None):
    return page.evaluate(
        "([s, p, pseudo]) => getComputedStyle(document.querySelector(s), pseudo)[p]",
        [selector, prop, pseudo],
    )


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_release_prints_as_a_journalist_expects(site, new_page, release, language):
    page = new_page(width=1280, height=900)
    path = url_in(release, language)
    page.goto(site.url + path)
    page.wait_for_load_state("networkidle")
    # On screen the chrome is there, the address line is not.
    for selector in (".site-header__tools", "#main-nav", ".share", ".site-footer"):
        assert shown(page, selector), selector
    assert not shown(page, ".print-source")

    page.emulate_media(media="print")
    for selector in CHROME:
        assert not shown(page, selector), f"{selector} is printed"
    # The site's name, where the release is found, its date and its text.
    assert page.locator(".site-name").is_visible()
    source = page.locator(".print-source")
    assert source.is_visible()
    # The canonical address (the site's own host name; the test server's differs).
    assert re.fullmatch(
        rf"https?://[^/]+{re.escape(path)}", source.inner_text().strip()
    )
    assert page.locator(".release__meta time").is_visible()
    for selector in ("main h1", ".release .lead", ".release__image img", ".stream"):
        assert page.locator(selector).first.is_visible(), selector
    assert page.locator("main h1").inner_text() == TITLE[language]
    assert page.locator(".release .lead").inner_text() == LEAD[language]
    printed_quote = page.locator(".stream .quote").first
    assert printed_quote.is_visible()
    assert QUOTE[language] in printed_quote.inner_text()
    assert "Testa Testsson" in printed_quote.inner_text()
    fact_box = page.locator(".stream .fact-box").first
    assert fact_box.is_visible()
    assert fact_box.locator("h2").inner_text() == FACTS[language]
    # Black on white.
    for selector in ("body", "main h1", ".stream p", ".stream a", ".release__meta"):
        assert style(page, selector, "color") == BLACK, selector
    assert style(page, ".site-header", "backgroundColor") == "rgba(0, 0, 0, 0)"
    # An outside link in the text shows where it leads; a link within the site not.
    external = f'.stream a[href="{EXTERNAL}"]'
    assert EXTERNAL in style(page, external, "content", "::after")
    internal = '.stream a[href^="/"]'
    assert style(page, internal, "content", "::after") in ("none", "normal")
    # No page break inside a figure, a quote or a fact box; images fit the page.
    for selector in (".release__image", ".stream .quote", ".stream .fact-box"):
        assert style(page, selector, "breakInside") == "avoid", selector
    assert style(page, ".release__image img", "maxWidth") == "100%"

    # Headless Chromium prints to PDF: a few pages, not one per screen of chrome.
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert 1 <= pdf_pages(pdf) <= MAX_PAGES, pdf_pages(pdf)
