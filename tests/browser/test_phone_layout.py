"""On a 390 px phone, the header is compact (search and menus behind "Meny") and
list filters are folded unless in use, so the first news item is on the first
screen; without JavaScript everything stays open; on a desktop nothing folds."""

import pytest

PHONE = {"width": 390, "height": 844}
NEWS = {"sv": "/nyheter/", "en": "/en/news/"}
MENU = {"sv": "Meny", "en": "Menu"}
FILTER = {"sv": "Filtrera listan", "en": "Filter the list"}


def header_share(page) -> float:
    height = page.evaluate(
        "document.querySelector('.site-header').getBoundingClientRect().height"
    )
    return height / PHONE["height"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_phone_header_and_filters_fold(site, new_page, language):
    page = new_page(**PHONE)
    page.goto(site.url + NEWS[language])
    menu = page.get_by_role("button", name=MENU[language])
    assert menu.is_visible()
    assert menu.get_attribute("aria-expanded") == "false"
    assert not page.locator("#main-nav").is_visible()
    assert not page.locator("#header-search").is_visible()
    assert header_share(page) < 0.15, f"the header takes {header_share(page):.0%}"
    # The first item of the list is on the first screen.
    first = page.locator(".teaser-list li").first
    assert first.bounding_box()["y"] < PHONE["height"] - 100
    # Opening the menu shows the search and the menu; closing hides them again.
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.locator("#main-nav").is_visible()
    assert page.locator("#header-search input").is_visible()
    menu.click()
    assert not page.locator("#main-nav").is_visible()
    # The filters open with their button, and stay open while in use.
    toggle = page.get_by_role("button", name=FILTER[language])
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator(".filters__fields").is_visible()
    toggle.click()
    assert page.locator(".filters__fields").is_visible()
    page.goto(site.url + NEWS[language] + "?kind=news")
    assert page.locator(".filters__fields").is_visible()
    assert (
        page.get_by_role("button", name=FILTER[language]).get_attribute("aria-expanded")
        == "true"
    )


def test_without_javascript_nothing_is_hidden(site, new_page):
    page = new_page(**PHONE, java_script_enabled=False)
    page.goto(site.url + NEWS["sv"])
    assert not page.get_by_role("button", name=MENU["sv"]).is_visible()
    assert page.locator("#main-nav").is_visible()
    assert page.locator("#header-search").is_visible()
    assert page.locator(".filters__fields").is_visible()


def test_on_a_desktop_nothing_folds(site, new_page):
    page = new_page(width=1280, height=900)
    page.goto(site.url + "/projekt/")
    assert not page.get_by_role("button", name=MENU["sv"]).is_visible()
    assert not page.get_by_role("button", name=FILTER["sv"]).is_visible()
    assert page.locator("#main-nav").is_visible()
    assert page.locator(".filters__fields").is_visible()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_page_finish(site, new_page, width, language):
    page = new_page(width=width, height=900)
    area = {"sv": "/smart-specialisering/tech/", "en": "/en/smart-specialisation/tech/"}
    page.goto(site.url + area[language])
    # The area image uses the whole column (no default figure indent).
    image = page.locator(".area__image img").bounding_box()
    column = page.locator("main .container").first.evaluate(
        "el => el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft)"
        " - parseFloat(getComputedStyle(el).paddingRight)"
    )
    assert image["width"] >= column - 1, (image["width"], column)
    # The breadcrumb starts with a short "Start" / "Home", not the long title.
    first = page.locator(".breadcrumbs li").first.inner_text()
    assert first == {"sv": "Start", "en": "Home"}[language]
    # Cards: never a last row of one under rows of three or more.
    for home in (
        {"sv": "/", "en": "/en/"}[language],
        area[language].rsplit("/", 2)[0] + "/",
    ):
        page.goto(site.url + home)
        rows = page.evaluate(
            "() => [...document.querySelectorAll('.card-list')].map(list =>"
            " [...list.children].map(li => Math.round(li.getBoundingClientRect().top)))"
        )
        for tops in rows:
            counts = [tops.count(top) for top in sorted(set(tops))]
            assert not (len(counts) > 1 and counts[0] >= 3 and counts[-1] == 1), (
                home,
                counts,
            )
    # A short page keeps its footer at the bottom of the window.
    page.goto(site.url + {"sv": "/kakor/", "en": "/en/cookies/"}[language])
    bottom = page.evaluate(
        "document.querySelector('.site-footer').getBoundingClientRect().bottom"
    )
    height = page.evaluate(
        "Math.max(window.innerHeight, document.documentElement.scrollHeight)"
    )
    assert bottom >= height - 1, (bottom, height)
