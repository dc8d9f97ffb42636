"""What a page costs when no cache can help (issue 22): the page, fragment and route
caches off, as for the first reader after a publish. View restrictions are read once
per request however many lists a page shows, a private page stays private, and a
release does not load the quotes and fact boxes of the language it is not shown in,
and image renditions read from the cache are not written back to it."""

import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from cms.images import CustomImage
from tests.builders import COLD, make_release
from tests.ops.test_query_budgets import rich_body


def queries(client, url) -> tuple[int, list[str]]:
    client.get(url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, [query["sql"] for query in captured.captured_queries]


def reading(table: str, sqls: list[str]) -> int:
    return sum(1 for sql in sqls if f'FROM "{table}"' in sql)


@override_settings(**COLD)
class ColdPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.release = make_release(
            title_sv="Kall sida",
            slug_sv="kall-sida",
            title_en="Cold page",
            slug_en="cold-page",
            lead_en="A lead.",
            body_sv=rich_body(2),
            body_en=rich_body(2),
        )
        cls.urls = (
            "/",
            "/en/",
            "/nyheter/",
            "/en/news/",
            "/nyheter/kall-sida/",
            "/en/news/cold-page/",
        )

    def test_view_restrictions_are_read_once_per_request(self):
        for url in self.urls:
            with self.subTest(url=url):
                status, sqls = queries(self.client, url)
                self.assertEqual(status, 200)
                self.assertLessEqual(
                    reading("wagtailcore_pageviewrestriction", sqls), 1
                )

    def test_a_private_page_stays_private_and_out_of_every_list(self):
        secret = make_release(
            title_sv="Hemlig kallnyhet",
            slug_sv="hemlig-kallnyhet",
            title_en="Secret cold news",
            slug_en="secret-cold-news",
        )
        PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.LOGIN
        )
        for url in ("/nyheter/hemlig-kallnyhet/", "/en/news/secret-cold-news/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/admin/login/", response["Location"])
        for url in self.urls:
            with self.subTest(url=url):
                status, sqls = queries(self.client, url)
                self.assertEqual(status, 200)
                page = self.client.get(url).content.decode()
                self.assertNotIn("Hemlig kallnyhet", page)
                self.assertNotIn("Secret cold news", page)
                self.assertLessEqual(
                    reading("wagtailcore_pageviewrestriction", sqls), 3
                )
        # Who may see it, sees it.
        user = get_user_model().objects.create_user("kall-lasare", password="x")
        self.client.force_login(user)
        for url in ("/nyheter/hemlig-kallnyhet/", "/en/news/secret-cold-news/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_restriction_made_during_a_request_is_seen_at_once(self):
        from cms import view_restrictions  # the memo is module state

        token = view_restrictions._memo.set(view_restrictions._Memo())
        try:
            self.assertTrue(view_restrictions.none_apply())
            PageViewRestriction.objects.create(
                page=self.release, restriction_type=PageViewRestriction.LOGIN
            )
            self.assertFalse(view_restrictions.none_apply())
            self.assertTrue(self.release.get_view_restrictions().exists())
            from wagtail.models import Page  # the patched queryset

            self.assertFalse(Page.objects.public().filter(pk=self.release.pk).exists())
        finally:
            view_restrictions._memo.reset(token)

    def test_a_release_reads_only_the_quotes_of_its_language(self):
        for url in ("/nyheter/kall-sida/", "/en/news/cold-page/"):
            with self.subTest(url=url):
                status, sqls = queries(self.client, url)
                self.assertEqual(status, 200)
                for table in ("specialisation_factbox", "specialisation_organisation"):
                    self.assertEqual(reading(table, sqls), 1, table)


DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cms_cache",
    }
}


@override_settings(**COLD)
class RenditionCacheTests(TestCase):
    """The shared cache without Redis (``make run``, one server) is a database
    table: Wagtail 8.0.1 wrote every rendition back to it on every view, five
    queries per image size."""

    def test_renditions_read_from_the_cache_are_not_written_back(self):
        with self.settings(CACHES=DATABASE_CACHE):
            # migrate made no table: the tests' cache is in memory
            call_command("createcachetable", verbosity=0)
            self.check_no_writes()

    def check_no_writes(self):
        make_release(
            image=CustomImage.objects.first(),  # the lead image, in several sizes
            title_sv="Bildsida",
            slug_sv="bildsida",
            title_en="Picture page",
            slug_en="picture-page",
            lead_en="A lead.",
            body_sv=rich_body(1),
            body_en=rich_body(1),
        )
        for url in ("/nyheter/bildsida/", "/en/news/picture-page/"):
            with self.subTest(url=url):
                status, sqls = queries(self.client, url)
                self.assertEqual(status, 200)
                page = self.client.get(url).content.decode()
                self.assertIn("srcset=", page)
                writes = [
                    sql
                    for sql in sqls
                    if re.match(r'\s*(INSERT INTO|UPDATE|DELETE FROM) "cms_cache"', sql)
                ]
                self.assertEqual(writes, [])
