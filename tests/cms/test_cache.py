"""The page cache is never stale and never serves editors (the fragment and route
caches are in test_cache_fragments.py).

Each test reads a release it builds (CachedRelease: a bilingual test release with a
test press contact); listings, feeds and the home page are the demo's parents."""

import io
import time
from unittest import mock
from wsgiref.util import setup_testing_defaults

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from wagtail.models import PageViewRestriction

from cms.caching.generation import current_generation
from cms.caching.pages import CachedWSGIApplication, entry_key
from press.models import PressContact
from tests.builders import make_person, make_release, url_in


class CachedRelease:
    """Builds the test's release (cls.release, at cls.sv and cls.en) with a press
    contact (cls.person) whose role the page shows."""

    @classmethod
    def setUpTestData(cls):
        cls.person = make_person("Testa Cachesson")
        cls.release = make_release(
            title_sv="Testpressmeddelande i cachen",
            title_en="Test press release in the cache",
            lead_sv="Testingress i cachen.",
            lead_en="Test lead in the cache.",
            press_contacts=[PressContact(person=cls.person)],
        )
        cls.sv, cls.en = url_in(cls.release, "sv"), url_in(cls.release, "en")


class PageCacheTests(CachedRelease, TestCase):
    def test_anonymous_pages_are_stored_and_served_without_queries(self):
        for url, language in ((self.sv, "sv"), (self.en, "en")):
            with self.subTest(url=url):
                first = self.client.get(url)
                self.assertEqual(first["X-Cache"], "MISS")
                with CaptureQueriesContext(connection) as queries:
                    second = self.client.get(url)
                self.assertEqual(second["X-Cache"], "HIT")
                self.assertEqual(len(queries.captured_queries), 0)
                self.assertEqual(first.content, second.content)
                self.assertContains(second, getattr(self.release, f"title_{language}"))
                self.assertEqual(second["Content-Language"], language)

    def test_headers_for_shared_caches(self):
        self.client.get(self.en)
        response = self.client.get(self.en)
        self.assertRegex(
            response["Cache-Control"], r"public, max-age=\d+, s-maxage=\d+"
        )
        self.assertTrue(response["ETag"].startswith('"'))
        self.assertIn("GMT", response["Last-Modified"])
        self.assertNotIn("Accept-Language", response.get("Vary", ""))
        self.assertIn("Cookie", response["Vary"])
        again = self.client.get(self.en, HTTP_IF_NONE_MATCH=response["ETag"])
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
        page = self.release
        for url in (self.sv, self.en, "/nyheter/", "/en/news/"):
            self.client.get(url)
        page.title_sv = "Ny rubrik för testet"
        page.title_en = "New headline for the test"
        page.save_revision().publish()
        self.assertContains(self.client.get(self.sv), "Ny rubrik för testet")
        self.assertContains(self.client.get("/nyheter/"), "Ny rubrik för testet")
        self.assertContains(self.client.get(self.en), "New headline for the test")
        self.assertContains(self.client.get("/en/news/"), "New headline for the test")
        page.unpublish()
        self.assertEqual(self.client.get(self.sv).status_code, 404)
        self.assertEqual(self.client.get(self.en).status_code, 404)
        self.assertNotContains(self.client.get("/nyheter/"), "Ny rubrik för testet")
        self.assertNotContains(
            self.client.get("/en/news/"), "New headline for the test"
        )

    def test_snippet_change_invalidates(self):
        self.client.get(self.sv)
        self.client.get(self.en)
        self.assertContains(self.client.get(self.en), self.person.role_en)
        self.person.role_sv = "testpresschef"
        self.person.role_en = "head of test press"
        self.person.save()
        self.assertContains(self.client.get(self.sv), "testpresschef")
        self.assertContains(self.client.get(self.en), "head of test press")

    def test_editors_are_never_served_from_or_stored_in_the_cache(self):
        editor = get_user_model().objects.create_superuser(
            "cache-editor", "e@example.org", "pw"
        )
        for url in (self.sv, self.en):
            with self.subTest(url=url):
                self.client.get(url)  # anonymous copy in the cache
                self.client.force_login(editor)
                response = self.client.get(url)
                self.assertNotIn("X-Cache", response)
                self.assertContains(response, "wagtail-userbar")
                self.client.logout()
                anonymous = self.client.get(url)
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
            for url in (self.sv, self.en):
                self.client.get(url)
                self.assertNotIn("X-Cache", self.client.get(url))


@override_settings(PAGE_CACHE_ENABLED=True)
class PrivatePagesLeaveThePageCacheTests(CachedRelease, TestCase):
    def test_a_page_made_private_leaves_the_page_cache(self):
        for url in (self.sv, self.en):
            self.client.get(url)
            self.assertEqual(self.client.get(url)["X-Cache"], "HIT")
        page = self.release
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x1"
        )
        for url, lead in ((self.sv, page.lead_sv), (self.en, page.lead_en)):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotEqual(response.get("X-Cache"), "HIT")
                self.assertNotContains(response, lead, status_code=200)


