"""Strategy, areas and projects: tree rules, both languages, links both ways.

Each feature test builds its own areas, projects and releases ("Testområde",
"Test area") under the demo's strategy page, project index and news index;
DemoSmokeTests only checks that the demo's own pages render.
"""

import datetime

from django.test import TestCase
from django.utils import timezone
from django.utils.html import escape

from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from press.models import NewsIndexPage
from specialisation.models import (
    ProjectContact,
    ProjectFunder,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    SpecialisationAreaPage,
    StrategyPage,
)
from tests.builders import (
    LANGUAGES,
    count_queries,
    home_page,
    html_of,
    make_area,
    make_image,
    make_organisation,
    make_page,
    make_person,
    make_project,
    make_release,
    news_index,
    stream,
    url_in,
)

PAST = {
    "start_date": datetime.date(2020, 1, 1),
    "end_date": datetime.date(2020, 12, 31),
}
ONGOING = {"start_date": datetime.date(2020, 1, 1), "end_date": None}


def card(url: str, title: str) -> str:
    """An area's card, on the strategy and the home page."""
    return f'<h3 class="card__title"><a href="{url}">{title}</a></h3>'


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


class DemoSmokeTests(TestCase):
    """The demo's strategy pages render in both languages (no assertions on text)."""

    def test_every_page_renders_in_both_languages(self):
        for model in (
            StrategyPage,
            SpecialisationAreaPage,
            ProjectIndexPage,
            ProjectPage,
        ):
            for page in model.objects.filter(english_ready=True):
                for language in LANGUAGES:
                    with self.subTest(page=page.title, language=language):
                        response = self.client.get(url_in(page, language))
                        self.assertEqual(response.status_code, 200)
                        self.assertContains(response, f'<html lang="{language}">')

    def test_demo_urls_render(self):
        for url in (
            "/smart-specialisering/",
            "/en/smart-specialisation/",
            "/smart-specialisering/smart-industri/",
            "/en/smart-specialisation/smart-industry/",
            "/smart-specialisering/tech/",
            "/en/smart-specialisation/missions/",
            "/projekt/kickstart-s3/",
            "/en/projects/kickstart-s3/",
        ):
            language = "en" if url.startswith("/en/") else "sv"
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), f'<html lang="{language}">')


class TreeTestCase(TestCase):
    """An area, a finished project in it and a release about both."""

    @classmethod
    def setUpTestData(cls):
        cls.strategy = StrategyPage.objects.get()
        cls.area = make_area(
            focus_themes_sv="testteman och provteman",
            focus_themes_en="test themes and trial themes",
        )
        cls.other_area = make_area("Annat testområde", "Other test area")
        emblem = make_image(
            "Testemblem",
            alt_sv="Testflagga med texten Medfinansieras av Testfonden",
            alt_en="The test flag with the text Co-funded by the Test Fund",
        )

        def eu_funding(funder, statement):
            return stream(
                (
                    "eu_funding",
                    {"funder": funder, "statement": statement, "emblem": emblem.pk},
                )
            )

        cls.project = make_project(
            lead_organisation=make_organisation("Testregionen", "Test Region"),
            related_areas__m2m=[cls.area],
            partners=[
                ProjectPartner(
                    organisation=make_organisation("Testhögskolan", "Test University")
                )
            ],
            funders=[ProjectFunder(name_sv="Testfonden", name_en="Test Fund")],
            contacts=[ProjectContact(person=make_person())],
            body_sv=eu_funding("Testfonden", "Testprojektet medfinansieras av EU."),
            body_en=eu_funding("Test Fund", "The test project is co-funded by the EU."),
            **PAST,
        )
        cls.release = make_release(
            title_sv="Testnyhet om testområdet",
            title_en="Test news about the test area",
            related_areas__m2m=[cls.area],
            related_projects__m2m=[cls.project],
        )


