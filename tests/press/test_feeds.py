"""RSS and Atom feeds per language parse cleanly and hold only what they should.

The tests build their own releases of 2012 (a year the demo has none of) and a
test area; only the news index is the demo's."""

from django.test import TestCase

import feedparser

from tests.builders import at, make_area, make_release

YEAR = "?year=2012"


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        area = make_area()
        cls.release = make_release(
            title_sv="Testpressmeddelande i flödet",
            title_en="Test press release in the feed",
            kind="press_release",
            publication_date=at(2012, 8, 14),
            related_areas__m2m=[area],
        )
        cls.news = make_release(
            title_sv="Testnyhet i flödet",
            title_en="Test news in the feed",
            kind="news",
            publication_date=at(2012, 8, 20),
            related_areas__m2m=[area],
        )
        cls.other_news = make_release(
            title_sv="Testnyhet utan testområde",
            title_en="Test news without the test area",
            kind="news",
            publication_date=at(2012, 8, 21),
        )
        cls.swedish_only = make_release(
            title_sv="Bara svensk testnyhet i flödet",
            kind="news",
            publication_date=at(2012, 9, 5),
        )

    def parse(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return response, feed

    def test_swedish_and_english_feeds_parse(self):
        for url, language, title in (
            ("/nyheter/rss/", "sv", "Testpressmeddelande i flödet"),
            ("/nyheter/atom/", "sv", "Testpressmeddelande i flödet"),
            ("/en/news/rss/", "en", "Test press release in the feed"),
            ("/en/news/atom/", "en", "Test press release in the feed"),
        ):
            with self.subTest(url=url):
                response, feed = self.parse(url + YEAR)
                self.assertIn("xml", response["Content-Type"])
                self.assertEqual(feed.feed.get("language", language), language)
                titles = [entry.title for entry in feed.entries]
                self.assertIn(title, titles)
                for entry in feed.entries:
                    self.assertTrue(entry.link.startswith("http://testserver/"))
                    self.assertIsNotNone(
                        entry.get("published_parsed") or entry.get("updated_parsed")
                    )
                release = next(e for e in feed.entries if e.title == title)
                self.assertEqual(tuple(release.published_parsed[:3]), (2012, 8, 14))

    def test_english_feed_leaves_out_swedish_only_items(self):
        _response, sv = self.parse("/nyheter/rss/" + YEAR)
        _response, en = self.parse("/en/news/rss/" + YEAR)
        self.assertIn("Bara svensk testnyhet i flödet", [e.title for e in sv.entries])
        self.assertEqual(len(sv.entries), 4)
        self.assertEqual(len(en.entries), len(sv.entries) - 1)
        self.assertNotIn("Bara svensk", " ".join(e.title for e in en.entries))
        self.assertTrue(
            all(e.link.startswith("http://testserver/en/") for e in en.entries)
        )

    def test_kind_and_area_filters(self):
        for url, area, news_tag, release_tag in (
            ("/en/news/rss/", "test-area", "News", "Press release"),
            ("/nyheter/atom/", "testomrade", "Nyhet", "Pressmeddelande"),
        ):
            with self.subTest(url=url):
                _response, feed = self.parse(f"{url}?kind=news&area={area}")
                self.assertTrue(feed.entries)
                for entry in feed.entries:
                    self.assertEqual(entry.tags[0].term, news_tag)
                titles = [entry.title for entry in feed.entries]
                news = self.news.title_en if "/en/" in url else self.news.title_sv
                self.assertEqual(titles, [news])
                _response, feed = self.parse(f"{url}?kind=press_release")
                self.assertTrue(feed.entries)
                self.assertTrue(
                    all(e.tags[0].term == release_tag for e in feed.entries)
                )
                _response, feed = self.parse(f"{url}?kind=press_release&year=2012")
                release = (
                    self.release.title_en if "/en/" in url else self.release.title_sv
                )
                self.assertEqual([entry.title for entry in feed.entries], [release])

    def test_drafts_are_not_in_feeds(self):
        make_release(
            title_sv="Hemligt testutkast", title_en="Secret test draft", publish=False
        )
        _response, feed = self.parse("/nyheter/rss/")
        self.assertNotIn("Hemligt testutkast", [e.title for e in feed.entries])
        _response, feed = self.parse("/en/news/atom/")
        self.assertNotIn("Secret test draft", [e.title for e in feed.entries])

    def test_bad_filter_gives_400_in_the_reader_language(self):
        response = self.client.get("/nyheter/rss/?year=1700")
        self.assertEqual(response.status_code, 400)
        self.assertIn("År: Välj ett giltigt alternativ", response.content.decode())
        response = self.client.get("/en/news/atom/?kind=x")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Kind: Select a valid choice", response.content.decode())

    def test_index_links_feeds(self):
        for index in ("/en/news/", "/nyheter/"):
            with self.subTest(index=index):
                html = self.client.get(index).content.decode()
                self.assertIn('<link rel="alternate" type="application/rss+xml"', html)
                self.assertIn(f'href="{index}rss/"', html)
                self.assertIn(f'href="{index}atom/"', html)
