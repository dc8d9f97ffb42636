"""sitemap.xml validates against the sitemaps.org schema and lists exactly the pages
each language has; robots.txt points to it.

The tests check the releases and pages they build; the whole-site checks (every
live page listed, every entry valid) also cover the demo's pages around them."""

from pathlib import Path

from django.test import TestCase, override_settings
from django.utils import timezone, translation

from wagtail.models import Page

from lxml import etree

from home.models import ContentPage
from tests.builders import home_page, make_page, make_release

SERVER = "http://testserver"

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
SCHEMA = etree.XMLSchema(
    etree.parse(str(Path(__file__).parent.parent / "data" / "sitemap.xsd"))
)


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.release = make_release(
            title_sv="Testpressmeddelande i sitemap",
            title_en="Test press release in the sitemap",
        )
        cls.swedish_only = make_release(title_sv="Bara svensk testnyhet i sitemap")

    def sitemap(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        document = etree.fromstring(response.content)
        SCHEMA.assertValid(document)
        return document

    def locations(self, document):
        return {loc.text for loc in document.iterfind("s:url/s:loc", NS)}

    def test_validates_and_lists_each_language_version(self):
        document = self.sitemap()
        locations = self.locations(document)
        expected = set()
        for page in Page.objects.live().public().filter(depth__gte=2).specific():
            for language in ("sv", "en"):
                if page.is_available_in(language):
                    with translation.override(language):
                        expected.add("http://testserver" + page.get_url())
        self.assertEqual(locations, expected)
        self.assertIn(f"{SERVER}/nyheter/testpressmeddelande-i-sitemap/", locations)
        self.assertIn(f"{SERVER}/en/news/test-press-release-in-the-sitemap/", locations)
        # Swedish-only items are only in the Swedish set.
        self.assertIn(f"{SERVER}/nyheter/bara-svensk-testnyhet-i-sitemap/", locations)
        self.assertFalse(
            any("bara-svensk-testnyhet" in loc for loc in locations if "/en/" in loc)
        )

    def test_alternates_lastmod_and_x_default(self):
        document = self.sitemap()
        for url in document.iterfind("s:url", NS):
            loc = url.findtext("s:loc", namespaces=NS)
            self.assertIsNotNone(url.findtext("s:lastmod", namespaces=NS))
            links = {
                link.get("hreflang"): link.get("href")
                for link in url.iterfind("x:link", NS)
            }
            self.assertIn(loc, links.values())
            self.assertIn("x-default", links)
            self.assertEqual(links["x-default"], links["sv"])
        entries = {
            url.findtext("s:loc", namespaces=NS): {
                link.get("hreflang"): link.get("href")
                for link in url.iterfind("x:link", NS)
            }
            for url in document.iterfind("s:url", NS)
        }
        sv = f"{SERVER}/nyheter/testpressmeddelande-i-sitemap/"
        en = f"{SERVER}/en/news/test-press-release-in-the-sitemap/"
        for loc in (sv, en):
            with self.subTest(loc=loc):
                self.assertEqual(entries[loc], {"sv": sv, "en": en, "x-default": sv})
        swedish_only = f"{SERVER}/nyheter/bara-svensk-testnyhet-i-sitemap/"
        self.assertNotIn("en", entries[swedish_only])

    def test_embargo_drafts_and_swedish_only_pages(self):
        draft = make_release(
            title_sv="Utkast i sitemap", title_en="Draft in sitemap", publish=False
        )
        embargoed = make_release(
            title_sv="Embargo i sitemap", title_en="Embargo in sitemap", publish=False
        )
        embargoed.go_live_at = timezone.now() + timezone.timedelta(days=1)
        embargoed.save_revision().publish()
        make_page(
            home_page(),
            ContentPage,
            title_sv="Svensk sida i sitemap",
            intro_sv="Bara svenska.",
            title_en="Swedish page",
            intro_en="",
            slug_en="swedish-page",
        )
        locations = self.locations(self.sitemap())
        for page in (draft, embargoed):
            self.assertFalse(any(page.slug_sv in loc for loc in locations))
        self.assertIn("http://testserver/svensk-sida-i-sitemap/", locations)
        self.assertNotIn("http://testserver/en/swedish-page/", locations)

    def test_robots_txt_points_to_the_sitemap(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Sitemap: http://testserver/sitemap.xml", response.content.decode()
        )
        self.assertIn("Disallow: /admin/", response.content.decode())


@override_settings(PAGE_CACHE_ENABLED=False)
class SitemapIndexTests(TestCase):
    def test_a_large_site_gets_an_index_of_valid_sitemaps(self):
        # Enough pages of the test's own for several sitemaps, whatever the demo has.
        built = [
            make_release(title_sv=f"Testnyhet {n} i index", title_en=f"Test news {n}")
            for n in range(12)
        ]
        total = Page.objects.live().public().filter(depth__gte=2).count()
        single = {
            loc.text
            for loc in etree.fromstring(
                self.client.get("/sitemap.xml").content
            ).iterfind("s:url/s:loc", NS)
        }
        with self.settings(SITEMAP_CHUNK=10):
            index = etree.fromstring(self.client.get("/sitemap.xml").content)
            self.assertEqual(
                index.tag, "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
            )
            locations = [loc.text for loc in index.iterfind("s:sitemap/s:loc", NS)]
            self.assertEqual(len(locations), (total - 1) // 10 + 1)
            seen = set()
            for location in locations:
                response = self.client.get(location.removeprefix("http://testserver"))
                self.assertEqual(response.status_code, 200)
                document = etree.fromstring(response.content)
                SCHEMA.assertValid(document)
                seen |= {loc.text for loc in document.iterfind("s:url/s:loc", NS)}
            self.assertEqual(seen, single)
            for page in built:
                self.assertIn(f"{SERVER}{page.url}", seen)
                self.assertIn(f"{SERVER}/en/news/{page.slug_en}/", seen)
            self.assertEqual(
                self.client.get(f"/sitemap-{len(locations) + 1}.xml").status_code, 404
            )
            self.assertEqual(self.client.get("/sitemap-x.xml").status_code, 404)
            self.assertEqual(self.client.get("/sitemap-0.xml").status_code, 404)
