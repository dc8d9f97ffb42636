"""'Related news' under a release: earlier live releases about the same areas,
projects or tags, newest first, at most three, in the reader's language; in a
preview, the tags as the editor has just set them."""

import datetime
import json
from unittest import skipUnless

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lxml import html

from specialisation.models import SpecialisationAreaPage
from tests.builders import COLD, make_release, url_in


def days_ago(n: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=n)


def tagged(tag: str, **fields):
    page = make_release(**fields)
    page.tags.add(tag)
    page.save_revision().publish()
    return page


@override_settings(**COLD)
class RelatedNewsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        area = SpecialisationAreaPage.objects.first()
        cls.release = make_release(
            title_sv="Huvudnyheten",
            slug_sv="huvudnyheten",
            title_en="The main news",
            slug_en="the-main-news",
            related_areas__m2m=[area],
        )
        cls.release.tags.add("vindkraft")
        cls.release.save_revision().publish()
        tagged(
            "vindkraft",
            title_sv="Äldsta vindnyheten",
            publication_date=days_ago(30),
        )
        tagged(
            "vindkraft",
            title_sv="Vindnyhet på två språk",
            title_en="Wind news in two languages",
            publication_date=days_ago(3),
        )
        make_release(
            title_sv="Områdesnyhet",
            related_areas__m2m=[area],
            publication_date=days_ago(2),
        )
        make_release(title_sv="Ovidkommande nyhet", publication_date=days_ago(1))
        tagged("solkraft", title_sv="Solnyhet", publication_date=days_ago(1))

    def related(self, url) -> list[str]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        tree = html.fromstring(response.content)
        return [
            " ".join(item.text_content().split())
            for item in tree.xpath("//section[@class='related']//h3")
        ]

    def test_newest_three_by_area_and_tag_in_each_language(self):
        self.assertEqual(
            self.related("/nyheter/huvudnyheten/"),
            ["Områdesnyhet", "Vindnyhet på två språk", "Äldsta vindnyheten"],
        )
        # English readers get only releases available in English (then older
        # demo releases about the same area).
        english = self.related("/en/news/the-main-news/")
        self.assertEqual(english[0], "Wind news in two languages")
        self.assertLessEqual(len(english), 3)
        for title in ("Områdesnyhet", "Äldsta vindnyheten", "Solnyhet"):
            self.assertNotIn(title, english)

    def test_only_earlier_releases_so_a_page_stays_as_published(self):
        later = tagged(
            "vindkraft",
            title_sv="Senare vindnyhet",
            title_en="Later wind news",
            slug_en="later-wind-news",
            publication_date=timezone.now() + datetime.timedelta(minutes=5),
        )
        for url, title in (
            ("/nyheter/huvudnyheten/", "Senare vindnyhet"),
            ("/en/news/the-main-news/", "Later wind news"),
        ):
            self.assertNotIn(title, self.related(url))
        # The newest shows what came before it.
        self.assertEqual(self.related(url_in(later, "sv"))[0], "Huvudnyheten")
        self.assertEqual(self.related(url_in(later, "en"))[0], "The main news")

    def test_a_preview_uses_the_tags_as_edited(self):
        page = self.release.specific
        page.tags.set(["solkraft"])  # in memory, as the edit form leaves them
        found = [p.title_sv for p in page.related_releases([], [])]
        self.assertEqual(found, ["Solnyhet"])
        # Every tag taken away: its areas still pick related news.
        page.tags.set([])
        area = SpecialisationAreaPage.objects.first()
        found = [p.title_sv for p in page.related_releases([area], [])]
        self.assertEqual(found[0], "Områdesnyhet")
        self.assertNotIn("Solnyhet", found)

    def test_tags_alone_or_no_links_in_each_language(self):
        solo = tagged(
            "solkraft",
            title_sv="Ny solnyhet",
            title_en="New solar news",
            slug_en="new-solar-news",
        )
        bare = make_release(
            title_sv="Nyhet utan kopplingar",
            title_en="News without links",
            slug_en="news-without-links",
        )
        self.assertEqual(self.related(url_in(solo, "sv")), ["Solnyhet"])
        self.assertEqual(self.related(url_in(solo, "en")), [])  # Swedish only
        for language in ("sv", "en"):
            self.assertEqual(self.related(url_in(bare, language)), [])
        page = bare.specific
        page.tags.set([])  # a preview without tags: nothing to look for
        self.assertEqual(page.related_releases([], []), [])

    @skipUnless(connection.vendor == "postgresql", "PostgreSQL's plan")
    def test_a_release_without_links_does_not_walk_the_archive(self):
        bare = make_release(title_sv="Nyhet utan kopplingar", title_en="Bare news")
        for language in ("sv", "en"):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.related(url_in(bare, language)), [])
            (sql,) = [
                q["sql"]
                for q in queries.captured_queries
                if "publication_date" in q["sql"] and "EXISTS" in q["sql"]
            ]
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
            if isinstance(plan, str):
                plan = json.loads(plan)
            walks, nodes = [], [plan[0]["Plan"]]
            while nodes:
                node = nodes.pop()
                if node.get("Relation Name") == "press_pressreleasepage":
                    walks.append(node["Actual Loops"])
                nodes += node.get("Plans", [])
            # The release has no tag, area or project: PostgreSQL learns that
            # once and never reads the releases (it read all of them before).
            self.assertEqual(set(walks), {0}, walks)
