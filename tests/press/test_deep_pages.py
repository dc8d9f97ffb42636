"""Deep pages of the news index (?page=400 of 10,000 releases) start from a mark
kept for the cache generation instead of walking every release before them
(cms.listing.DeepPageMarks): they show exactly what the order says, in both
languages, also right after a publish or an unpublish moved every page."""

import datetime
import re
from unittest import mock

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from lxml import html

from cms.listing import MARK_PAGES
from press.models import NewsIndexPage
from tests.builders import COLD, make_release, news_index

PER_PAGE = 2
EVERY = PER_PAGE * MARK_PAGES  # releases between two marks


@override_settings(**COLD)
@mock.patch.object(NewsIndexPage, "per_page", PER_PAGE)
class DeepPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.releases = [
            make_release(
                title_sv=f"Djupsidesnyhet {n}",
                title_en=f"Deep page news {n}" if n % 3 else "",
                # Two share a time: the order then falls back on the id.
                publication_date=now - datetime.timedelta(days=n // 2 * 3 + 1),
            )
            for n in range(24)
        ]

    def expected(self, language: str, number: int) -> list[str]:
        with translation.override(language):
            titles = list(
                news_index()
                .releases()
                .order_by("-publication_date", "-pk")
                .values_list("title", flat=True)
            )
        start = (number - 1) * PER_PAGE
        return titles[start : start + PER_PAGE]

    def shown(self, url: str, number: int) -> list[str]:
        response = self.client.get(f"{url}?page={number}")
        self.assertEqual(response.status_code, 200, (url, number))
        tree = html.fromstring(response.content)
        return [
            t.text_content().strip() for t in tree.xpath("//h2[@class='teaser__title']")
        ]

    def pages(self, language: str) -> int:
        with translation.override(language):
            count = news_index().releases().count()
        return -(-count // PER_PAGE)

    def assert_every_page(self, url: str, language: str):
        last = self.pages(language)
        self.assertGreater(last, 2 * MARK_PAGES, "too few pages for two marks")
        for number in range(1, last + 1):
            self.assertEqual(
                self.shown(url, number), self.expected(language, number), number
            )

    def test_every_page_shows_what_the_order_says_in_both_languages(self):
        for url, language in (("/nyheter/", "sv"), ("/en/news/", "en")):
            with self.subTest(language=language):
                self.assert_every_page(url, language)

    def test_a_publish_and_an_unpublish_move_the_deep_pages_in_both_languages(self):
        deep = MARK_PAGES + 2
        for url in ("/nyheter/", "/en/news/"):
            self.shown(url, deep)  # the marks are kept now
        newest = make_release(
            title_sv="Allra nyaste djupsidesnyheten",
            title_en="The very newest deep page news",
        )
        for url, language in (("/nyheter/", "sv"), ("/en/news/", "en")):
            with self.subTest(language=language, after="publish"):
                self.assert_every_page(url, language)
        newest.unpublish()
        self.releases[0].unpublish()
        for url, language in (("/nyheter/", "sv"), ("/en/news/", "en")):
            with self.subTest(language=language, after="unpublish"):
                self.assert_every_page(url, language)

    def test_a_deep_page_walks_from_its_mark_in_both_languages(self):
        for url, language in (("/nyheter/", "sv"), ("/en/news/", "en")):
            with self.subTest(language=language):
                deep = self.pages(language) - 1
                self.shown(url, deep)
                with CaptureQueriesContext(connection) as queries:
                    self.assertEqual(
                        self.shown(url, deep), self.expected(language, deep)
                    )
                offsets = [
                    int(found)
                    for q in queries.captured_queries
                    for found in re.findall(r"OFFSET (\d+)", q["sql"])
                ]
                # Before, the keys' query skipped every release before the page.
                self.assertTrue(offsets, "no paginated query")
                self.assertLess(max(offsets), EVERY, offsets)
