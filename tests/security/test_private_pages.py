"""Pages behind a password, a login or a group stay private: search never shows
their title or lead, nor confirms a word of their body, in either language; the
English address of a private page says nothing of it; and readers can unlock a
password page through Wagtail's own form."""

from django.contrib.auth.models import Group
from django.test import TestCase, override_settings

from wagtail.models import PageViewRestriction

from tests.builders import make_release

SECRET = "zqxhemlig"


def titles(response):
    results = response.context["results"]
    return [document.title for document in results] if results else []


@override_settings(
    PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False, ROUTE_CACHE_ENABLED=False
)
class PrivateSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = {}
        for kind in ("password", "login", "groups"):
            page = make_release(
                title_sv=f"Intern {kind} {SECRET}",
                slug_sv=f"intern-{kind}",
                lead_sv=f"Ingress {SECRET}.",
                title_en=f"Internal {kind} {SECRET}",
                slug_en=f"internal-{kind}",
                lead_en=f"Lead {SECRET}.",
                body_sv=[{"type": "text", "value": f"<p>Brödord{kind}{SECRET}</p>"}],
                body_en=[{"type": "text", "value": f"<p>Bodyword{kind}{SECRET}</p>"}],
            )
            restriction = PageViewRestriction.objects.create(
                page=page,
                restriction_type=kind,
                password="hemligt-lösenord" if kind == "password" else "",
            )
            if kind == "groups":
                restriction.groups.add(Group.objects.create(name="Interna läsare"))
            cls.pages[kind] = page
        cls.public = make_release(
            title_sv=f"Öppen {SECRET}",
            slug_sv="oppen",
            title_en=f"Open {SECRET}",
            slug_en="open",
            lead_en="Open lead.",
        )

    def search(self, url, query):
        response = self.client.get(url, {"q": query})
        self.assertEqual(response.status_code, 200)
        return response

    def test_search_shows_public_pages_only_in_both_languages(self):
        for url, public in (("/sok/", "Öppen"), ("/en/search/", "Open")):
            response = self.search(url, SECRET)
            self.assertEqual(titles(response), [f"{public} {SECRET}"], url)
            self.assertNotContains(response, "Intern")
            self.assertNotContains(response, "Internal")
            self.assertNotContains(response, "Ingress")

    def test_search_confirms_no_word_of_a_private_body(self):
        for kind in self.pages:
            for url, word in (
                ("/sok/", f"brödord{kind}{SECRET}"),
                ("/en/search/", f"bodyword{kind}{SECRET}"),
            ):
                found = titles(self.search(url, word))
                self.assertFalse([t for t in found if "ntern" in t], (kind, url))

    def test_a_page_made_private_after_it_was_indexed_leaves_search(self):
        self.assertEqual(len(titles(self.search("/sok/", SECRET))), 1)
        restriction = PageViewRestriction.objects.create(
            page=self.public, restriction_type="login"
        )
        self.assertEqual(titles(self.search("/sok/", SECRET)), [])
        self.assertEqual(titles(self.search("/en/search/", SECRET)), [])
        restriction.delete()
        self.assertEqual(len(titles(self.search("/sok/", SECRET))), 1)

    def test_the_index_holds_no_private_page(self):
        from cms.models import SearchDocument

        self.assertFalse(
            SearchDocument.objects.filter(
                page_id__in=[page.pk for page in self.pages.values()]
            ).exists()
        )


@override_settings(PAGE_CACHE_ENABLED=True, FRAGMENT_CACHE_ENABLED=True)
class PrivatePageServingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = make_release(
            title_sv=f"Lösenordssida {SECRET}",
            slug_sv="losenordssida",
            lead_sv=f"Hemlig ingress {SECRET}.",
        )  # Swedish only
        cls.restriction = PageViewRestriction.objects.create(
            page=cls.page, restriction_type="password", password="rätt-lösenord"
        )
        cls.login_page = make_release(
            title_sv=f"Personalsida {SECRET}", slug_sv="personal"
        )
        PageViewRestriction.objects.create(
            page=cls.login_page, restriction_type="login"
        )

    def test_the_password_form_unlocks_the_page(self):
        response = self.client.get("/nyheter/losenordssida/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Lösenord krävs")
        self.assertNotContains(response, SECRET)
        form = response.context["form"]
        action = response.context["action_url"]
        self.assertTrue(action.startswith("/_util/authenticate_with_password/"))
        wrong = self.client.post(
            action, {"password": "fel", "return_url": form.initial["return_url"]}
        )
        self.assertEqual(wrong.status_code, 200)
        self.assertNotContains(wrong, SECRET)
        right = self.client.post(
            action,
            {"password": "rätt-lösenord", "return_url": form.initial["return_url"]},
        )
        self.assertRedirects(
            right, "/nyheter/losenordssida/", fetch_redirect_response=False
        )
        self.assertContains(
            self.client.get("/nyheter/losenordssida/"), f"Hemlig ingress {SECRET}"
        )
        # Another reader at the same address still gets the form: nothing of the
        # unlocked page came from a cache.
        other = self.client_class()
        response = other.get("/nyheter/losenordssida/")
        self.assertContains(response, "Lösenord krävs")
        self.assertNotContains(response, SECRET)

    def test_english_address_of_a_private_swedish_only_page_tells_nothing(self):
        response = self.client.get("/en/news/losenordssida/")
        self.assertNotContains(response, SECRET, status_code=response.status_code)
        self.assertIn(response.status_code, (200, 401, 403, 404))
        self.assertNotContains(
            response, "Lösenordssida", status_code=response.status_code
        )

    def test_login_pages_send_readers_to_the_login_and_back(self):
        response = self.client.get("/nyheter/personal/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/admin/login/?next="))
        self.assertIn("/nyheter/personal/", response["Location"])

    def test_cookie_page_lists_the_password_pages_cookies(self):
        for url in ("/kakor/", "/en/cookies/"):
            response = self.client.get(url)
            self.assertContains(response, "<code>sessionid</code>", count=2)
            self.assertContains(response, "<code>csrftoken</code>", count=2)
