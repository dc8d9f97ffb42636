"""The browser can reach the live demo site in both languages."""

from tests.browser.conftest import login


def test_home_in_both_languages(site, new_page):
    page = new_page()
    page.goto(site.url + "/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert (
        page.locator("h1").inner_text()
        == "Nyheter och strategi för ett starkare Blekinge"
    )
    page.click("text=In English")
    page.wait_for_url(site.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_admin_login(site, new_page, django_user_model):
    django_user_model.objects.create_superuser(
        "webbadmin", "w@example.org", "ett-langt-losenord"
    )
    page = new_page()
    login(page, site.url, "webbadmin", "ett-langt-losenord")
    assert page.locator("html").get_attribute("lang") == "sv"
