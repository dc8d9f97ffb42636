"""Production hardening: security headers, login lockout, health, 503, logging,
and a site that keeps serving when Redis is away."""

import json
import logging
import re
import sys
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches as cache_handler
from django.db import OperationalError
from django.test import TestCase, override_settings
from django.urls import reverse

from cms.logfilters import DropDatabaseOutageTracebacks, RateLimitFilter
from scripts.harness import free_port
from tests.builders import LANGUAGES, make_release, url_in


def own_release():
    """A release of the test's own, for the checks that hold for every page."""
    return make_release(
        title_sv="Testpressmeddelande om härdning",
        title_en="Test press release on hardening",
    )


class SecurityHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.release = own_release()

    def test_public_pages_get_a_strict_policy(self):
        for language in LANGUAGES:
            with self.subTest(language=language):
                response = self.client.get(url_in(self.release, language))
                policy = response["Content-Security-Policy"]
                self.assertIn("script-src 'self';", policy)
                self.assertNotIn("unsafe-inline", policy)
                self.assertIn("frame-ancestors 'none'", policy)
                self.assertIn("object-src 'none'", policy)
                self.assertIn("camera=()", response["Permissions-Policy"])
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertEqual(
                    response["Referrer-Policy"], "strict-origin-when-cross-origin"
                )
                self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_public_pages_have_no_inline_scripts(self):
        for url in (
            "/",
            url_in(self.release, "sv"),
            url_in(self.release, "en"),
            "/en/news/",
            "/sok/?q=tech",
            "/finns-inte/",
        ):
            html = self.client.get(url).content.decode()
            for attributes in re.findall(r"<script([^>]*)>", html):
                self.assertTrue(
                    "src=" in attributes or "application/ld+json" in attributes,
                    f"inline script on {url}: {attributes}",
                )
            self.assertNotIn(" onclick=", html)
            self.assertNotIn("javascript:", html)

    def test_admin_allows_its_own_frames_for_previews(self):
        admin = get_user_model().objects.create_superuser(
            "cspadmin", "c@example.org", "x"
        )
        self.client.force_login(admin)
        policy = self.client.get("/admin/")["Content-Security-Policy"]
        self.assertIn("frame-ancestors 'self'", policy)

    def test_health_endpoints(self):
        self.assertEqual(self.client.get("/healthz").content, b"ok\n")
        ready = self.client.get("/readyz")
        self.assertEqual(ready.status_code, 200)
        self.assertEqual(
            ready.json(), {"ready": True, "checks": {"database": True, "cache": True}}
        )
        self.assertIn("no-cache", ready["Cache-Control"])
        self.assertNotIn("X-Cache", self.client.get("/healthz"))


class LockoutTests(TestCase):
    def test_repeated_failures_lock_the_login_and_administrators_see_it(self):
        get_user_model().objects.create_user(
            "redaktor-x", "r@example.org", "ett-riktigt-losenord"
        )
        statuses = [
            self.client.post(
                "/admin/login/", {"username": "redaktor-x", "password": "fel"}
            ).status_code
            for _attempt in range(5)
        ]
        self.assertEqual(statuses, [200, 200, 200, 200, 429])
        locked = self.client.post(
            "/admin/login/",
            {"username": "redaktor-x", "password": "ett-riktigt-losenord"},
        )
        self.assertEqual(locked.status_code, 429)
        self.assertContains(
            locked, "För många misslyckade inloggningar", status_code=429
        )
        admin = get_user_model().objects.create_superuser(
            "sakadmin", "s@example.org", "x"
        )
        self.client.force_login(admin)
        report = self.client.get(reverse("cms_failed_logins"))
        self.assertContains(report, "redaktor-x")
        self.assertContains(report, "låst")
        self.client.post(reverse("cms_failed_logins"), {"unlock": "redaktor-x"})
        self.client.logout()
        response = self.client.post(
            "/admin/login/",
            {"username": "redaktor-x", "password": "ett-riktigt-losenord"},
        )
        self.assertEqual(response.status_code, 302)

    def test_report_is_for_administrators_only(self):
        editor = get_user_model().objects.create_user("vanlig", "v@example.org", "x")
        editor.groups.add(Group.objects.get(name="Redaktörer"))
        self.client.force_login(editor)
        response = self.client.get(reverse("cms_failed_logins"))
        # Wagtail turns PermissionDenied in the admin into a redirect with a message.
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/admin/")


