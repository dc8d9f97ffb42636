"""Every public page type renders with a fixed number of SQL queries: the count does
not grow with blocks, quotes, fact boxes, images, contacts, related items, listed
items or menu entries. (The page cache is off here: these budgets are for
rendering; a cache hit runs no query at all, see test_cache.)"""

from django.test import TestCase
from django.utils import translation

from cms.models import CustomImage, Person
from home.models import ContentPage
from specialisation.models import (
    FactBox,
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    SpecialisationAreaPage,
    StrategyPage,
)
from tests.builders import count_queries, home_page, make_page, make_release, stream
from tests.press.test_pages import SEED_SV

BUDGET = 30


def rich_body(n: int):
    person = Person.objects.first()
    box = FactBox.objects.first()
    image = CustomImage.objects.first()
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    pairs = []
    for i in range(n):
        pairs += [
            ("heading", {"text": f"Rubrik {i}", "level": "h2"}),
            ("text", f"<p>Text {i}</p>"),
            (
                "quote",
                {
                    "text": f"Citat {i}",
                    "person": person.pk,
                    "name": "",
                    "role_sv": "roll",
                    "role_en": "role",
                    "party": "",
                },
            ),
            ("fact_box", box.pk),
            ("image", {"image": image.pk, "caption": f"Bild {i}", "credit": ""}),
            ("partners", {"heading": "Partner", "organisations": organisations}),
        ]
    return stream(*pairs)


class QueryBudgetTests(TestCase):
    def assert_constant(self, small_url, large_url, budget=BUDGET):
        small = count_queries(self.client, small_url)
        large = count_queries(self.client, large_url)
        self.assertEqual(small, large, f"{small_url}: {small}, {large_url}: {large}")
        self.assertLessEqual(large, budget)
        return large

    def test_menu_entries(self):
        before = {
            url: count_queries(self.client, url) for url in ("/", SEED_SV, "/en/")
        }
        for n in range(8):
            make_page(
                home_page(),
                ContentPage,
                title_sv=f"Menysida {n}",
                title_en=f"Menu page {n}",
                intro_sv="x",
                intro_en="x",
                show_in_menus=True,
            )
        for url, count in before.items():
            self.assertEqual(count_queries(self.client, url), count, url)

    def test_content_page_blocks(self):
        small = make_page(
            home_page(),
            ContentPage,
            title_sv="Liten sida",
            intro_sv="x",
            body_sv=rich_body(1),
        )
        large = make_page(
            home_page(),
            ContentPage,
            title_sv="Stor sida",
            intro_sv="x",
            body_sv=rich_body(10),
        )
        self.assert_constant(small.url, large.url)

    def test_strategy_and_areas(self):
        strategy = StrategyPage.objects.get()
        first = count_queries(self.client, strategy.url)
        for n in range(5):
            make_page(
                strategy,
                SpecialisationAreaPage,
                title_sv=f"Område {n}",
                short_description_sv="Kort.",
                body_sv=rich_body(2),
            )
        self.assertEqual(count_queries(self.client, strategy.url), first)
        quiet = make_page(
            strategy,
            SpecialisationAreaPage,
            title_sv="Tyst område",
            short_description_sv="Kort.",
            body_sv=rich_body(1),
        )
        busy = make_page(
            strategy,
            SpecialisationAreaPage,
            title_sv="Livligt område",
            short_description_sv="Kort.",
            body_sv=rich_body(5),
        )
        make_release(title_sv="Den enda nyheten", related_areas__m2m=[quiet])
        index = ProjectIndexPage.objects.get()
        make_page(
            index,
            ProjectPage,
            title_sv="Det enda projektet",
            summary_sv="x",
            related_areas__m2m=[quiet],
        )
        for n in range(8):
            make_release(title_sv=f"Områdesnyhet {n}", related_areas__m2m=[busy])
            make_page(
                index,
                ProjectPage,
                title_sv=f"Områdesprojekt {n}",
                summary_sv="x",
                related_areas__m2m=[busy],
            )
        self.assert_constant(quiet.url, busy.url)

    def test_project_page_and_index(self):
        index = ProjectIndexPage.objects.get()
        small = make_page(
            index,
            ProjectPage,
            title_sv="Litet projekt",
            summary_sv="x",
            body_sv=rich_body(1),
        )
        large = make_page(
            index,
            ProjectPage,
            title_sv="Stort projekt",
            summary_sv="x",
            body_sv=rich_body(6),
            related_areas__m2m=list(SpecialisationAreaPage.objects.all()),
        )
        for organisation in Organisation.objects.all():
            large.partners.create(organisation=organisation)
        for person in Person.objects.all():
            large.contacts.create(person=person)
        for n in range(6):
            large.funders.create(name_sv=f"Finansiär {n}", amount=1000 * n)
            make_release(title_sv=f"Projektnyhet {n}", related_projects__m2m=[large])
        large.save_revision().publish()
        small.partners.create(organisation=Organisation.objects.first())
        small.save_revision().publish()
        self.assert_constant(small.url, large.url)
        with translation.override("sv"):
            few = count_queries(self.client, index.url + "?status=planned")
            many = count_queries(self.client, index.url)
        self.assertEqual(few, many)

    def test_search_feeds_and_sitemap(self):
        self.assert_constant("/sok/?q=digitala", "/sok/?q=blekinge")
        self.assert_constant("/nyheter/rss/?year=2019", "/nyheter/rss/")
        before = count_queries(self.client, "/sitemap.xml")
        for n in range(10):
            make_release(title_sv=f"Sitemapnyhet {n}", title_en=f"Sitemap news {n}")
        self.assertEqual(count_queries(self.client, "/sitemap.xml"), before)

    def test_home_and_site_pages(self):
        for url in (
            "/",
            "/en/",
            "/tillganglighetsredogorelse/",
            "/en/cookies/",
            "/nyheter/",
        ):
            with self.subTest(url=url):
                self.assertLessEqual(count_queries(self.client, url), BUDGET)

    def test_routing_does_not_grow_with_siblings(self):
        """One query for the path's pages, however many releases the index holds
        (wagtail-modeltranslation's own route() loads every sibling)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        urls = (
            SEED_SV,
            "/en/news/region-blekinge-invests-in-the-countys-recovery/",
            "/en/news/industriforum-samlade-200-deltagare-i-karlshamn/",
        )
        before = {url: count_queries(self.client, url) for url in urls}
        for n in range(40):
            make_release(title_sv=f"Syskon {n}", title_en=f"Sibling {n}")
        for url in urls:
            self.assertEqual(count_queries(self.client, url), before[url], url)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(SEED_SV + "?utm=x")  # not cached
        route_queries = [
            q["sql"]
            for q in queries.captured_queries
            if "WHERE" in q["sql"] and '"slug_sv" =' in q["sql"].split("WHERE", 1)[1]
        ]
        # The news index and the release in one query, each by its slug at its
        # depth: a row per segment, not every sibling.
        self.assertEqual(len(route_queries), 1)
        where = route_queries[0].split("WHERE", 1)[1]
        self.assertIn(""""slug_sv" = 'nyheter'""", where)
        self.assertIn(f""""slug_sv" = '{SEED_SV.strip("/").split("/")[-1]}'""", where)
