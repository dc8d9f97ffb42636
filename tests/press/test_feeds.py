"""RSS and Atom feeds per language parse cleanly and hold only what they should."""

from django.test import TestCase

import feedparser

from tests.builders import make_release


class FeedTests(TestCase):
    def parse(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return response, feed

    def test_swedish_and_english_feeds_parse(self):
        for url, language, title in (
            ("/nyheter/rss/", "sv", "Region Blekinge satsar på länets återhämtning"),
            ("/nyheter/atom/", "sv", "Region Blekinge satsar på länets återhämtning"),
            ("/en/news/rss/", "en", "Region Blekinge invests in the county's recovery"),
            (
                "/en/news/atom/",
                "en",
                "Region Blekinge invests in the county's recovery",
            ),
        ):
            with self.subTest(url=url):
                response, feed = self.parse(url + "?year=2021")
                self.assertIn("xml", response["Content-Type"])
                self.assertEqual(feed.feed.get("language", language), language)
                titles = [entry.title for entry in feed.entries]
                self.assertIn(title, titles)
                for entry in feed.entries:
                    self.assertTrue(entry.link.startswith("http://testserver/"))
                    self.assertIsNotNone(
                        entry.get("published_parsed") or entry.get("updated_parsed")
                    )
                seed = next(e for e in feed.entries if e.title == title)
                self.assertEqual(tuple(seed.published_parsed[:3]), (2021, 8, 31))

    def test_english_feed_leaves_out_swedish_only_items(self):
        _response, sv = self.parse("/nyheter/rss/?year=2019")
        _response, en = self.parse("/en/news/rss/?year=2019")
        self.assertIn(
            "Industriforum samlade 200 deltagare i Karlshamn",
            [e.title for e in sv.entries],
        )
        self.assertEqual(len(en.entries), len(sv.entries) - 1)
        self.assertTrue(
            all(e.link.startswith("http://testserver/en/") for e in en.entries)
        )

    def test_kind_and_area_filters(self):
        _response, feed = self.parse("/en/news/rss/?kind=news&area=tech")
        self.assertTrue(feed.entries)
        for entry in feed.entries:
            self.assertEqual(entry.tags[0].term, "News")
        _response, feed = self.parse("/nyheter/atom/?kind=press_release")
        self.assertTrue(all(e.tags[0].term == "Pressmeddelande" for e in feed.entries))

    def test_drafts_are_not_in_feeds(self):
        make_release(title_sv="Hemligt utkast", publish=False)
        _response, feed = self.parse("/nyheter/rss/")
        self.assertNotIn("Hemligt utkast", [e.title for e in feed.entries])

    def test_bad_filter_gives_400_in_the_reader_language(self):
        response = self.client.get("/nyheter/rss/?year=1700")
        self.assertEqual(response.status_code, 400)
        self.assertIn("År: Välj ett giltigt alternativ", response.content.decode())
        response = self.client.get("/en/news/atom/?kind=x")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Kind: Select a valid choice", response.content.decode())

    def test_index_links_feeds(self):
        html = self.client.get("/en/news/").content.decode()
        self.assertIn('<link rel="alternate" type="application/rss+xml"', html)
        self.assertIn('href="/en/news/rss/"', html)
        self.assertIn('href="/en/news/atom/"', html)