class PageTests(TreeTestCase):
    def test_pages_show_their_own_text_in_both_languages(self):
        for language, slugs, texts in (
            ("sv", ("testomrade/", "testprojekt/"), ("testteman", "Testfonden")),
            ("en", ("test-area/", "test-project/"), ("test themes", "Test Fund")),
        ):
            with self.subTest(language=language):
                area, project = (url_in(p, language) for p in (self.area, self.project))
                strategy = url_in(self.strategy, language)
                index = url_in(ProjectIndexPage.objects.get(), language)
                self.assertEqual(
                    (area, project), (strategy + slugs[0], index + slugs[1])
                )
                title = getattr(self.area, f"title_{language}")
                self.assertIn(card(area, title), html_of(self.client, strategy))
                html = html_of(self.client, area)
                self.assertIn(f"<h1>{title}</h1>", html)
                self.assertIn(texts[0], html)
                self.assertIn(texts[1], html_of(self.client, project))

    def test_project_shows_partners_funders_contacts_and_eu_statement(self):
        html = html_of(self.client, url_in(self.project, "sv"))
        for text in (
            "Testregionen",
            "Testhögskolan",
            "Testfonden",
            "Testa Testsson",
            "Testprojektet medfinansieras av EU.",
            "Avslutat",  # its end date, 31 december 2020, has passed
            'class="eu-funding"',
            'alt="Testflagga med texten',
        ):
            self.assertIn(text, html)
        html = html_of(self.client, url_in(self.project, "en"))
        for text in (
            "Test Region",
            "Test University",
            "Test Fund",
            "test strategist",
            "The test project is co-funded by the EU.",
            "Finished",  # its end date, 31 December 2020, has passed
            'alt="The test flag with the text',
        ):
            self.assertIn(text, html)


class LinkTests(TreeTestCase):
    def test_release_area_project_strategy_link_both_ways(self):
        pages = (self.release, self.project, self.area, self.strategy, news_index())
        for language in LANGUAGES:
            release, project, area, strategy, news = (
                url_in(page, language) for page in pages
            )
            with self.subTest(language=language):
                # release -> project and area
                html = html_of(self.client, release)
                self.assertIn(f'href="{project}"', html)
                self.assertIn(f'href="{area}"', html)
                # project -> release, area
                html = html_of(self.client, project)
                self.assertIn(f'href="{release}"', html)
                self.assertIn(f'href="{area}"', html)
                # area -> release, project, strategy ("back to"); the menu -> news
                html = html_of(self.client, area)
                for url in (release, project, news):
                    self.assertIn(f'href="{url}"', html)
                self.assertIn(f'<p><a href="{strategy}">', html)
                # strategy -> area (its card); and the menu leads back to the news
                html = html_of(self.client, strategy)
                self.assertIn(f'<h3 class="card__title"><a href="{area}">', html)
                self.assertIn(f'href="{news}"', html)


class SectionNavigationTests(TreeTestCase):
    def test_areas_are_in_the_navigation_in_both_languages(self):
        for language in LANGUAGES:
            area, other, strategy = (
                url_in(page, language)
                for page in (self.area, self.other_area, self.strategy)
            )
            area_title, other_title, section = (
                escape(getattr(page, f"title_{language}"))
                for page in (self.area, self.other_area, self.strategy)
            )
            with self.subTest(language=language):
                html = html_of(self.client, area)
                self.assertIn(
                    f'<nav class="sub-nav" id="sub-nav" aria-label="{section}">', html
                )
                self.assertIn(
                    f'href="{area}" aria-current="page">{area_title}</a>', html
                )
                self.assertIn(f'href="{other}">{other_title}</a>', html)
                html = html_of(self.client, strategy)
                self.assertIn(f'href="{area}">{area_title}</a>', html)
                news = html_of(self.client, url_in(news_index(), language))
                self.assertNotIn('class="sub-nav"', news)


class HomeTeaserTests(TreeTestCase):
    def test_home_shows_areas_and_latest_news(self):
        for language in LANGUAGES:
            with self.subTest(language=language):
                html = html_of(self.client, url_in(home_page(), language))
                for area in (self.area, self.other_area):
                    title = escape(getattr(area, f"title_{language}"))
                    self.assertIn(card(url_in(area, language), title), html)
                title = escape(getattr(self.release, f"title_{language}"))
                self.assertIn(
                    f'href="{url_in(self.release, language)}">{title}</a>', html
                )
                self.assertIn(f'href="{url_in(news_index(), language)}"', html)


class RelatedListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.area = make_area()
        cls.other_area = make_area("Annat testområde", "Other test area")
        now = timezone.now()
        cls.newer = make_release(
            title_sv="Nyare om testområdet",
            title_en="Newer on the test area",
            publication_date=now,
            related_areas__m2m=[cls.area],
        )
        cls.older = make_release(
            title_sv="Äldre om testområdet",
            title_en="Older on the test area",
            publication_date=now - timezone.timedelta(days=1),
            related_areas__m2m=[cls.area, cls.other_area],
        )
        cls.swedish_only = make_release(
            title_sv="Bara svenska om testområdet",
            publication_date=now,
            related_areas__m2m=[cls.area],
        )
        cls.draft = make_release(
            title_sv="Utkast om testområdet",
            publish=False,
            related_areas__m2m=[cls.area],
        )

    def test_area_lists_live_releases_in_reader_language_newest_first(self):
        sv = html_of(self.client, url_in(self.area, "sv"))
        en = html_of(self.client, url_in(self.area, "en"))
        self.assertLess(sv.index("Nyare om testområdet"), sv.index("Äldre om"))
        self.assertIn("Bara svenska om testområdet", sv)
        self.assertNotIn("Utkast om testområdet", sv)
        self.assertLess(en.index("Newer on the test area"), en.index("Older on"))
        self.assertNotIn("Bara svenska", en)
        self.assertNotIn("Utkast", en)

    def test_unpublished_release_disappears_from_the_area(self):
        self.newer.unpublish()
        for language, gone, kept in (
            ("sv", "Nyare om", "Äldre om"),
            ("en", "Newer on", "Older on"),
        ):
            with self.subTest(language=language):
                html = html_of(self.client, url_in(self.area, language))
                self.assertNotIn(gone, html)
                self.assertIn(kept, html)

    def test_area_queries_are_bounded(self):
        few = count_queries(self.client, url_in(self.other_area, "sv"))
        for n in range(6):
            make_release(title_sv=f"Extra {n}", related_areas__m2m=[self.area])
        many = count_queries(self.client, url_in(self.area, "sv"))
        self.assertEqual(few, many)
        self.assertLessEqual(many, 20)


class ProjectIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        area, other = make_area(), make_area("Annat testområde", "Other test area")
        make_project(
            "Testprojekt Alfa", "Test project Alpha", related_areas__m2m=[area], **PAST
        )
        make_project(
            "Testprojekt Beta",
            "Test project Beta",
            related_areas__m2m=[area, other],
            **ONGOING,
        )
        make_project(
            "Testprojekt Gamma",
            "Test project Gamma",
            related_areas__m2m=[other],
            **PAST,
        )
        make_project("Bara svenskt testprojekt", None)

    def test_filters_by_area_and_status(self):
        for language, area, (alfa, beta, gamma) in (
            ("sv", "testomrade", ("Alfa", "Beta", "Gamma")),
            ("en", "test-area", ("Alpha", "Beta", "Gamma")),
        ):
            index = url_in(ProjectIndexPage.objects.get(), language)
            for query, shown, hidden in (
                (f"?area={area}", (alfa, beta), (gamma,)),
                ("?status=finished", (alfa, gamma), (beta,)),
                ("?status=ongoing", (beta,), (alfa, gamma)),
            ):
                with self.subTest(language=language, query=query):
                    html = html_of(self.client, index + query)
                    for name in shown:
                        self.assertIn(f" {name}</a>", html)
                    for name in hidden:
                        self.assertNotIn(f" {name}</a>", html)

    def test_english_index_leaves_out_swedish_only_projects(self):
        index = ProjectIndexPage.objects.get()
        self.assertIn(
            "Bara svenskt testprojekt", html_of(self.client, url_in(index, "sv"))
        )
        self.assertNotIn("Bara svenskt", html_of(self.client, url_in(index, "en")))

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
        self.assertContains(
            self.client.get("/en/projects/?area=nope"),
            "Select a valid choice",
            status_code=400,
        )

    def test_project_page_without_english_gets_the_notice(self):
        index = ProjectIndexPage.objects.get()
        page = make_page(
            index, ProjectPage, title_sv="Nytt testprojekt", summary_sv="Kort."
        )
        self.assertContains(
            self.client.get(url_in(page, "en")),
            "This page is only available in Swedish",
        )
        self.assertNotContains(
            self.client.get(url_in(page, "sv")), "Den här sidan finns bara på svenska"
        )
