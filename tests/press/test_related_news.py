"""'Related news' under a release: earlier live releases about the same areas,
projects or tags, newest first, at most three, in the reader's language; in a
preview, the tags as the editor has just set them."""

import datetime

from django.test import TestCase, override_settings
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
