"""Teaser images (issue 18) on the home page and the strategy page, where editors
set them: the image of an area on its card, the image of a release beside its
teaser in "Senaste nytt" and in an "Aktuellt" block. Decorative (empty alt), lazy,
with width and height; their renditions in one query for the whole list."""

import re

from django.test import TestCase

from specialisation.models import SpecialisationAreaPage, StrategyPage
from tests.builders import count_queries, make_page, make_release, stream
from tests.press.test_media_bank import _image

HOME = ("/", "/en/")
STRATEGY = ("/smart-specialisering/", "/en/smart-specialisation/")
TITLES = ("Ny bild på startsidan", "New picture on the home page")


def images(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<img [^>]*class="{css_class}"[^>]*>', html)


def teaser(html: str, title: str) -> str:
    """The teaser article that names ``title``."""
    return next(part for part in html.split("<article") if title in part)


def assert_decorative(test, tag: str, spec: str, width: int, height: int):
    test.assertIn('alt=""', tag)
    test.assertIn('loading="lazy"', tag)
    test.assertIn(f'width="{width}"', tag)
    test.assertIn(f'height="{height}"', tag)
    test.assertIn(spec, tag)


class AreaCardImageTests(TestCase):
    def test_area_cards_show_the_area_image_in_both_languages(self):
        areas = list(SpecialisationAreaPage.objects.live().order_by("path"))
        self.assertTrue(all(area.image_id for area in areas))
        # An area without an image keeps a card without one.
        plain = areas[0]
        SpecialisationAreaPage.objects.filter(pk=plain.pk).update(image=None)
        for url in HOME + STRATEGY:
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                tags = images(html, "card__image")
                self.assertEqual(len(tags), len(areas) - 1)
                for tag in tags:
                    assert_decorative(self, tag, "fill-640x320", 640, 320)
                title = plain.title_en if url.startswith("/en/") else plain.title_sv
                self.assertNotIn("card__image", teaser(html, f">{title}</a>"))


class ReleaseTeaserImageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pictured = make_release(
            title_sv="Ny bild på startsidan",
            title_en="New picture on the home page",
            image=_image("Hamnen i Karlskrona"),
        )

    def test_the_home_page_shows_the_image_of_a_release(self):
        for url, title in zip(HOME, TITLES, strict=True):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                (tag,) = images(teaser(html, title), "teaser__image")
                assert_decorative(self, tag, "fill-320x180", 320, 180)
                # The other latest items have no image: no empty frame either.
                self.assertEqual(len(images(html, "teaser__image")), 1)

    def test_an_aktuellt_block_on_the_strategy_page_shows_it(self):
        strategy = StrategyPage.objects.get()
        block = {"heading": "", "area": None, "kind": "", "count": 3}
        strategy.body_sv = stream(("latest_news", block))
        strategy.body_en = stream(("latest_news", block))
        strategy.save_revision().publish()
        for url, title in zip(STRATEGY, TITLES, strict=True):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                section = html.split('<section class="latest-news">')[1]
                (tag,) = images(teaser(section, title), "teaser__image")
                assert_decorative(self, tag, "fill-320x180", 320, 180)


class TeaserImageQueryTests(TestCase):
    """The renditions of a list's images come in one query, however many."""

    def test_home_page_queries_do_not_grow_with_pictured_releases(self):
        make_release(title_sv="Först med bild", image=_image("Bild 1"))
        one = count_queries(self.client, "/")
        for n in range(3):
            make_release(title_sv=f"Också med bild {n}", image=_image(f"Bild {n}"))
        four = count_queries(self.client, "/")
        self.assertEqual(one, four)
        self.assertLessEqual(four, 17)

    def test_strategy_page_queries_do_not_grow_with_pictured_areas(self):
        for url in STRATEGY:
            with self.subTest(url=url):
                before = count_queries(self.client, url)
                make_page(
                    StrategyPage.objects.get(),
                    SpecialisationAreaPage,
                    title_sv=f"Nytt område {len(url)}",
                    title_en=f"New area {len(url)}",
                    short_description_sv="Ett område till.",
                    short_description_en="One more area.",
                    image=_image(f"Område {len(url)}"),
                )
                after = count_queries(self.client, url)
                self.assertEqual(before, after)
                self.assertLessEqual(after, 16)
