"""The browser can reach the live demo site in both languages."""

from tests.browser.admin import login


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


def _csp_violations(page) -> list[str]:
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return messages


def test_site_scripts_run_under_the_content_security_policy(site, new_page):
    """With the CSP enforced (other browser tests bypass it for their tooling), the
    site's own script works in both languages and the browser reports no violation."""
    from django.utils import translation

    from press.models import PressReleasePage

    release = PressReleasePage.objects.live().first()
    violations = []
    for language, answer, thanks in (
        ("sv", "Ja", "Tack för ditt svar!"),
        ("en", "Yes", "Thank you for your answer!"),
    ):
        with translation.override(language):
            path = release.get_url()
        page = new_page(csp=True)
        violations += _csp_violations(page)
        page.goto(site.url + path)
        assert page.locator("html").get_attribute("lang") == language
        page.get_by_role("button", name=answer, exact=True).click()
        page.wait_for_selector("[data-feedback-focus]")
        assert page.locator("[data-feedback-focus]").inner_text() == thanks
    assert violations == []


def test_admin_editor_runs_under_the_content_security_policy(
    site, new_page, django_user_model
):
    from press.models import PressReleasePage

    django_user_model.objects.create_superuser(
        "webbadmin", "w@example.org", "ett-langt-losenord"
    )
    release = PressReleasePage.objects.live().first()
    page = new_page(csp=True)
    violations = _csp_violations(page)
    login(page, site.url, "webbadmin", "ett-langt-losenord")
    page.goto(f"{site.url}/admin/pages/{release.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The StreamField editor is drawn by script: its blocks appear only if it ran.
    assert page.locator("[data-streamfield-stream-container]").count() > 0
    assert violations == []
