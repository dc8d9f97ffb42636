"""The page cache is never stale and never serves editors."""

import io
import time

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from cms.models import Person
from press.models import PressReleasePage
from tests.builders import make_release
from tests.press.test_pages import SEED_EN, SEED_SV


class PageCacheTests(TestCase):
    def test_anonymous_pages_are_stored_and_served_without_queries(self):
        first = self.client.get(SEED_SV)
        self.assertEqual(first["X-Cache"], "MISS")
        with CaptureQueriesContext(connection) as queries:
            second = self.client.get(SEED_SV)
        self.assertEqual(second["X-Cache"], "HIT")
        self.assertEqual(len(queries.captured_queries), 0)
        self.assertEqual(first.content, second.content)
        self.assertEqual(second["Content-Language"], "sv")

    def test_headers_for_shared_caches(self):
        self.client.get(SEED_EN)
        response = self.client.get(SEED_EN)
        self.assertRegex(
            response["Cache-Control"], r"public, max-age=\d+, s-maxage=\d+"
        )
        self.assertTrue(response["ETag"].startswith('"'))
        self.assertIn("GMT", response["Last-Modified"])
        self.assertNotIn("Accept-Language", response.get("Vary", ""))
        self.assertIn("Cookie", response["Vary"])
        again = self.client.get(SEED_EN, HTTP_IF_NONE_MATCH=response["ETag"])
        self.assertEqual(again.status_code, 304)

    def test_publish_is_visible_at_once_in_both_languages_everywhere(self):
        urls = ["/nyheter/", "/en/news/", "/nyheter/rss/", "/en/news/rss/", "/", "/en/"]
        for url in urls:
            self.client.get(url)
        make_release(
            title_sv="Färsk nyhet om cachen", title_en="Fresh news about the cache"
        )
        for url in urls:
            with self.subTest(url=url):
                body = self.client.get(url).content.decode()
                fresh = (
                    "Fresh news about the cache"
                    if "/en/" in url
                    else "Färsk nyhet om cachen"
                )
                self.assertIn(fresh, body)

    def test_edit_and_unpublish_are_visible_at_once(self):
        page = PressReleasePage.objects.get(
            slug_sv="region-blekinge-satsar-pa-lanets-aterhamtning"
        )
        self.client.get(SEED_SV)
        self.client.get("/nyheter/")
        page.title_sv = "Ny rubrik för seed"
        page.save_revision().publish()
        self.assertContains(self.client.get(SEED_SV), "Ny rubrik för seed")
        self.assertContains(self.client.get("/nyheter/"), "Ny rubrik för seed")
        page.unpublish()
        self.assertEqual(self.client.get(SEED_SV).status_code, 404)
        self.assertNotContains(self.client.get("/nyheter/"), "Ny rubrik för seed")

    def test_snippet_change_invalidates(self):
        self.client.get(SEED_EN)
        person = Person.objects.get(name="Maria Lind")
        person.role_en = "head of press"
        person.save()
        self.assertContains(self.client.get(SEED_EN), "head of press")

    def test_editors_are_never_served_from_or_stored_in_the_cache(self):
        self.client.get(SEED_SV)  # anonymous copy in the cache
        editor = get_user_model().objects.create_superuser(
            "cache-editor", "e@example.org", "pw"
        )
        self.client.force_login(editor)
        response = self.client.get(SEED_SV)
        self.assertNotIn("X-Cache", response)
        self.assertContains(response, "wagtail-userbar")
        self.client.logout()
        anonymous = self.client.get(SEED_SV)
        self.assertNotContains(anonymous, "wagtail-userbar")

    def test_unknown_parameters_and_errors_are_not_cached(self):
        response = self.client.get("/nyheter/?utm_source=x")
        self.assertNotIn("X-Cache", response)
        self.assertEqual(self.client.get("/finns-inte/").status_code, 404)
        self.assertNotIn("X-Cache", self.client.get("/finns-inte/"))
        self.assertNotIn("X-Cache", self.client.get("/nyheter/?year=1700"))

    def test_scheduled_go_live_appears_without_a_manual_purge(self):
        page = make_release(
            title_sv="Embargo till i morgon",
            title_en="Embargoed until tomorrow",
            publish=False,
        )
        page.go_live_at = timezone.now() + timezone.timedelta(seconds=2)
        page.save_revision().publish()
        self.client.get("/nyheter/")
        self.client.get("/en/news/")
        self.assertNotContains(self.client.get("/nyheter/"), "Embargo till i morgon")
        # The embargo passes and the scheduler runs (as cron does every minute).
        time.sleep(max(0.0, (page.go_live_at - timezone.now()).total_seconds()) + 0.2)
        call_command("publish_scheduled", stdout=io.StringIO())
        self.assertContains(self.client.get("/nyheter/"), "Embargo till i morgon")
        self.assertContains(self.client.get("/en/news/"), "Embargoed until tomorrow")

    def test_cache_can_be_switched_off(self):
        with self.settings(PAGE_CACHE_ENABLED=False):
            self.client.get(SEED_SV)
            self.assertNotIn("X-Cache", self.client.get(SEED_SV))