class DatabaseOutageTests(TestCase):
    def test_database_errors_give_a_plain_bilingual_503(self):
        with mock.patch(
            "wagtail.views.serve", side_effect=OperationalError("server closed")
        ):
            pass
        self.client.raise_request_exception = False
        with mock.patch(
            "cms.search.views.search",
            side_effect=OperationalError("connection refused"),
        ):
            response = self.client.get("/sok/?q=test")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertContains(
            response, "Webbplatsen är tillfälligt otillgänglig", status_code=503
        )
        self.assertContains(
            response, "The website is temporarily unavailable", status_code=503
        )
        self.assertNotIn(b"Traceback", response.content)

    def test_other_errors_give_a_plain_500(self):
        self.client.raise_request_exception = False
        with mock.patch("cms.search.views.search", side_effect=RuntimeError("boom")):
            response = self.client.get("/sok/?q=test")
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Något gick fel", status_code=500)
        self.assertNotIn(b"boom", response.content)


class RequestLogTests(TestCase):
    def test_one_json_line_per_request_without_query_or_address(self):
        with self.assertLogs("cms.requests", level="INFO") as logs:
            self.client.get("/sok/?q=hemligt+namn", REMOTE_ADDR="203.0.113.5")
        entry = json.loads(logs.records[-1].getMessage())
        self.assertEqual(entry["method"], "GET")
        self.assertEqual(entry["path"], "/sok/")
        self.assertEqual(entry["status"], 200)
        self.assertGreaterEqual(entry["ms"], 0)
        line = logs.records[-1].getMessage()
        self.assertNotIn("hemligt", line)
        self.assertNotIn("203.0.113.5", line)


class RedisOutageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.release = own_release()

    def test_site_keeps_serving_without_redis_and_readyz_says_so(self):
        dead = f"redis://127.0.0.1:{free_port()}/0"
        caches = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": dead,
                "OPTIONS": {
                    "IGNORE_EXCEPTIONS": True,
                    "SOCKET_CONNECT_TIMEOUT": 0.2,
                    "SOCKET_TIMEOUT": 0.2,
                },
            }
        }
        with override_settings(CACHES=caches, DJANGO_REDIS_IGNORE_EXCEPTIONS=True):
            cache_handler._settings = None
            for key in list(cache_handler.settings):
                if hasattr(cache_handler._connections, key):
                    delattr(cache_handler._connections, key)
            response = self.client.get(url_in(self.release, "sv"))
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "Testpressmeddelande om härdning")
            english = self.client.get(url_in(self.release, "en"))
            self.assertContains(english, "Test press release on hardening")
            ready = self.client.get("/readyz")
            self.assertEqual(ready.status_code, 503)
            self.assertEqual(ready.json()["checks"], {"database": True, "cache": False})
            response = self.client.post(
                "/feedback/",
                {"page": 1, "answer": "yes"},
                HTTP_ORIGIN="http://testserver",
            )
            self.assertIn(response.status_code, (303, 404))
        cache_handler._settings = None
        for key in list(cache_handler.settings):
            if hasattr(cache_handler._connections, key):
                delattr(cache_handler._connections, key)


class OutageLoggingTests(TestCase):
    def test_repeated_outage_messages_are_rate_limited_without_tracebacks(self):
        limit = RateLimitFilter(interval=60)
        records = []
        for _n in range(100):
            try:
                raise ConnectionError("Redis is away")
            except ConnectionError:
                record = logging.LogRecord(
                    "django_redis.cache",
                    logging.ERROR,
                    __file__,
                    1,
                    "Exception ignored",
                    None,
                    sys.exc_info(),
                )
            if limit.filter(record):
                records.append(record)
        self.assertEqual(len(records), 1)
        self.assertIsNone(records[0].exc_info)
        self.assertIn("Redis is away", records[0].getMessage())
        outage = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "x",
            None,
            (OperationalError, OperationalError("down"), None),
        )
        self.assertFalse(DropDatabaseOutageTracebacks().filter(outage))
        other = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "x",
            None,
            (ValueError, ValueError("bug"), None),
        )
        self.assertTrue(DropDatabaseOutageTracebacks().filter(other))
