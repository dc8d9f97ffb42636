"""One public address, from BASE_URL, in every absolute link: feeds (links, guids,
ids), the sitemap, canonical, hreflang, og:url and JSON-LD, in both languages,
whatever Wagtail's Site record says and whatever Host the request came with.
And Atom feeds that RFC 4287 accepts (every entry has an author)."""

import json
import re

from django.test import TestCase, override_settings

from wagtail.models import Site

import feedparser
from lxml import etree, html

from tests.builders import LANGUAGES, make_image, make_release, url_in

PUBLIC = "https://www.regionblekinge.example"
INDEX = {"sv": "/nyheter/", "en": "/en/news/"}
ATOM = "{http://www.w3.org/2005/Atom}"


@override_settings(BASE_URL=PUBLIC, WAGTAILADMIN_BASE_URL=PUBLIC)
class PublicAddressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        release = make_release(
            title_sv="Testpressmeddelande med adress",
            title_en="Test press release with an address",
            image=make_image("Testbild för adress"),
        )
        cls.paths = {language: url_in(release, language) for language in LANGUAGES}

    def setUp(self):
        # The Site record says something else, as it did in production.
        Site.objects.filter(is_default_site=True).update(
            hostname="127.0.0.1", port=8000
        )

    def get(self, url):
        # The request reaches the app by another name (a proxy, a health checker).
        response = self.client.get(url, HTTP_HOST="localhost")
        self.assertEqual(response.status_code, 200, url)
        return response

    def assert_public(self, urls, where):
        urls = [url for url in urls if url]
        self.assertTrue(urls, f"no absolute links in {where}")
        for url in urls:
            self.assertTrue(url.startswith(PUBLIC + "/"), f"{where}: {url}")

    def test_feeds_use_the_public_address_in_both_languages(self):
        for language, index in INDEX.items():
            for kind in ("rss", "atom"):
                with self.subTest(language=language, kind=kind):
                    feed = feedparser.parse(self.get(f"{index}{kind}/").content)
                    self.assertFalse(feed.bozo, feed.get("bozo_exception"))
                    urls = [feed.feed.link, feed.feed.get("id")]
                    for entry in feed.entries:
                        urls += [entry.link, entry.id]
                    self.assert_public(urls, f"{index}{kind}/")
                    self.assertIn(
                        PUBLIC + self.paths[language], [e.link for e in feed.entries]
                    )

    def test_sitemap_and_page_agree_on_the_public_address(self):
        sitemap = etree.fromstring(self.get("/sitemap.xml").content)
        locations = [loc.text for loc in sitemap.iter("{*}loc")]
        self.assert_public(locations, "sitemap.xml")
        for language, path in self.paths.items():
            with self.subTest(language=language):
                self.assertIn(PUBLIC + path, locations)
                tree = html.fromstring(self.get(path).content)
                canonical = tree.xpath("//link[@rel='canonical']/@href")
                self.assertEqual(canonical, [PUBLIC + path])
                self.assert_public(tree.xpath("//link[@hreflang]/@href"), path)
                self.assertEqual(
                    tree.xpath("//meta[@property='og:url']/@content"), [PUBLIC + path]
                )
                self.assert_public(
                    tree.xpath("//meta[@property='og:image']/@content"), path
                )
                data = json.loads(
                    tree.xpath("//script[@type='application/ld+json']/text()")[0]
                )
                self.assertEqual(data["url"], PUBLIC + path)
                self.assertEqual(data["mainEntityOfPage"], PUBLIC + path)
                self.assert_public(data["image"], path)


class AtomAuthorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_release(
            title_sv="Testpressmeddelande i Atom", title_en="Test press release in Atom"
        )

    def test_every_atom_entry_has_an_author(self):
        for index in INDEX.values():
            with self.subTest(index=index):
                response = self.client.get(index + "atom/")
                root = etree.fromstring(response.content)
                entries = root.findall(f"{ATOM}entry")
                self.assertTrue(entries)
                titles = [entry.findtext(f"{ATOM}title") for entry in entries]
                self.assertTrue(
                    {"Testpressmeddelande i Atom", "Test press release in Atom"}
                    & set(titles),
                    titles,
                )
                for entry in entries:
                    name = entry.findtext(f"{ATOM}author/{ATOM}name")
                    self.assertTrue(name and name.strip(), etree.tostring(entry)[:200])
                feed = feedparser.parse(response.content)
                self.assertTrue(all(e.get("author") for e in feed.entries))
                # RFC 4287 4.1.1: a feed has exactly one updated and one id.
                self.assertEqual(len(root.findall(f"{ATOM}updated")), 1)
                self.assertTrue(re.match(r"https?://", root.findtext(f"{ATOM}id")))


@override_settings(BASE_URL=PUBLIC, WAGTAILADMIN_BASE_URL=PUBLIC)
class PublicAddressOutsidePagesTests(TestCase):
    def test_search_and_robots_name_the_public_address(self):
        for url in ("/sok/?q=strategi", "/en/search/?q=strategy"):
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_HOST="localhost")
                tree = html.fromstring(response.content)
                canonical = tree.xpath("//link[@rel='canonical']/@href")
                self.assertEqual(canonical, [PUBLIC + url.split("?")[0]])
        robots = self.client.get("/robots.txt", HTTP_HOST="localhost")
        self.assertContains(robots, f"Sitemap: {PUBLIC}/sitemap.xml")
