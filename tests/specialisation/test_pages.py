"""Strategy, areas and projects: tree rules, both languages, links both ways."""

from django.test import TestCase
from django.utils import timezone, translation

from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from press.models import NewsIndexPage, PressReleasePage
from specialisation.models import (
    ProjectIndexPage,
    ProjectPage,
    SpecialisationAreaPage,
    StrategyPage,
)
from tests.builders import make_page, make_release
from tests.press.test_pages import SEED_EN, SEED_SV, count_queries


class TreeRuleTests(WagtailPageTestCase):
    def test_page_type_rules(self):
        self.assertCanCreateAt(HomePage, StrategyPage)
        self.assertCanCreateAt(StrategyPage, SpecialisationAreaPage)
        self.assertCanCreateAt(HomePage, ProjectIndexPage)
        self.assertCanCreateAt(ProjectIndexPage, ProjectPage)
        self.assertCanNotCreateAt(HomePage, SpecialisationAreaPage)
        self.assertCanNotCreateAt(HomePage, ProjectPage)
        self.assertCanNotCreateAt(NewsIndexPage, ProjectPage)
        self.assertCanNotCreateAt(SpecialisationAreaPage, SpecialisationAreaPage)
        self.assertAllowedParentPageTypes(SpecialisationAreaPage, {StrategyPage})
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        self.assertEqual(StrategyPage.max_count, 1)

    def test_every_page_renders_in_both_languages(self):
        for model in (
            StrategyPage,
            SpecialisationAreaPage,
            ProjectIndexPage,
            ProjectPage,
        ):
            for page in model.objects.filter(english_ready=True):
                for language in ("sv", "en"):
                    with self.subTest(page=page.title, language=language):
                        with translation.override(language):
                            url = page.url
                        response = self.client.get(url)
                        self.assertEqual(response.status_code, 200)
                        self.assertContains(response, f'<html lang="{language}">')


class DemoUrlTests(TestCase):
    def test_demo_urls(self):
        for url, text in (
            ("/smart-specialisering/", "Blekinges smarta specialiseringsstrategi"),
            (
                "/en/smart-specialisation/",
                "Blekinge&#x27;s smart specialisation strategy",
            ),
            (
                "/smart-specialisering/smart-industri/",
                "formningsteknologi och marin teknik",
            ),
            (
                "/en/smart-specialisation/smart-industry/",
                "forming technology and marine technology",
            ),
            ("/smart-specialisering/tech/", "digitalisering och smartare samhällen"),
            (
                "/en/smart-specialisation/missions/",
                "the climate challenge and cleaner seas",
            ),
            ("/projekt/kickstart-s3/", "Europeiska regionalfonden"),
            ("/en/projects/kickstart-s3/", "European Regional Development Fund"),
        ):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), text)

    def test_project_shows_partners_funders_contacts_and_eu_statement(self):
        html = self.client.get("/projekt/kickstart-s3/").content.decode()
        for text in (
            "Blekinge Tekniska högskola",
            "Blue Science Park",
            "Region Blekinge",
            "Erika Augustinsson",
            "Projektet Kickstart S3 medfinansieras av Europeiska unionen",
            "Avslutat",  # its end date, 31 augusti 2023, has passed
            'class="eu-funding"',
        ):
            self.assertIn(text, html)
        html = self.client.get("/en/projects/kickstart-s3/").content.decode()
        self.assertIn("Blekinge Institute of Technology", html)
        self.assertIn("Finished", html)  # its end date, 31 August 2023, has passed
        self.assertIn('alt="The flag of the European Union', html)


class LinkTests(TestCase):
    def test_release_area_project_strategy_link_both_ways(self):
        # release -> project and area
        sv = self.client.get(SEED_SV).content.decode()
        self.assertIn('href="/projekt/kickstart-s3/"', sv)
        self.assertIn('href="/smart-specialisering/missions/"', sv)
        # project -> release, areas
        project = self.client.get("/projekt/kickstart-s3/").content.decode()
        self.assertIn(f'href="{SEED_SV}"', project)
        self.assertIn('href="/smart-specialisering/tech/"', project)
        # area -> release, project, strategy
        area = self.client.get("/smart-specialisering/tech/").content.decode()
        self.assertIn(f'href="{SEED_SV}"', area)
        self.assertIn('href="/projekt/kickstart-s3/"', area)
        self.assertIn('href="/smart-specialisering/"', area)
        # strategy -> areas; and the menu leads back to the news
        strategy = self.client.get("/smart-specialisering/").content.decode()
        self.assertIn('href="/smart-specialisering/smart-industri/"', strategy)
        self.assertIn('href="/nyheter/"', strategy)

    def test_same_in_english(self):
        en = self.client.get(SEED_EN).content.decode()
        self.assertIn('href="/en/projects/kickstart-s3/"', en)
        project = self.client.get("/en/projects/kickstart-s3/").content.decode()
        self.assertIn(f'href="{SEED_EN}"', project)
        area = self.client.get("/en/smart-specialisation/tech/").content.decode()
        self.assertIn(f'href="{SEED_EN}"', area)
        self.assertIn('href="/en/projects/kickstart-s3/"', area)
        self.assertIn('href="/en/smart-specialisation/"', area)
        self.assertIn('href="/en/news/"', area)


class RelatedListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.area = SpecialisationAreaPage.objects.get(slug_sv="tech")
        now = timezone.now()
        cls.newer = make_release(
            title_sv="Nyare om tech",
            title_en="Newer on tech",
            publication_date=now,
            related_areas__m2m=[cls.area],
        )
        cls.older = make_release(
            title_sv="Äldre om tech",
            title_en="Older on tech",
            publication_date=now - timezone.timedelta(days=1),
            related_areas__m2m=[cls.area],
        )
        cls.swedish_only = make_release(
            title_sv="Bara svenska om tech",
            publication_date=now,
            related_areas__m2m=[cls.area],
        )
        cls.draft = make_release(
            title_sv="Utkast om tech", publish=False, related_areas__m2m=[cls.area]
        )

    def test_area_lists_live_releases_in_reader_language_newest_first(self):
        sv = self.client.get("/smart-specialisering/tech/").content.decode()
        en = self.client.get("/en/smart-specialisation/tech/").content.decode()
        self.assertLess(sv.index("Nyare om tech"), sv.index("Äldre om tech"))
        self.assertIn("Bara svenska om tech", sv)
        self.assertNotIn("Utkast om tech", sv)
        self.assertLess(en.index("Newer on tech"), en.index("Older on tech"))
        self.assertNotIn("Bara svenska", en)
        self.assertNotIn("Utkast", en)

    def test_unpublished_release_disappears_from_the_area(self):
        self.newer.unpublish()
        sv = self.client.get("/smart-specialisering/tech/").content.decode()
        self.assertNotIn("Nyare om tech", sv)

    def test_area_queries_are_bounded(self):
        few = count_queries(self.client, "/smart-specialisering/missions/")
        for n in range(6):
            make_release(title_sv=f"Extra {n}", related_areas__m2m=[self.area])
        many = count_queries(self.client, "/smart-specialisering/tech/")
        self.assertEqual(few, many)
        self.assertLessEqual(many, 20)


class ProjectIndexTests(TestCase):
    def test_filters_by_area_and_status(self):
        html = self.client.get("/projekt/?area=missions").content.decode()
        self.assertIn("Blå tillväxt i Östersjön", html)
        self.assertIn("Kickstart S3", html)
        self.assertNotIn("Digitala Blekinge", html)
        html = self.client.get("/en/projects/?status=finished").content.decode()
        self.assertIn("Digital Blekinge", html)
        self.assertIn("Kickstart S3", html)  # ended 31 August 2023
        html = self.client.get("/en/projects/?status=ongoing").content.decode()
        self.assertNotIn("Kickstart S3", html)

    def test_english_index_leaves_out_swedish_only_projects(self):
        self.assertIn(
            "Framtidens formning", self.client.get("/projekt/").content.decode()
        )
        self.assertNotIn(
            "Framtidens formning", self.client.get("/en/projects/").content.decode()
        )

    def test_bad_filters_never_500(self):
        for url, status in (
            ("/projekt/?status=bad", 400),
            ("/en/projects/?area=nope", 400),
            ("/projekt/?page=abc", 404),
            ("/projekt/?page=50", 404),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, status)
        self.assertContains(
            self.client.get("/projekt/?status=bad"),
            "Välj ett giltigt alternativ",
            status_code=400,
        )

    def test_project_page_without_english_gets_the_notice(self):
        index = ProjectIndexPage.objects.get()
        page = make_page(
            index, ProjectPage, title_sv="Nytt projekt", summary_sv="Kort."
        )
        with translation.override("en"):
            url = page.url
        self.assertContains(
            self.client.get(url), "This page is only available in Swedish"
        )


class HomeTeaserTests(TestCase):
    def test_home_shows_areas_and_latest_news(self):
        sv = self.client.get("/").content.decode()
        en = self.client.get("/en/").content.decode()
        for area in ("Smart industri", "Tech", "Missions"):
            self.assertIn(area, sv)
        self.assertIn("Smart industry", en)
        latest = PressReleasePage.objects.live().order_by("-publication_date").first()
        self.assertIn(latest.title_sv, sv)
        self.assertIn('href="/en/news/"', en)


class SectionNavigationTests(TestCase):
    def test_areas_are_in_the_navigation_in_both_languages(self):
        sv = self.client.get("/smart-specialisering/tech/").content.decode()
        self.assertIn(
            '<nav class="sub-nav" id="sub-nav" aria-label="Blekinges smarta specialiseringsstrategi">',
            sv,
        )
        self.assertIn(
            'href="/smart-specialisering/tech/" aria-current="page">Tech</a>', sv
        )
        self.assertIn(
            'href="/smart-specialisering/smart-industri/">Smart industri</a>', sv
        )
        en = self.client.get("/en/smart-specialisation/").content.decode()
        self.assertIn(
            'href="/en/smart-specialisation/smart-industry/">Smart industry</a>', en
        )
        self.assertNotIn(
            'class="sub-nav"', self.client.get("/nyheter/").content.decode()
        )
