"""An editor writes a press release in both languages and submits it; a publisher
approves it; readers see it in Swedish and English. All in a real browser. The
fact box it reuses is built here; the roles and the news index are the demo's."""

import re

from django.contrib.auth.models import Group
from django.utils import translation

from press.models import NewsIndexPage, PressReleasePage
from tests.browser.admin import add_block, choose_snippet, login, pause
from tests.builders import make_fact_box

PASSWORD = "ett-långt-lösenord-för-test"


def settle(page):
    """Wait until the admin's background requests are done: with SQLite the live
    server shares the test's database connection, so the test must not query while
    the server is still answering."""
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")


def write_release(page, base_url, fact_box):
    news = NewsIndexPage.objects.get()
    page.goto(f"{base_url}/admin/pages/add/press/pressreleasepage/{news.pk}/")
    page.fill("#id_title_sv", "Webbläsartest: ny satsning")
    page.fill("#id_lead_sv", "En ingress skriven i en riktig webbläsare.")
    add_block(page, "body_sv", "Citat")
    page.fill('[name="body_sv-0-value-text"]', "Vi provar allt på riktigt")
    page.fill('[name="body_sv-0-value-name"]', "Anna Andersson")
    page.fill('[name="body_sv-0-value-role_sv"]', "kommunikationschef")
    add_block(page, "body_sv", "Faktaruta")
    choose_snippet(page, "body_sv-1-value", fact_box.title_sv)

    page.locator("button.locale-toggle", has_text="en").click()
    page.fill("#id_title_en", "Browser test: a new initiative")
    page.fill("#id_lead_en", "A lead written in a real browser.")
    add_block(page, "body_en", "Citat")
    page.fill('[name="body_en-0-value-text"]', "We try everything for real")
    page.fill('[name="body_en-0-value-name"]', "Anna Andersson")
    page.fill('[name="body_en-0-value-role_en"]', "head of communications")
    add_block(page, "body_en", "Faktaruta")
    choose_snippet(page, "body_en-1-value", fact_box.title_sv)
    # The English slug is made from the English title like the Swedish one; an
    # editor may still change it on the promote tab.
    page.get_by_role("tab", name=re.compile("Marknadsför")).click()
    if not page.input_value("#id_slug_en"):
        page.fill("#id_slug_en", "browser-test-a-new-initiative")
    if not page.input_value("#id_slug_sv"):
        page.fill("#id_slug_sv", "webblasartest-ny-satsning")
    # A person looks the page over before submitting: the autosave that creates
    # the page lands first (a submit racing it failed once on a loaded machine:
    # the submit's new page then had a slug the autosave had just taken).
    pause(page)

    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.click('button[name="action-submit"]')
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    settle(page)


def approve(page, base_url, release):
    page.goto(f"{base_url}/admin/pages/{release.pk}/edit/")
    button = page.locator('button[data-workflow-action-name="approve"]').first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    button.click()
    # "Approve" without comment posts at once; with a modal, confirm it.
    confirm = page.locator(".modal-dialog button[type=submit]")
    if confirm.count():
        confirm.first.click()
    settle(page)


def test_editor_writes_publisher_approves_readers_read(
    site, new_page, django_user_model
):
    editor = django_user_model.objects.create_user("anna", "anna@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Redaktörer"))
    publisher = django_user_model.objects.create_user("bo", "bo@example.org", PASSWORD)
    publisher.groups.add(Group.objects.get(name="Granskare och publicister"))
    # Built after the live server's demo reload (the site fixture).
    fact_box = make_fact_box(
        title_sv="Testfakta: webbläsartestet", title_en="Test facts: the browser test"
    )

    writer = new_page()
    login(writer, site.url, "anna", PASSWORD)
    write_release(writer, site.url, fact_box)
    release = PressReleasePage.objects.get(title_sv="Webbläsartest: ny satsning")
    assert not release.live
    assert release.current_workflow_task.name == "Granskning"

    reviewer = new_page()
    login(reviewer, site.url, "bo", PASSWORD)
    approve(reviewer, site.url, release)
    release.refresh_from_db()
    # The English version is complete, so "Översättning klar" passed on its own.
    assert release.current_workflow_task.name == "Publiceringsgodkännande"
    approve(reviewer, site.url, release)
    release.refresh_from_db()
    assert release.live

    reader = new_page(width=390, height=844)
    with translation.override("sv"):
        swedish_url = release.url
    reader.goto(site.url + swedish_url)
    assert reader.locator("h1").inner_text() == "Webbläsartest: ny satsning"
    assert (
        "Anna Andersson, kommunikationschef"
        in reader.locator("figure.quote").inner_text()
    )
    assert reader.locator(".fact-box h2").inner_text() == "Testfakta: webbläsartestet"
    assert "Testfaktatext." in reader.locator(".fact-box").inner_text()
    reader.click("text=In English")
    reader.wait_for_load_state()
    assert reader.locator("html").get_attribute("lang") == "en"
    assert reader.locator("h1").inner_text() == "Browser test: a new initiative"
    assert (
        "Anna Andersson, head of communications"
        in reader.locator("figure.quote").inner_text()
    )
    assert reader.locator(".fact-box h2").inner_text() == "Test facts: the browser test"
    assert "Test fact text." in reader.locator(".fact-box").inner_text()
