"""Newsroom pages: the seed release, the index with filters, and query budgets."""

import json
import re

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.models import Person
from home.models import HomePage
from press.models import NewsIndexPage, PressReleasePage
from specialisation.models import (
    FactBox,
    ProjectPage,
    SpecialisationAreaPage,
)
from tests.builders import make_release, news_index, stream

SEED_SV = "/nyheter/region-blekinge-satsar-pa-lanets-aterhamtning/"
SEED_EN = "/en/news/region-blekinge-invests-in-the-countys-recovery/"


class TreeRuleTests(WagtailPageTestCase):
    def test_where_newsroom_pages_can_be_created(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(NewsIndexPage, PressReleasePage)
        self.assertCanNotCreateAt(HomePage, PressReleasePage)
        self.assertCanNotCreateAt(PressReleasePage, PressReleasePage)
        self.assertAllowedParentPageTypes(PressReleasePage, {NewsIndexPage})
        self.assertEqual(NewsIndexPage.max_count, 1)

    def test_editor_can_create_a_release_with_real_blocks(self):
        # force_login: django-axes needs the request that Client.login() omits.
        from django.contrib.auth import get_user_model

        self.client.force_login(
            get_user_model().objects.create_superuser("skapare", "s@example.org", "x")
        )
        person = Person.objects.get(name="Johan Sandberg")
        box = FactBox.objects.get(title_sv__startswith="Fakta:")
        body = streamfield(
            [
                ("text", rich_text("<p>Brödtext</p>")),
                (
                    "quote",
                    {
                        "text": "Vi satsar.",
                        "person": person.pk,
                        "name": "",
                        "role_sv": "",
                        "role_en": "",
                        "party": "",
                    },
                ),
                ("fact_box", box.pk),
            ]
        )
        data = nested_form_data(
            {
                "title_sv": "Nytt pressmeddelande",
                "slug_sv": "nytt-pressmeddelande",
                "title_en": "New press release",
                "slug_en": "new-press-release",
                "kind": "press_release",
                "lead_sv": "Ingress.",
                "lead_en": "Lead.",
                "body_sv": body,
                "body_en": streamfield([("text", rich_text("<p>Body</p>"))]),
                "press_contacts": inline_formset([{"person": person.pk}]),
            }
        )
        self.assertCanCreate(news_index(), PressReleasePage, data)
        page = PressReleasePage.objects.get(slug_sv="nytt-pressmeddelande")
        self.assertEqual(
            [block.block_type for block in page.body_sv], ["text", "quote", "fact_box"]
        )
        # The quote froze the person's role and party when it was saved.
        quote = page.body_sv[1].value
        self.assertEqual(quote["role_sv"], person.role_sv)
        self.assertEqual(quote["party"], "M")


class SeedReleaseTests(TestCase):
    def test_reads_correctly_in_swedish(self):
        response = self.client.get(SEED_SV)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<html lang="sv">', html)
        self.assertIn("<h1>Region Blekinge satsar på länets återhämtning</h1>", html)
        self.assertIn("Publicerad 31 augusti 2021", html)
        self.assertIn('<span class="tag">Pressmeddelande</span>', html)
        self.assertIn("Det ska projektet Kickstart S3 lösa.", html)
        self.assertIn('<h2 id="stark-uppslutning">Stark uppslutning</h2>', html)
        self.assertIn(
            "<figcaption>Erika Augustinsson, innovationsstrateg på Region Blekinge</figcaption>",
            html,
        )
        self.assertIn(
            "<figcaption>Johan Sandberg (M), ordförande i Region Blekinges regionala "
            "utvecklingsnämnd</figcaption>",
            html,
        )
        for partner in (
            "Blekinge Tekniska högskola",
            "Almi",
            "Netport Science Park",
            "Techtank",
            "Blue Science Park",
            "Blekinge Business Incubator",
        ):
            self.assertIn(partner, html)
        self.assertIn("Fakta: Blekinges smarta specialiseringsstrategi", html)
        self.assertIn("Missions – arbetet med Klimatutmaningen och Renare hav", html)
        self.assertIn(
            'alt="Region Blekinges logotyp med bild på Region Blekinges flaggor"', html
        )
        self.assertIn('href="/projekt/kickstart-s3/"', html)
        self.assertIn('href="/smart-specialisering/smart-industri/"', html)
        self.assertIn(
            'href="/en/news/region-blekinge-invests-in-the-countys-recovery/" hreflang="en"',
            html,
        )

    def test_reads_correctly_in_english(self):
        response = self.client.get(SEED_EN)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<html lang="en">', html)
        self.assertIn(
            "Region Blekinge invests in the county&#x27;s recovery</h1>", html
        )
        self.assertIn("Published 31 August 2021", html)
        self.assertIn('<span class="tag">Press release</span>', html)
        self.assertIn(
            "<figcaption>Erika Augustinsson, innovation strategist at Region Blekinge</figcaption>",
            html,
        )
        self.assertIn(
            "Johan Sandberg (M), chair of Region Blekinge&#x27;s regional development committee",
            html,
        )
        self.assertIn("Blekinge Institute of Technology", html)
        self.assertIn("Facts: Blekinge&#x27;s smart specialisation strategy", html)
        self.assertIn('href="/en/projects/kickstart-s3/"', html)
        # No Swedish text presented as English (addresses of the Swedish page aside).
        text = re.sub(r'href="[^"]*"', "", html)
        for swedish in (
            "satsar",
            "Stark uppslutning",
            "innovationsstrateg",
            "Fakta:",
            "Publicerad",
        ):
            self.assertNotIn(swedish, text)
        self.assertIn(
            'href="/nyheter/region-blekinge-satsar-pa-lanets-aterhamtning/" hreflang="sv"',
            html,
        )

    def test_press_contact_heading_in_both_languages(self):
        # The Swedish plural had been "P"/"r" in the catalogue (a broken entry).
        for url, heading in ((SEED_SV, "Presskontakt"), (SEED_EN, "Press contact")):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                self.assertRegex(
                    html, rf'<h2 id="contacts-heading">{heading}(er|s)?</h2>'
                )

    def test_meta_tags_and_json_ld(self):
        for url, language, headline in (
            (SEED_SV, "sv", "Region Blekinge satsar på länets återhämtning"),
            (SEED_EN, "en", "Region Blekinge invests in the county's recovery"),
        ):
            html = self.client.get(url).content.decode()
            match = re.search(
                r'<script type="application/ld\+json">(.*?)</script>', html, re.S
            )
            data = json.loads(match.group(1))
            self.assertEqual(data["@type"], "NewsArticle")
            self.assertEqual(data["headline"], headline)
            self.assertEqual(data["inLanguage"], language)
            self.assertTrue(data["datePublished"].startswith("2021-08-31T09:00:00"))
            self.assertEqual(data["publisher"]["name"], "Region Blekinge")
            self.assertTrue(data["url"].endswith(url))
            self.assertTrue(
                data["image"][0].startswith("http://testserver/media/images/")
            )
            self.assertIn('<meta property="og:type" content="article">', html)
            self.assertIn(
                '<meta name="twitter:card" content="summary_large_image">', html
            )
            self.assertRegex(
                html,
                r'<meta property="og:image" content="http://testserver/media/images/[^"]+">',
            )
            self.assertIn(f'<link rel="canonical" href="http://testserver{url}">', html)
            self.assertIn('<meta name="description" content="', html)

    def test_json_ld_cannot_be_closed_by_content(self):
        page = make_release(title_sv="</script><script>alert(1)</script>")
        html = self.client.get(page.url).content.decode()
        block = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        ).group(1)
        self.assertEqual(
            json.loads(block)["headline"], "</script><script>alert(1)</script>"
        )
        self.assertNotIn("<script>alert(1)", html)

    def test_seed_is_listed_on_the_index_in_both_languages(self):
        sv = self.client.get("/nyheter/").content.decode()
        en = self.client.get("/en/news/").content.decode()
        self.assertIn(
            f'href="{SEED_SV}">Region Blekinge satsar på länets återhämtning</a>', sv
        )
        self.assertIn(
            f'href="{SEED_EN}">Region Blekinge invests in the county&#x27;s recovery</a>',
            en,
        )
        self.assertIn("31 augusti 2021", sv)
        self.assertIn("31 August 2021", en)

    def test_publication_date_defaults_to_first_publication(self):
        page = make_release(publication_date=None)
        self.assertIsNotNone(page.publication_date)
        self.assertLess(
            abs((page.publication_date - timezone.now()).total_seconds()), 60
        )


