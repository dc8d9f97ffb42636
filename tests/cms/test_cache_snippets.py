"""A snippet's change makes stale only the release pages that show it (quoted in
the body, as a fact box or partner, or as a press contact), in both languages;
an editor's draft of a snippet (every autosave) makes stale nothing at all.
Through the real admin views, as the demo roles that do the work."""

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from cms.editorial.roles import EDITORS, PUBLISHERS
from cms.models import Person
from press.models import PressContact
from tests.builders import (
    make_fact_box,
    make_person,
    make_release,
    news_index,
    quote,
    stream,
    url_in,
)
from tests.cms.test_workflows import make_user

LANGUAGES = ("sv", "en")


def release(name, body_sv=None, body_en=None, **fields):
    return make_release(
        title_sv=f"Testnyhet {name}",
        title_en=f"Test news {name}",
        body_sv=body_sv or stream(("text", "<p>Brödtext.</p>")),
        body_en=body_en or stream(("text", "<p>Body text.</p>")),
        **fields,
    )


def person_form(person, **values) -> dict:
    """The person's edit form as the browser posts it."""
    data = {
        "name": person.name,
        "role_sv": person.role_sv,
        "role_en": person.role_en or "",
        "organisation_sv": person.organisation_sv or "",
        "organisation_en": person.organisation_en or "",
        "party": person.party,
        "photo": "",
        "email": person.email,
        "phone": person.phone,
    }
    return {**data, **values}


class SnippetScopeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-cache", EDITORS)
        cls.publisher = make_user("granskare-cache", PUBLISHERS)
        cls.person = make_person("Testa Citatsson")
        cls.person.save_revision().publish()
        cls.box = make_fact_box(
            title_sv="Testfakta om vind", title_en="Test wind facts"
        )
        cls.box.save_revision().publish()
        cls.quoting = release(
            "citat",
            body_sv=stream(("quote", quote(cls.person, "Vi testar."))),
            body_en=stream(("quote", quote(cls.person, "We test."))),
        )
        cls.contact = release("kontakt")
        PressContact.objects.create(page=cls.contact, person=cls.person)
        # The fact box in the English body only: a change still reaches both
        # languages' pages of the release (one remembered set of scopes).
        cls.boxed = release("fakta", body_en=stream(("fact_box", cls.box.pk)))
        cls.stranger = release("främling")

    def setUp(self):
        cache.clear()
        # The first request after a flush starts the clock; what it stores is
        # unscoped (it read the cache before there was a clock).
        self.client.get("/")

    def urls(self, *pages):
        return [url_in(page, language) for page in pages for language in LANGUAGES]

    def read(self, urls):
        """What an anonymous reader gets: {url: (X-Cache, html)}."""
        self.client.logout()
        found = {}
        for url in urls:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            found[url] = (response["X-Cache"], response.content.decode())
        return found

    def warm(self, urls):
        self.read(urls)
        for url, (state, _html) in self.read(urls).items():
            self.assertEqual(state, "HIT", url)

    def edit_person(self, user, **values):
        self.client.force_login(user)
        url = reverse(
            Person.snippet_viewset.get_url_name("edit"), args=[self.person.pk]
        )
        return self.client.post(url, person_form(self.person, **values))

    def test_a_draft_of_a_person_keeps_every_cached_page(self):
        # Wagtail 8 autosaves an editor's draft about a second after each
        # change; each save used to empty the whole page cache.
        urls = [
            *self.urls(self.quoting, self.contact, self.stranger),
            *[url_in(news_index(), language) for language in LANGUAGES],
        ]
        self.warm(urls)
        for name in ("Testa Utkastsson", "Testa Utkastsson igen"):
            response = self.edit_person(self.editor, name=name)
            self.assertEqual(response.status_code, 302)
        self.person.refresh_from_db()
        self.assertTrue(self.person.has_unpublished_changes)
        for url, (state, html) in self.read(urls).items():
            self.assertEqual(state, "HIT", url)
            self.assertNotIn("Utkastsson", html, url)

    def test_a_published_person_changes_only_the_pages_that_show_it(self):
        showing = self.urls(self.quoting, self.contact)
        others = self.urls(self.boxed, self.stranger)
        self.warm([*showing, *others])
        response = self.edit_person(
            self.publisher, name="Testa Namnbytesson", **{"action-publish": "1"}
        )
        self.assertEqual(response.status_code, 302)
        self.person.refresh_from_db()
        self.assertEqual(self.person.name, "Testa Namnbytesson")
        self.assertFalse(self.person.has_unpublished_changes)
        for url, (state, html) in self.read(showing).items():
            self.assertEqual(state, "MISS", url)
            self.assertIn("Testa Namnbytesson", html, url)
            self.assertNotIn("Testa Citatsson", html, url)
        for url, (state, _html) in self.read(others).items():
            self.assertEqual(state, "HIT", url)
        # The listings (and every page that is not a release) follow the
        # generation: made afresh.
        for language in LANGUAGES:
            state, _html = self.read([url_in(news_index(), language)]).popitem()[1]
            self.assertEqual(state, "MISS", language)

    def test_a_fact_box_published_changes_the_pages_that_show_it(self):
        showing, others = self.urls(self.boxed), self.urls(self.quoting, self.stranger)
        self.warm([*showing, *others])
        self.box.title_en = "Test wind facts, corrected"
        self.box.save_revision().publish()
        english = url_in(self.boxed, "en")
        for url, (state, html) in self.read(showing).items():
            self.assertEqual(state, "MISS", url)
            if url == english:
                self.assertIn("Test wind facts, corrected", html)
        for url, (state, _html) in self.read(others).items():
            self.assertEqual(state, "HIT", url)

    def test_a_new_person_changes_no_release_page(self):
        urls = self.urls(self.quoting, self.stranger)
        self.warm(urls)
        make_person("Testa Nykomling")
        for url, (state, _html) in self.read(urls).items():
            self.assertEqual(state, "HIT", url)