def fragment_keys() -> list[str]:
    return [key for key in cache._cache if ":fragment:" in key]  # locmem in tests


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=True)
class FragmentCacheTests(TestCase):
    """With the page cache off (or bypassed by a cookie), the site header, footer
    and a page's main content still come from the cache, and are never stale."""

    def render(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode(), len(queries.captured_queries)

    def test_a_second_render_reuses_fragments_in_both_languages(self):
        for url in (SEED_SV, SEED_EN, "/", "/en/"):
            with self.subTest(url=url):
                cold, cold_queries = self.render(url)
                warm, warm_queries = self.render(url)
                self.assertEqual(cold, warm)
                self.assertLess(warm_queries, cold_queries)
                self.assertLessEqual(warm_queries, 8)
        self.assertIn("Region Blekinge", self.render(SEED_SV)[0])
        self.assertIn('lang="en"', self.render(SEED_EN)[0])

    def test_publish_and_snippet_changes_are_visible_at_once(self):
        page = PressReleasePage.objects.get(
            slug_sv="region-blekinge-satsar-pa-lanets-aterhamtning"
        )
        self.render(SEED_SV)
        self.render(SEED_EN)
        page.title_sv = "Ny rubrik i fragmentet"
        page.title_en = "New headline in the fragment"
        page.save_revision().publish()
        self.assertIn("Ny rubrik i fragmentet", self.render(SEED_SV)[0])
        self.assertIn("New headline in the fragment", self.render(SEED_EN)[0])
        person = Person.objects.get(name="Maria Lind")
        person.role_en = "head of fragments"
        person.save()
        self.assertIn("head of fragments", self.render(SEED_EN)[0])

    def test_header_menu_follows_publishing(self):
        from cms.models import SiteSettings

        self.render(SEED_SV)
        settings = SiteSettings.objects.get()
        settings.organisation_name = "Region Fragmentia"
        settings.save()
        body = self.render(SEED_SV)[0]
        self.assertIn("Region Fragmentia", body)  # header, title and footer

    def test_made_up_urls_odd_queries_and_editors_add_no_entries(self):
        self.client.get("/finns-inte/")
        self.client.get("/en/does-not-exist/")
        self.client.get(SEED_SV + "?utm_source=x")
        self.client.get(SEED_SV + "?q=" + "x" * 300)
        self.assertEqual(fragment_keys(), [])
        self.client.get(SEED_SV)
        # head, header, content, footer and the feedback question
        self.assertEqual(len(fragment_keys()), 5)

    def test_listings_render_their_content_afresh(self):
        self.client.get("/nyheter/")
        # head, header, footer and the feedback question: not the listing
        self.assertEqual(len(fragment_keys()), 4)
        make_release(title_sv="Syns direkt i listan")
        self.assertIn("Syns direkt i listan", self.render("/nyheter/")[0])

    def test_previews_are_never_served_from_fragments(self):
        from django.urls import reverse

        from tests.cms.test_workflows import release_form

        editor = get_user_model().objects.create_superuser(
            "fragment-editor", "f@example.org", "pw"
        )
        page = PressReleasePage.objects.get(
            slug_sv="region-blekinge-satsar-pa-lanets-aterhamtning"
        )
        self.render(SEED_SV)
        self.render(SEED_EN)
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
        self.assertNotIn("Utkast i förhandsvisning", self.render(SEED_SV)[0])
        self.assertNotIn("Draft in preview", self.render(SEED_EN)[0])


def route_keys() -> list[str]:
    return [key for key in cache._cache if ":route:" in key]


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=True)
class RouteCacheTests(TestCase):
    """A known address costs no query to find its page, and the route cache is
    never stale: publishing, unpublishing, moving and restricting take effect at
    once in both languages."""

    def queries(self, url):
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        return response, len(captured.captured_queries)

    def test_known_addresses_are_found_without_queries_in_both_languages(self):
        for url in (SEED_SV, SEED_EN, "/nyheter/", "/en/news/", "/", "/en/"):
            with self.subTest(url=url):
                first, cold = self.queries(url)
                second, warm = self.queries(url)
                self.assertEqual(first.status_code, 200)
                self.assertEqual(second.content, first.content)
                self.assertLess(warm, cold)
        # Route, page, view restrictions and every fragment come from the cache.
        for url in (SEED_SV, SEED_EN):
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
        for url in (SEED_SV, SEED_EN):
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
        page = make_release(title_sv="Ruttad nyhet", title_en="Routed news")
        old_sv, old_en = page.url, "/en/news/" + page.slug_en + "/"
        self.assertEqual(self.client.get(old_sv).status_code, 200)
        self.assertEqual(self.client.get(old_en).status_code, 200)
        page.slug_sv = "ny-adress"
        page.slug_en = "new-address"
        page.save_revision().publish()
        self.assertEqual(self.client.get("/nyheter/ny-adress/").status_code, 200)
        self.assertEqual(self.client.get("/en/news/new-address/").status_code, 200)
        for old in (old_sv, old_en):
            with self.subTest(old=old):
                self.assertEqual(self.client.get(old).status_code, 301)
        page.refresh_from_db()
        page.unpublish()
        self.assertEqual(self.client.get("/nyheter/ny-adress/").status_code, 404)
        self.assertEqual(self.client.get("/en/news/new-address/").status_code, 404)

    def test_a_page_made_private_is_private_at_once(self):
        from wagtail.models import PageViewRestriction

        for url in (SEED_SV, SEED_EN):
            self.client.get(url)
        page = PressReleasePage.objects.get(
            slug_sv="region-blekinge-satsar-pa-lanets-aterhamtning"
        )
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
        for url in (SEED_SV, SEED_EN):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("login", response["Location"])