class IndexTests(TestCase):
    def test_english_index_leaves_out_swedish_only_items(self):
        self.assertIn(
            "Industriforum samlade 200 deltagare i Karlshamn",
            self.client.get("/nyheter/?year=2019").content.decode(),
        )
        self.assertNotIn(
            "Industriforum", self.client.get("/en/news/?year=2019").content.decode()
        )
        sv = self.client.get("/nyheter/").content.decode()
        en = self.client.get("/en/news/").content.decode()
        total_sv = PressReleasePage.objects.live().count()
        total_en = PressReleasePage.objects.live().filter(english_ready=True).count()
        self.assertIn(f"{total_sv} pressmeddelanden och nyheter", sv)
        self.assertIn(f"{total_en} items", en)
        self.assertLess(total_en, total_sv)

    def test_newest_first_and_pagination_keeps_filters(self):
        for n in range(25):
            make_release(
                title_sv=f"Paginerad nyhet {n}",
                kind="news",
                publication_date=timezone.now() - timezone.timedelta(minutes=n),
            )
        response = self.client.get("/nyheter/?kind=news")
        html = response.content.decode()
        self.assertLess(
            html.index("Paginerad nyhet 0<"), html.index("Paginerad nyhet 1<")
        )
        self.assertIn('href="?kind=news&amp;page=2" rel="next"', html)
        page2 = self.client.get("/nyheter/?kind=news&page=2").content.decode()
        self.assertIn('href="?kind=news&amp;page=1" rel="prev"', page2)
        self.assertNotIn("Pressmeddelande</span>", page2)

    def test_filters(self):
        sv = self.client.get(
            "/nyheter/?kind=press_release&year=2021&month=8"
        ).content.decode()
        self.assertIn("Region Blekinge satsar på länets återhämtning", sv)
        self.assertIn("1 pressmeddelande eller nyhet", sv)
        en = self.client.get("/en/news/?area=missions").content.decode()
        self.assertIn("Cleaner seas: 30 tonnes of litter collected along the coast", en)
        self.assertNotIn("Marine technology attracts new students", en)
        sv_area = self.client.get("/nyheter/?area=missions").content.decode()
        self.assertIn("Renare hav: 30 ton skräp samlat längs kusten", sv_area)

    def test_empty_state(self):
        html = self.client.get(
            "/nyheter/?kind=news&year=2021&month=12"
        ).content.decode()
        self.assertIn("0 pressmeddelanden och nyheter", html)
        self.assertIn("Det finns inga nyheter som matchar filtret", html)

    def test_bad_parameters_give_400_or_404_in_the_reader_language(self):
        cases = {
            "/nyheter/?page=abc": (404, "Sidan hittades inte"),
            "/nyheter/?page=99999": (404, "Sidan hittades inte"),
            "/nyheter/?page=0": (404, "Sidan hittades inte"),
            "/en/news/?page=-1": (404, "Page not found"),
            "/nyheter/?year=1700": (400, "Välj ett giltigt alternativ"),
            "/en/news/?year=1700": (400, "Select a valid choice"),
            "/nyheter/?month=13&year=2021": (400, "Välj ett giltigt alternativ"),
            "/nyheter/?month=5": (400, "Välj ett år för att filtrera på månad"),
            "/en/news/?month=5": (400, "Choose a year to filter by month"),
            "/nyheter/?kind=<script>": (400, "Välj ett giltigt alternativ"),
            "/nyheter/?area=finns-inte": (400, "Välj ett giltigt alternativ"),
            "/en/news/?year=abc": (400, "Select a valid choice"),
        }
        for url, (status, message) in cases.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, status)
                self.assertContains(response, message, status_code=status)
                self.assertNotContains(response, "<script>", status_code=status)


