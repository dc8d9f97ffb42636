"""While redaktor edits a person in the admin (Wagtail 8 autosaves the draft
about a second after each change), readers keep getting the release that quotes
the person from the page cache, as published, in both languages. Each autosave
used to empty the whole page cache."""

import time

from django.contrib.auth.models import Group
from django.urls import reverse

from cms.editorial.roles import EDITORS
from cms.models import Person
from scripts.harness import fetch
from tests.browser.admin import PASSWORD, login, pause
from tests.builders import make_person, make_release, quote, stream, url_in

LANGUAGES = ("sv", "en")


def reader_sees(url: str) -> tuple[str, str]:
    """(X-Cache, html) for an anonymous reader."""
    status, headers, body = fetch(url)
    assert status == 200, url
    return headers.get("X-Cache", ""), body.decode()


def test_a_person_being_edited_keeps_readers_pages_cached(
    site, new_page, django_user_model
):
    editor = django_user_model.objects.create_user(
        "redaktor", "redaktor@example.org", PASSWORD
    )
    editor.groups.add(Group.objects.get(name=EDITORS))
    person = make_person("Testa Autosparsson", role_sv="testchef", role_en="test chief")
    person.save_revision().publish()
    release = make_release(
        title_sv="Testnyhet med citat",
        title_en="Test news with a quote",
        body_sv=stream(("quote", quote(person, "Vi testar."))),
        body_en=stream(("quote", quote(person, "We test."))),
    )
    urls = [site.url + url_in(release, language) for language in LANGUAGES]
    for url in urls:
        reader_sees(url)
        assert reader_sees(url)[0] == "HIT", url

    page = new_page()
    login(page, site.url, "redaktor")
    edit = reverse(Person.snippet_viewset.get_url_name("edit"), args=[person.pk])
    page.goto(site.url + edit)
    revisions = person.revisions.count()
    for field, text in (("#id_email", "zqx@example.org"), ("#id_phone", "0455-12 34")):
        page.fill(field, text)
        pause(page)  # longer than the autosave needs
    deadline = time.monotonic() + 30
    while person.revisions.count() <= revisions and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    person.refresh_from_db()
    assert person.revisions.count() > revisions  # the autosave ran
    assert person.has_unpublished_changes and person.email != "zqx@example.org"

    for url in urls:
        state, html = reader_sees(url)
        assert state == "HIT", url
        assert "Testa Autosparsson" in html and "zqx@example.org" not in html
