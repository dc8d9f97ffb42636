"""Yearly and monthly archives of the newsroom with readable addresses in both
languages (/nyheter/2011/03/, /en/news/2011/03/), navigation with counts, and the
time of day on release pages in each language's style."""

import datetime
import re
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from lxml import html

from press.models import PressReleasePage
from tests.builders import make_release

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


class ArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # A year of the archive of its own: no demo release is from 2011.
        cls.march_sv = make_release(
            title_sv="Marsnyhet", publication_date=at(2011, 3, 2, 9, 0)
        )
        cls.march_both = make_release(
            title_sv="Marsnyhet på två språk",
            title_en="March news in two languages",
            publication_date=at(2011, 3, 30, 10, 0),
        )
        cls.november = make_release(
            title_sv="Novembernyhet", publication_date=at(2011, 11, 5, 8, 0)
        )

    def tree(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        return html.fromstring(response.content)

    def titles(self, tree):
        return [
            t.text_content().strip() for t in tree.xpath("//h2[@class='teaser__title']")
        ]

    def nav(self, tree):
        return [
            re.sub(r"\s+", " ", item.text_content()).strip()
            for item in tree.xpath("//nav[@class='archive-nav']//li")
        ]

    def test_a_year_and_a_month_in_swedish(self):
        year = self.tree("/nyheter/2011/")
        self.assertEqual(
            self.titles(year), ["Novembernyhet", "Marsnyhet på två språk", "Marsnyhet"]
        )
        self.assertIn("2011", year.xpath("string(//h1)"))
        self.assertIn("2011", year.xpath("string(//title)"))
        self.assertIn("2011 (3)", self.nav(year))
        self.assertIn("mars (2)", self.nav(year))
        self.assertIn("november (1)", self.nav(year))
        current = year.xpath("//nav[@class='archive-nav']//a[@aria-current='page']")
        self.assertEqual([a.get("href") for a in current], ["/nyheter/2011/"])
        month = self.tree("/nyheter/2011/03/")
        self.assertEqual(self.titles(month), ["Marsnyhet på två språk", "Marsnyhet"])
        self.assertIn("mars 2011", month.xpath("string(//h1)"))
        self.assertEqual(
            month.xpath("//link[@rel='canonical']/@href"),
            ["http://testserver/nyheter/2011/03/"],
        )
        self.assertIn(
            "http://testserver/en/news/2011/03/",
            month.xpath("//link[@hreflang='en']/@href"),
        )

    def test_english_archives_hold_only_english_releases(self):
        year = self.tree("/en/news/2011/")
        self.assertEqual(self.titles(year), ["March news in two languages"])
        self.assertIn("2011 (1)", self.nav(year))
        self.assertIn("March (1)", self.nav(year))
        self.assertNotIn("November (1)", self.nav(year))
        month = self.tree("/en/news/2011/03/")
        self.assertIn("March 2011", month.xpath("string(//h1)"))
        self.assertEqual(month.get("lang") or month.xpath("string(/html/@lang)"), "en")
        # A month without English releases is not a page in English.
        self.tree("/en/news/2011/11/", status=404)

    def test_the_index_links_the_years_with_counts(self):
        index = self.tree("/nyheter/")
        self.assertIn("2011 (3)", self.nav(index))
        links = index.xpath("//nav[@class='archive-nav']//a/@href")
        self.assertIn("/nyheter/2011/", links)

    def test_year_counts_are_counted_once_and_follow_each_publish(self):
        # Counted once per publish generation (not on every page view) and never
        # stale: a release published in a new year is in both languages at once.
        with self.settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False):
            for url in ("/nyheter/", "/en/news/"):
                self.client.get(url)
                with CaptureQueriesContext(connection) as captured:
                    self.client.get(url)
                counts = [q["sql"] for q in captured if "GROUP BY" in q["sql"]]
                self.assertEqual(counts, [], url)
            make_release(
                title_sv="Nyhet från 2009",
                title_en="News from 2009",
                publication_date=at(2009, 6, 1, 9, 0),
            )
            self.assertIn("2009 (1)", self.nav(self.tree("/nyheter/")))
            self.assertIn("2009 (1)", self.nav(self.tree("/en/news/")))
            self.assertIn("2011 (1)", self.nav(self.tree("/en/news/")))
            PressReleasePage.objects.get(title_sv="Nyhet från 2009").unpublish()
            self.assertNotIn("2009 (1)", self.nav(self.tree("/nyheter/")))
            self.assertNotIn("2009 (1)", self.nav(self.tree("/en/news/")))

    def test_the_number_of_releases_comes_from_the_year_counts(self):
        # Unfiltered lists and year archives take their total from the year counts
        # (kept per generation) instead of counting the archive on every view;
        # the number shown is the true one and follows a publish.
        def shown(url):
            text = self.tree(url).xpath('string(//p[@class="result-count"])')
            number = re.search(r"[0-9][0-9\s]*", text).group(0)
            return int(re.sub(r"\D", "", number))

        def true_count(language, **period):
            return (
                PressReleasePage.objects.get(title_sv="Marsnyhet")
                .get_parent()
                .specific.releases(language)
                .filter(**period)
                .count()
            )

        urls = {
            "/nyheter/": ("sv", {}),
            "/en/news/": ("en", {}),
            "/nyheter/2011/": ("sv", {"publication_date__year": 2011}),
            "/en/news/2011/": ("en", {"publication_date__year": 2011}),
        }
        with self.settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False):
            for url, (language, period) in urls.items():
                with self.subTest(url=url):
                    self.assertEqual(shown(url), true_count(language, **period))
                    with CaptureQueriesContext(connection) as captured:
                        self.client.get(url)
                    counting = [q["sql"] for q in captured if '"__count"' in q["sql"]]
                    self.assertEqual(counting, [], url)
            make_release(
                title_sv="Ännu en 2011",
                title_en="Another 2011",
                publication_date=at(2011, 12, 1, 9, 0),
            )
            for url, (language, period) in urls.items():
                with self.subTest(url=url, after="publish"):
                    self.assertEqual(shown(url), true_count(language, **period))
            # A filtered list counts its own matches.
            kind = self.march_both.kind
            self.assertEqual(
                shown(f"/nyheter/?kind={kind}"),
                PressReleasePage.objects.get(title_sv="Marsnyhet")
                .get_parent()
                .specific.releases("sv")
                .filter(kind=kind)
                .count(),
            )

    def test_addresses_that_are_no_archive_are_404_in_the_readers_language(self):
        for url in ("/nyheter/2011/13/", "/nyheter/2011/00/", "/nyheter/1999/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, 'lang="sv"', status_code=404)
        response = self.client.get("/en/news/1999/02/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, 'lang="en"', status_code=404)

    def test_filters_and_pages_within_an_archive(self):
        response = self.client.get("/nyheter/2011/", {"page": "2"})
        self.assertEqual(response.status_code, 404)
        kind = self.march_both.kind
        tree = self.tree(f"/nyheter/2011/03/?kind={kind}")
        self.assertIn("Marsnyhet på två språk", self.titles(tree))


class TimeOfDayTests(TestCase):
    def test_release_pages_show_the_time_in_each_languages_style(self):
        release = make_release(
            title_sv="Klockslag",
            title_en="Time of day",
            publication_date=at(2018, 6, 13, 13, 51),
        )
        sv = self.client.get(release.url)
        self.assertContains(sv, "13 juni 2018 kl. 13.51")
        with self.settings(LANGUAGE_CODE="sv"):
            en = self.client.get("/en/news/time-of-day/")
        self.assertContains(en, "13 June 2018, 13:51")
        self.assertContains(en, 'datetime="2018-06-13T13:51:00+02:00"')