class FactBoxReuseTests(TestCase):
    def test_one_edit_shows_on_every_page_that_uses_it(self):
        box = FactBox.objects.get(title_sv__startswith="Fakta:")
        box.body_sv = "<p>Uppdaterad fakta om strategin.</p>"
        box.body_en = "<p>Updated facts about the strategy.</p>"
        box.save_revision().publish()
        urls_sv = [SEED_SV, "/smart-specialisering/", "/projekt/kickstart-s3/"]
        urls_en = [SEED_EN, "/en/smart-specialisation/", "/en/projects/kickstart-s3/"]
        for url in urls_sv:
            self.assertContains(self.client.get(url), "Uppdaterad fakta om strategin.")
        for url in urls_en:
            self.assertContains(
                self.client.get(url), "Updated facts about the strategy."
            )

    def test_admin_shows_where_a_fact_box_is_used(self):
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser(
            "usage-admin", "a@example.org", "x"
        )
        self.client.force_login(admin)
        box = FactBox.objects.get(title_sv__startswith="Fakta:")
        response = self.client.get(
            f"/admin/snippets/specialisation/factbox/usage/{box.pk}/"
        )
        self.assertEqual(response.status_code, 200)
        for title in (
            "Region Blekinge satsar på länets återhämtning",
            "Blekinges smarta specialiseringsstrategi",
            "Kickstart S3",
        ):
            self.assertContains(response, title)


