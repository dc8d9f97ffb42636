"""A press release on paper (issue 18), in Chromium with print media emulated, in
both languages: the site's name, the release's address and date, the text and its
pictures in black on white; no navigation, search, menu button, feedback form,
share links or footer; the address of an outside link after its words; no page
break inside a figure, quote or fact box. Printed to PDF, it fits on a few pages."""

import re

from django.utils import translation

import pytest

from press.demo import SEED_SLUG_SV
from press.models import PressReleasePage

EXTERNAL = "https://www.example.org/rapport-2026"
LINKS = {
    "sv": f'<p>Läs <a href="{EXTERNAL}">rapporten</a> och <a href="/projekt/">projekten</a>.</p>',
    "en": f'<p>Read <a href="{EXTERNAL}">the report</a> and <a href="/en/projects/">the projects</a>.</p>',
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


@pytest.fixture
def release(site):
    page = PressReleasePage.objects.get(slug_sv=SEED_SLUG_SV)
    for language, paragraph in LINKS.items():
        field = f"body_{language}"
        blocks = list(getattr(page, field).raw_data)
        setattr(page, field, [*blocks, {"type": "text", "value": paragraph}])
    page.save_revision().publish()
    return page


def url_of(page, language) -> str:
    with translation.override(language):
        return page.url


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
    path = url_of(release, language)
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
    assert page.locator(".stream .quote").first.is_visible()
    assert page.locator(".stream .fact-box").first.is_visible()
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