@override_settings(PAGE_CACHE_ENABLED=True)
class PrivatePagesLeaveThePageCacheTests(TestCase):
    def test_a_page_made_private_leaves_the_page_cache(self):
        from wagtail.models import PageViewRestriction

        self.client.get(SEED_SV)
        self.assertEqual(self.client.get(SEED_SV)["X-Cache"], "HIT")
        page = PressReleasePage.objects.get(
            slug_sv="region-blekinge-satsar-pa-lanets-aterhamtning"
        )
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x1"
        )
        response = self.client.get(SEED_SV)
        self.assertNotEqual(response.get("X-Cache"), "HIT")
        self.assertNotContains(response, page.lead_sv)


class FrontendCachePurgeTests(TestCase):
    """A CDN purge configured by settings gets both languages' URLs on publish.
    (The CDN is outside this machine, so its HTTP call is mocked.)"""

    def test_publish_purges_the_page_listings_and_feeds_in_both_languages(self):
        from unittest import mock

        frontend = {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": "http://cdn.example.invalid",
            }
        }
        purged = []
        with (
            self.settings(WAGTAILFRONTENDCACHE=frontend),
            mock.patch(
                "wagtail.contrib.frontend_cache.backends.HTTPBackend.purge",
                side_effect=purged.append,
            ),
            # The purge waits for the commit: a CDN must not fetch the old page again
            # before the new one is in the database.
            self.captureOnCommitCallbacks(execute=True),
        ):
            make_release(title_sv="CDN-nyhet", title_en="CDN news")
        self.assertEqual(len(purged), len(set(purged)), "each address purged once")
        for url in (
            "http://testserver/nyheter/cdn-nyhet/",
            "http://testserver/en/news/cdn-news/",
            "http://testserver/nyheter/",
            "http://testserver/en/news/",
            "http://testserver/nyheter/rss/",
            "http://testserver/en/news/atom/",
            "http://testserver/sitemap.xml",
        ):
            self.assertIn(url, purged)