@override_settings(
    PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False, ROUTE_CACHE_ENABLED=False
)
def count_queries(client, url):
    """Queries to render ``url`` (page and fragment caches off: the budget is for
    rendering from scratch)."""
    client.get(url)  # warm up: renditions are generated on first view
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


class QueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        people = list(Person.objects.all())
        box = FactBox.objects.get(title_sv__startswith="Fakta:")
        image = Page.objects.none()  # placeholder to keep names aligned
        del image
        from cms.models import CustomImage

        images = list(CustomImage.objects.all()[:3])

        def body(n):
            pairs = []
            for i in range(n):
                person = people[i % len(people)]
                pairs += [
                    ("text", f"<p>Stycke {i}</p>"),
                    (
                        "quote",
                        {
                            "text": f"Citat {i}",
                            "person": person.pk,
                            "name": "",
                            "role_sv": person.role_sv,
                            "role_en": person.role_en,
                            "party": person.party,
                        },
                    ),
                    ("fact_box", box.pk),
                    (
                        "image",
                        {
                            "image": images[i % len(images)].pk,
                            "caption": "",
                            "credit": "",
                        },
                    ),
                ]
            return stream(*pairs)

        areas = list(SpecialisationAreaPage.objects.all())
        projects = list(ProjectPage.objects.all())
        cls.small = make_release(
            title_sv="Liten",
            title_en="Small",
            body_sv=body(1),
            body_en=body(1),
            related_areas__m2m=areas[:1],
            related_projects__m2m=projects[:1],
        )
        cls.large = make_release(
            title_sv="Stor",
            title_en="Large",
            body_sv=body(12),
            body_en=body(12),
            related_areas__m2m=areas,
            related_projects__m2m=projects,
        )
        for page, contacts in ((cls.small, people[:1]), (cls.large, people)):
            for person in contacts:
                page.press_contacts.create(person=person)
            page.save_revision().publish()

    def test_release_page_queries_do_not_grow_with_content(self):
        for language in ("sv", "en"):
            with translation.override(language):
                small, large = self.small.url, self.large.url
            with self.subTest(language=language):
                n_small = count_queries(self.client, small)
                n_large = count_queries(self.client, large)
                self.assertEqual(n_small, n_large)
                self.assertLessEqual(n_large, 30)

    def test_index_queries_do_not_grow_with_listed_items(self):
        # 2021 holds a few releases, one with a teaser image (the seed release).
        n_few = count_queries(self.client, "/nyheter/?year=2021")
        n_many = count_queries(self.client, "/nyheter/")
        self.assertEqual(n_few, n_many)
        self.assertLessEqual(n_many, 21)
