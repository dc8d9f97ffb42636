"""'Read more about' under a release: its specialisation areas and projects that the
reader's language has, in tree order, found in one query; in a preview, as the
editor has just chosen them. And a cold release page stays within twelve queries."""

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from lxml import html

from press.related import linked_pages
from tests.builders import COLD, make_area, make_image, make_project, make_release


def read_more(url: str, client) -> list[str]:
    tree = html.fromstring(client.get(url).content)
    return [
        " ".join(item.text_content().split())
        for item in tree.xpath('//section[@class="related-links"]//li')
    ]


@override_settings(**COLD)
class ReleaseLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.area_b = make_area("Länkområde B", "Link area B")
        cls.area_a = make_area("Länkområde A", "Link area A")
        cls.swedish_area = make_area("Bara svenskt område", "", swedish_only=True)
        cls.project = make_project("Länkprojekt", "Link project")
        cls.release = make_release(
            title_sv="Länkad nyhet",
            slug_sv="lankad-nyhet",
            title_en="Linked news",
            slug_en="linked-news",
            image=make_image("Länkbild"),
            related_areas__m2m=[cls.area_b, cls.area_a, cls.swedish_area],
            related_projects__m2m=[cls.project],
        )

    def test_areas_and_projects_in_each_language(self):
        self.assertEqual(
            read_more("/nyheter/lankad-nyhet/", self.client),
            [
                "Specialiseringsområde: Länkområde B",
                "Specialiseringsområde: Länkområde A",
                "Specialiseringsområde: Bara svenskt område",
                "Projekt: Länkprojekt",
            ],
        )
        self.assertEqual(
            read_more("/en/news/linked-news/", self.client),
            [
                "Specialisation area: Link area B",
                "Specialisation area: Link area A",
                "Project: Link project",
            ],
        )

    def test_a_preview_shows_the_areas_as_chosen(self):
        page = self.release.specific
        page.related_areas.set([self.area_a])  # in memory, as the edit form
        page.related_projects.set([])
        areas, projects = linked_pages(page)
        self.assertEqual([area.pk for area in areas], [self.area_a.pk])
        self.assertEqual(projects, [])

    def test_a_cold_release_is_at_most_twelve_queries(self):
        for url in ("/nyheter/lankad-nyhet/", "/en/news/linked-news/"):
            self.client.get(url)  # renditions are made on the first view
            with self.subTest(url=url), CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            sqls = [query["sql"] for query in queries.captured_queries]
            self.assertLessEqual(len(sqls), 12, "\n".join(sqls))
            # The lead image comes with the page; the links in one query.
            self.assertFalse(
                [sql for sql in sqls if sql.startswith('SELECT "cms_customimage"')]
            )
            self.assertEqual(
                sum("press_pressreleasepage_related_areas" in sql for sql in sqls),
                2,  # "Read more about", and related news
            )