class WSGICall:
    """Calls a WSGI application as gunicorn would."""

    def call(self, app, path, query="", **extra):
        from wsgiref.util import setup_testing_defaults

        environ = {
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "HTTP_HOST": "testserver",
            "REQUEST_METHOD": "GET",
            **extra,
        }
        setup_testing_defaults(environ)
        captured = {}

        def start_response(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = dict(headers)

        # As Django's test client does: a finished request must not close the
        # test's database connection (it holds the test's transaction).
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections

        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = app(environ, start_response)
            body = b"".join(response)
            if hasattr(response, "close"):
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return captured["status"], captured["headers"], body


class WSGICacheTests(WSGICall, TestCase):
    """cms.wsgi answers hits before Django builds a request, with the same headers."""

    def test_hits_are_served_before_django_with_all_headers(self):
        from unittest import mock

        from django.core.handlers.wsgi import WSGIHandler

        from cms.caching.pages import CachedWSGIApplication

        django_app = WSGIHandler()
        app = CachedWSGIApplication(django_app)
        status, miss_headers, miss_body = self.call(app, SEED_SV)
        self.assertEqual((status, miss_headers["X-Cache"]), ("200 OK", "MISS"))
        with mock.patch.object(
            WSGIHandler, "__call__", side_effect=AssertionError("Django ran")
        ):
            status, headers, body = self.call(app, SEED_SV)
        self.assertEqual(status, "200 OK")
        self.assertEqual(body, miss_body)
        self.assertEqual(headers["X-Cache"], "HIT")
        for name in (
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Content-Language",
            "Cache-Control",
            "ETag",
            "Vary",
        ):
            self.assertEqual(headers[name], miss_headers[name], name)
        status, _headers, body = self.call(
            app, SEED_SV, HTTP_IF_NONE_MATCH=headers["ETag"]
        )
        self.assertEqual((status, body), ("304 Not Modified", b""))
        status, _headers, body = self.call(app, SEED_SV, REQUEST_METHOD="HEAD")
        self.assertEqual((status, body), ("200 OK", b""))
        # Editors (session cookie) and the admin always reach Django.
        status, headers, _body = self.call(app, SEED_SV, HTTP_COOKIE="sessionid=abc")
        self.assertNotEqual(headers.get("X-Cache"), "HIT")
        # A publish makes the entry stale at once.
        make_release(title_sv="Ny efter cache", title_en="New after cache")
        status, headers, _body = self.call(app, SEED_SV)
        self.assertEqual(headers["X-Cache"], "MISS")


class LastModifiedTests(WSGICall, TestCase):
    """Last-Modified is the time of the last change readers can see (the cache
    generation, shared by every process), not the time a process filled its cache,
    and If-Modified-Since alone gets 304 on both paths."""

    def test_last_modified_is_the_same_whoever_fills_the_cache(self):
        from cms.caching.pages import entry_key

        first = self.client.get(SEED_SV)
        self.assertEqual(first["X-Cache"], "MISS")
        # Another worker fills its copy later: same content, same time.
        time.sleep(1.1)
        cache.delete(entry_key(first.wsgi_request.META))
        self.assertEqual(cache.get("pagecache:generation"), self.generation)
        second = self.client.get(SEED_SV)
        self.assertEqual(second["X-Cache"], "MISS")
        self.assertEqual(second["ETag"], first["ETag"])
        self.assertEqual(second["Last-Modified"], first["Last-Modified"])

    def test_a_generation_from_before_the_upgrade_is_replaced_once(self):
        from cms.caching.pages import entry_key

        cache.set("pagecache:generation", "0123456789abcdef", None)
        first = self.client.get(SEED_EN)
        cache.delete(entry_key(first.wsgi_request.META))
        time.sleep(1.1)
        second = self.client.get(SEED_EN)
        self.assertEqual(second["Last-Modified"], first["Last-Modified"])

    def test_a_publish_moves_last_modified_forward(self):
        first = self.client.get(SEED_EN)
        time.sleep(1.1)
        make_release(title_sv="Senare nyhet", title_en="Later news")
        second = self.client.get(SEED_EN)
        self.assertGreater(
            parse_http_date(second["Last-Modified"]),
            parse_http_date(first["Last-Modified"]),
        )

    def test_if_modified_since_alone_gets_304_from_django_and_from_wsgi(self):
        from unittest import mock

        from django.core.handlers.wsgi import WSGIHandler

        from cms.caching.pages import CachedWSGIApplication

        self.client.get(SEED_SV)
        stored = self.client.get(SEED_SV)
        self.assertEqual(stored["X-Cache"], "HIT")
        since = stored["Last-Modified"]
        response = self.client.get(SEED_SV, HTTP_IF_MODIFIED_SINCE=since)
        self.assertEqual(response.status_code, 304)
        app = CachedWSGIApplication(WSGIHandler())
        self.call(app, SEED_SV)  # stored under the address as WSGI sees it
        with mock.patch.object(
            WSGIHandler, "__call__", side_effect=AssertionError("Django ran")
        ):
            status, _headers, body = self.call(
                app, SEED_SV, HTTP_IF_MODIFIED_SINCE=since
            )
        self.assertEqual((status, body), ("304 Not Modified", b""))
        earlier = http_date(parse_http_date(since) - 60)
        response = self.client.get(SEED_SV, HTTP_IF_MODIFIED_SINCE=earlier)
        self.assertEqual(response.status_code, 200)

    def setUp(self):
        from cms.caching.generation import current_generation

        self.generation = current_generation()
