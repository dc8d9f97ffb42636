"""The fragment cache (site header, footer and a page's main content) and the route
cache (address to page) are never stale, in both languages.

Each test reads the release it builds (CachedRelease from test_cache.py); the
listings, feeds and the home page are the demo's structural pages."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction

from cms.site_settings import SiteSettings
from tests.builders import make_release
from tests.cms.test_cache import CachedRelease
from tests.cms.test_workflows import release_form


def fragment_keys() -> list[str]:
    return [key for key in cache._cache if ":fragment:" in key]  # locmem in tests


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=True)
class FragmentCacheTests(CachedRelease, TestCase):
    """With the page cache off (or bypassed by a cookie), the site header, footer
    and a page's main content still come from the cache, and are never stale."""

    def render(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode(), len(queries.captured_queries)

    def test_a_second_render_reuses_fragments_in_both_languages(self):
        for url in (self.sv, self.en, "/", "/en/"):
            with self.subTest(url=url):
                cold, cold_queries = self.render(url)
                warm, warm_queries = self.render(url)
                self.assertEqual(cold, warm)
                self.assertLess(warm_queries, cold_queries)
                self.assertLessEqual(warm_queries, 8)
        organisation = SiteSettings.objects.get().organisation_name
        self.assertTrue(organisation)
        swedish = self.render(self.sv)[0]
        self.assertIn(organisation, swedish)
        self.assertIn(self.release.title_sv, swedish)
        self.assertIn('lang="sv"', swedish)
        english = self.render(self.en)[0]
        self.assertIn(organisation, english)
        self.assertIn(self.release.title_en, english)
        self.assertIn('lang="en"', english)

    def test_publish_and_snippet_changes_are_visible_at_once(self):
        page = self.release
        self.render(self.sv)
        self.render(self.en)
        page.title_sv = "Ny testrubrik i fragmentet"
        page.title_en = "New test headline in the fragment"
        page.save_revision().publish()
        self.assertIn("Ny testrubrik i fragmentet", self.render(self.sv)[0])
        self.assertIn("New test headline in the fragment", self.render(self.en)[0])
        self.person.role_sv = "testchef för fragment"
        self.person.role_en = "head of test fragments"
        self.person.save()
        self.assertIn("testchef för fragment", self.render(self.sv)[0])
        self.assertIn("head of test fragments", self.render(self.en)[0])

    def test_header_menu_follows_publishing(self):
        self.render(self.sv)
        self.render(self.en)
        settings = SiteSettings.objects.get()
        settings.organisation_name = "Testregion Fragmentia"
        settings.save()
        for url in (self.sv, self.en):
            body = self.render(url)[0]
            self.assertIn("Testregion Fragmentia", body)  # header, title and footer

    def test_made_up_urls_odd_queries_and_editors_add_no_entries(self):
        self.client.get("/finns-inte/")
        self.client.get("/en/does-not-exist/")
        self.client.get(self.sv + "?utm_source=x")
        for url in (self.sv, self.en):
            self.client.get(url + "?q=" + "x" * 300)
        self.client.get(self.en + "?utm_source=x")
        self.assertEqual(fragment_keys(), [])
        self.client.get(self.sv)
        # head, header, content, footer and the feedback question
        self.assertEqual(len(fragment_keys()), 5)

    def test_listings_render_their_content_afresh(self):
        self.client.get("/nyheter/")
        # head, header, footer and the feedback question: not the listing
        self.assertEqual(len(fragment_keys()), 4)
        self.client.get("/en/news/")
        make_release(title_sv="Syns direkt i testlistan", title_en="Seen at once")
        self.assertIn("Syns direkt i testlistan", self.render("/nyheter/")[0])
        self.assertIn("Seen at once", self.render("/en/news/")[0])

    def test_previews_are_never_served_from_fragments(self):
        editor = get_user_model().objects.create_superuser(
            "fragment-editor", "f@example.org", "pw"
        )
        page = self.release
        self.render(self.sv)
        self.render(self.en)
        self.client.force_login(editor)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        self.client.post(
            url,
            release_form(
                page, title_sv="Utkast i förhandsvisning", title_en="Draft in preview"
            ),
        )
        for mode, draft in (
            ("sv", "Utkast i förhandsvisning"),
            ("en", "Draft in preview"),
        ):
            with self.subTest(mode=mode):
                self.assertContains(self.client.get(url + f"?mode={mode}"), draft)
        self.client.logout()
        self.assertNotIn("Utkast i förhandsvisning", self.render(self.sv)[0])
        self.assertNotIn("Draft in preview", self.render(self.en)[0])
        self.assertIn(page.title_sv, self.render(self.sv)[0])
        self.assertIn(page.title_en, self.render(self.en)[0])


def route_keys() -> list[str]:
    return [key for key in cache._cache if ":route:" in key]


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=True)
class RouteCacheTests(CachedRelease, TestCase):
    """A known address costs no query to find its page, and the route cache is
    never stale: publishing, unpublishing, moving and restricting take effect at
    once in both languages."""

    def queries(self, url):
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        return response, len(captured.captured_queries)

    def test_known_addresses_are_found_without_queries_in_both_languages(self):
        for url in (self.sv, self.en, "/nyheter/", "/en/news/", "/", "/en/"):
            with self.subTest(url=url):
                first, cold = self.queries(url)
                second, warm = self.queries(url)
                self.assertEqual(first.status_code, 200)
                self.assertEqual(second.content, first.content)
                self.assertLess(warm, cold)
        # Route, page, view restrictions and every fragment come from the cache.
        for url in (self.sv, self.en):
            self.assertEqual(self.queries(url)[1], 0, url)

    def test_routable_subpages_come_back_from_the_route_cache(self):
        for url in ("/nyheter/rss/", "/en/news/atom/"):
            with self.subTest(url=url):
                first = self.client.get(url)
                second = self.client.get(url)
                self.assertEqual(second.status_code, 200)
                self.assertEqual(second["Content-Type"], first["Content-Type"])
                self.assertIn("xml", second["Content-Type"])

    def test_each_cache_switches_off_on_its_own(self):
        # FRAGMENT_CACHE=off keeps the route cache (docs/performance.md), and
        # ROUTE_CACHE=off keeps the fragments.
        for url in (self.sv, self.en):
            with self.subTest(url=url), self.settings(FRAGMENT_CACHE_ENABLED=False):
                cache.clear()
                self.client.get(url)
                self.assertEqual(len(route_keys()), 1)
                self.assertEqual(fragment_keys(), [])
            with self.subTest(url=url), self.settings(ROUTE_CACHE_ENABLED=False):
                cache.clear()
                self.client.get(url)
                self.assertEqual(route_keys(), [])
                self.assertNotEqual(fragment_keys(), [])

    def test_unknown_addresses_are_not_remembered(self):
        self.client.get("/finns-inte/")
        self.client.get("/en/news/no-such-release/")
        self.assertEqual(route_keys(), [])

    def test_unpublish_and_slug_changes_take_effect_at_once(self):
        page = make_release(title_sv="Ruttad testnyhet", title_en="Routed test news")
        old_sv, old_en = page.url, "/en/news/" + page.slug_en + "/"
        self.assertEqual(self.client.get(old_sv).status_code, 200)
        self.assertEqual(self.client.get(old_en).status_code, 200)
        page.slug_sv = "ny-testadress"
        page.slug_en = "new-test-address"
        page.save_revision().publish()
        self.assertContains(
            self.client.get("/nyheter/ny-testadress/"), "Ruttad testnyhet"
        )
        self.assertContains(
            self.client.get("/en/news/new-test-address/"), "Routed test news"
        )
        for old in (old_sv, old_en):
            with self.subTest(old=old):
                self.assertEqual(self.client.get(old).status_code, 301)
        page.refresh_from_db()
        page.unpublish()
        self.assertEqual(self.client.get("/nyheter/ny-testadress/").status_code, 404)
        self.assertEqual(self.client.get("/en/news/new-test-address/").status_code, 404)

    def test_a_page_made_private_is_private_at_once(self):
        for url in (self.sv, self.en):
            self.client.get(url)
        PageViewRestriction.objects.create(
            page=self.release, restriction_type=PageViewRestriction.LOGIN
        )
        for url in (self.sv, self.en):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("login", response["Location"])