class FrontendCachePurgeTests(TestCase):
    """A CDN purge configured by settings gets both languages' URLs on publish.
    (The CDN is outside this machine, so its HTTP call is mocked.)"""

    def test_publish_purges_the_page_listings_and_feeds_in_both_languages(self):
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
            make_release(title_sv="CDN-testnyhet", title_en="CDN test news")
        self.assertEqual(len(purged), len(set(purged)), "each address purged once")
        for url in (
            "http://testserver/nyheter/cdn-testnyhet/",
            "http://testserver/en/news/cdn-test-news/",
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


class WSGICacheTests(CachedRelease, WSGICall, TestCase):
    """cms.wsgi answers hits before Django builds a request, with the same headers."""

    def test_hits_are_served_before_django_with_all_headers(self):
        django_app = WSGIHandler()
        app = CachedWSGIApplication(django_app)
        for url, language in ((self.sv, "sv"), (self.en, "en")):
            with self.subTest(url=url):
                self.served_before_django(app, url, language)
        # Publishing it makes both entries stale at once.
        self.release.save_revision().publish()
        for url in (self.sv, self.en):
            status, headers, _body = self.call(app, url)
            self.assertEqual(headers["X-Cache"], "MISS", url)

    def served_before_django(self, app, url, language):
        status, miss_headers, miss_body = self.call(app, url)
        self.assertEqual((status, miss_headers["X-Cache"]), ("200 OK", "MISS"))
        title = getattr(self.release, f"title_{language}")
        self.assertIn(title.encode(), miss_body)
        with mock.patch.object(
            WSGIHandler, "__call__", side_effect=AssertionError("Django ran")
        ):
            status, headers, body = self.call(app, url)
        self.assertEqual(status, "200 OK")
        self.assertEqual(body, miss_body)
        self.assertEqual(headers["X-Cache"], "HIT")
        self.assertEqual(headers["Content-Language"], language)
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
        status, _headers, body = self.call(app, url, HTTP_IF_NONE_MATCH=headers["ETag"])
        self.assertEqual((status, body), ("304 Not Modified", b""))
        status, _headers, body = self.call(app, url, REQUEST_METHOD="HEAD")
        self.assertEqual((status, body), ("200 OK", b""))
        # Editors (session cookie) and the admin always reach Django.
        status, headers, _body = self.call(app, url, HTTP_COOKIE="sessionid=abc")
        self.assertNotEqual(headers.get("X-Cache"), "HIT")


class LastModifiedTests(CachedRelease, WSGICall, TestCase):
    """Last-Modified is the time of the last change readers can see (the cache
    generation, shared by every process), not the time a process filled its cache,
    and If-Modified-Since alone gets 304 on both paths."""

    def test_last_modified_is_the_same_whoever_fills_the_cache(self):
        first = self.client.get(self.sv)
        self.assertEqual(first["X-Cache"], "MISS")
        # Another worker fills its copy later: same content, same time.
        time.sleep(1.1)
        cache.delete(entry_key(first.wsgi_request.META))
        self.assertEqual(cache.get("pagecache:generation"), self.generation)
        second = self.client.get(self.sv)
        self.assertEqual(second["X-Cache"], "MISS")
        self.assertEqual(second["ETag"], first["ETag"])
        self.assertEqual(second["Last-Modified"], first["Last-Modified"])

    def test_a_generation_from_before_the_upgrade_is_replaced_once(self):
        cache.set("pagecache:generation", "0123456789abcdef", None)
        first = self.client.get(self.en)
        cache.delete(entry_key(first.wsgi_request.META))
        time.sleep(1.1)
        second = self.client.get(self.en)
        self.assertEqual(second["Last-Modified"], first["Last-Modified"])

    def test_a_publish_moves_last_modified_forward(self):
        first = self.client.get(self.en)
        time.sleep(1.1)
        self.release.save_revision().publish()
        second = self.client.get(self.en)
        self.assertGreater(
            parse_http_date(second["Last-Modified"]),
            parse_http_date(first["Last-Modified"]),
        )

    def test_if_modified_since_alone_gets_304_from_django_and_from_wsgi(self):
        self.client.get(self.sv)
        stored = self.client.get(self.sv)
        self.assertEqual(stored["X-Cache"], "HIT")
        since = stored["Last-Modified"]
        response = self.client.get(self.sv, HTTP_IF_MODIFIED_SINCE=since)
        self.assertEqual(response.status_code, 304)
        app = CachedWSGIApplication(WSGIHandler())
        self.call(app, self.sv)  # stored under the address as WSGI sees it
        with mock.patch.object(
            WSGIHandler, "__call__", side_effect=AssertionError("Django ran")
        ):
            status, _headers, body = self.call(
                app, self.sv, HTTP_IF_MODIFIED_SINCE=since
            )
        self.assertEqual((status, body), ("304 Not Modified", b""))
        earlier = http_date(parse_http_date(since) - 60)
        response = self.client.get(self.sv, HTTP_IF_MODIFIED_SINCE=earlier)
        self.assertEqual(response.status_code, 200)

    def setUp(self):
        self.generation = current_generation()
