"""Newsroom pages: a release, the index with filters, fact boxes and query budgets.

Each feature test builds the releases, people and snippets it needs, with
recognisable test values ("Testpressmeddelande", "Test area"); only the structural
parents (the news index, the strategy page, the project index) are the demo's.
DemoSmokeTests checks that the demo's own newsroom pages render.
"""

import json
import re

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.utils import timezone
from django.utils.html import escape

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.site_settings import SiteSettings
from home.models import HomePage
from press.models import NewsIndexPage, PressContact, PressReleasePage
from tests.builders import (
    LANGUAGES,
    at,
    count_queries,
    home_page,
    html_of,
    make_area,
    make_fact_box,
    make_image,
    make_organisation,
    make_person,
    make_project,
    make_release,
    news_index,
    quote,
    stream,
    url_in,
)

# The demo's seed release: other test modules use it, DemoSmokeTests renders it.
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
        self.client.force_login(
            get_user_model().objects.create_superuser("skapare", "s@example.org", "x")
        )
        person = make_person("Prova Provsson", party="TP")
        box = make_fact_box()
        # The form sends no role or party: saving fills them in from the person.
        unfrozen = {"role_sv": "", "role_en": "", "party": ""}
        body = streamfield(
            [
                ("text", rich_text("<p>Brödtext</p>")),
                ("quote", {**quote(person, "Vi testar."), **unfrozen}),
                ("fact_box", box.pk),
            ]
        )
        data = nested_form_data(
            {
                "title_sv": "Nytt testpressmeddelande",
                "slug_sv": "nytt-testpressmeddelande",
                "title_en": "New test press release",
                "slug_en": "new-test-press-release",
                "kind": "press_release",
                "lead_sv": "Ingress.",
                "lead_en": "Lead.",
                "body_sv": body,
                "body_en": streamfield([("text", rich_text("<p>Body</p>"))]),
                "press_contacts": inline_formset([{"person": person.pk}]),
            }
        )
        self.assertCanCreate(news_index(), PressReleasePage, data)
        page = PressReleasePage.objects.get(slug_sv="nytt-testpressmeddelande")
        self.assertEqual(
            [block.block_type for block in page.body_sv], ["text", "quote", "fact_box"]
        )
        # The quote froze the person's role and party when it was saved.
        self.assertEqual(
            page.body_sv[1].value["role_sv"], "teststrateg på Testregionen"
        )
        self.assertEqual(page.body_sv[1].value["party"], "TP")


def release_body(language, strategist, chair, partners, box):
    sv = language == "sv"
    return stream(
        ("text", "<p>Testbrödtext på svenska.</p>" if sv else "<p>Test body text.</p>"),
        ("quote", quote(strategist, "Testcitat ett." if sv else "Test quote one.")),
        ("heading", {"text": "Testrubrik" if sv else "Test heading", "level": "h2"}),
        (
            "partners",
            {
                "heading": "Testpartner" if sv else "Test partners",
                "organisations": [organisation.pk for organisation in partners],
            },
        ),
        ("quote", quote(chair, "Testcitat två." if sv else "Test quote two.")),
        ("fact_box", box.pk),
    )


class ReleasePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        strategist = make_person(email="testa@example.org")
        chair = make_person(
            "Prova Provsson",
            party="TP",
            role_sv="ordförande i testnämnden",
            role_en="chair of the test committee",
        )
        partners = [
            make_organisation("Testhögskolan", "Test University"),
            make_organisation("Testparken", "Test Science Park"),
        ]
        box = make_fact_box()
        cls.area = make_area()
        cls.project = make_project(related_areas__m2m=[cls.area])
        parts = (strategist, chair, partners, box)
        cls.release = make_release(
            title_sv="Testpressmeddelande om testområdet",
            title_en="The Test Region's test press release",
            lead_sv="Testingress om testområdet.",
            lead_en="Test lead about the test area.",
            publication_date=at(2022, 3, 15, 10, 30),
            image=make_image("Testbild"),
            body_sv=release_body("sv", *parts),
            body_en=release_body("en", *parts),
            press_contacts=[
                PressContact(person=strategist),
                PressContact(person=chair),
            ],
            related_areas__m2m=[cls.area],
            related_projects__m2m=[cls.project],
        )

    def test_reads_correctly_in_both_languages(self):
        sv, en = (url_in(self.release, language) for language in LANGUAGES)
        expected = {
            "sv": [
                "<h1>Testpressmeddelande om testområdet</h1>",
                "Publicerad 15 mars 2022",
                '<span class="tag">Pressmeddelande</span>',
                "Testingress om testområdet.",
                '<h2 id="testrubrik">Testrubrik</h2>',
                "<figcaption>Testa Testsson, teststrateg på Testregionen</figcaption>",
                "<figcaption>Prova Provsson (TP), ordförande i testnämnden</figcaption>",
                "Testhögskolan",
                "Testparken",
                "Testfakta: testområdet",
                'alt="Alternativtext för Testbild"',
                f'href="{en}" hreflang="en"',
            ],
            "en": [
                "<h1>The Test Region&#x27;s test press release</h1>",
                "Published 15 March 2022",
                '<span class="tag">Press release</span>',
                "Test lead about the test area.",
                '<h2 id="test-heading">Test heading</h2>',
                "<figcaption>Testa Testsson, test strategist at the Test Region</figcaption>",
                "<figcaption>Prova Provsson (TP), chair of the test committee</figcaption>",
                "Test University",
                "Test Science Park",
                "Test facts: the test area",
                'alt="Alternative text for Testbild"',
                f'href="{sv}" hreflang="sv"',
            ],
        }
        for language, url in zip(LANGUAGES, (sv, en), strict=True):
            with self.subTest(language=language):
                html = html_of(self.client, url)
                self.assertIn(f'<html lang="{language}">', html)
                for text in expected[language]:
                    self.assertIn(text, html)
                for page in (self.area, self.project):
                    self.assertIn(f'href="{url_in(page, language)}"', html)
        # No Swedish text presented as English (addresses of the Swedish page aside).
        text = re.sub(r'href="[^"]*"', "", html_of(self.client, en))
        for swedish in ("Testbrödtext", "Testrubrik", "Testcitat", "teststrateg"):
            self.assertNotIn(swedish, text)
        for swedish in ("Testfakta", "Testhögskolan", "Testpartner", "Publicerad"):
            self.assertNotIn(swedish, text)

    def test_press_contact_heading_in_both_languages(self):
        # The Swedish plural had been "P"/"r" in the catalogue (a broken entry).
        one = make_release(
            title_sv="En kontakt",
            title_en="One contact",
            press_contacts=[PressContact(person=make_person("Ensam Kontakt"))],
        )
        for page, headings in (
            (self.release, ("Presskontakter", "Press contacts")),
            (one, ("Presskontakt", "Press contact")),
        ):
            for language, heading in zip(LANGUAGES, headings, strict=True):
                with self.subTest(page=page.title_sv, language=language):
                    self.assertIn(
                        f'<h2 id="contacts-heading">{heading}</h2>',
                        html_of(self.client, url_in(page, language)),
                    )

    def test_meta_tags_and_json_ld(self):
        organisation = SiteSettings.for_site(home_page().get_site()).organisation_name
        for language in LANGUAGES:
            url = url_in(self.release, language)
            html = html_of(self.client, url)
            match = re.search(
                r'<script type="application/ld\+json">(.*?)</script>', html, re.S
            )
            data = json.loads(match.group(1))
            self.assertEqual(data["@type"], "NewsArticle")
            self.assertEqual(
                data["headline"], getattr(self.release, f"title_{language}")
            )
            self.assertEqual(data["inLanguage"], language)
            self.assertTrue(data["datePublished"].startswith("2022-03-15T10:30:00"))
            self.assertTrue(organisation)
            self.assertEqual(data["publisher"]["name"], organisation)
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
            self.assertIn('<meta name="description" content="Test', html)

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

    def test_release_is_listed_on_the_index_in_both_languages(self):
        for language, date in zip(
            LANGUAGES, ("15 mars 2022", "15 March 2022"), strict=True
        ):
            with self.subTest(language=language):
                index = url_in(news_index(), language)
                html = html_of(self.client, f"{index}?year=2022")
                title = escape(getattr(self.release, f"title_{language}"))
                self.assertIn(
                    f'href="{url_in(self.release, language)}">{title}</a>', html
                )
                self.assertIn(date, html)

    def test_publication_date_defaults_to_first_publication(self):
        page = make_release(publication_date=None)
        self.assertIsNotNone(page.publication_date)
        self.assertLess(
            abs((page.publication_date - timezone.now()).total_seconds()), 60
        )


def index_html(client, language: str, query: str = "", status: int = 200) -> str:
    response = client.get(f"{url_in(news_index(), language)}{query}")
    assert response.status_code == status, (query, response.status_code)
    return response.content.decode()


def counted(text: str) -> str:
    """The index's result count, as the page shows it."""
    return f'<p class="result-count" role="status">{text}</p>'


class IndexTests(TestCase):
    """Releases of 2012, a year the demo has none of."""

    @classmethod
    def setUpTestData(cls):
        area, other = make_area(), make_area("Annat testområde", "Other test area")
        make_release(
            title_sv="Testpressmeddelande i augusti",
            title_en="Test press release in August",
            publication_date=at(2012, 8, 14),
            related_areas__m2m=[area],
        )
        make_release(
            title_sv="Testnyhet i augusti",
            title_en="Test news in August",
            kind="news",
            publication_date=at(2012, 8, 20),
            related_areas__m2m=[other],
        )
        make_release(
            title_sv="Bara svensk testnyhet",
            kind="news",
            publication_date=at(2012, 9, 5),
            related_areas__m2m=[area],
        )

    def test_english_index_leaves_out_swedish_only_items(self):
        sv = index_html(self.client, "sv", "?year=2012")
        en = index_html(self.client, "en", "?year=2012")
        self.assertIn(">Bara svensk testnyhet</a>", sv)
        self.assertIn(counted("3 pressmeddelanden och nyheter"), sv)
        self.assertNotIn("Bara svensk", en)
        self.assertIn(">Test news in August</a>", en)
        self.assertIn(counted("2 items"), en)
        total_sv = PressReleasePage.objects.live().count()
        total_en = PressReleasePage.objects.live().filter(english_ready=True).count()
        sv, en = index_html(self.client, "sv"), index_html(self.client, "en")
        self.assertIn(counted(f"{total_sv} pressmeddelanden och nyheter"), sv)
        self.assertIn(counted(f"{total_en} items"), en)
        self.assertLess(total_en, total_sv)

    def test_newest_first_and_pagination_keeps_filters(self):
        for n in range(25):
            make_release(
                title_sv=f"Paginerad nyhet {n}",
                title_en=f"Paginated news {n}",
                kind="news",
                publication_date=timezone.now() - timezone.timedelta(minutes=n),
            )
        for language, title, tag in (
            ("sv", "Paginerad nyhet", "Pressmeddelande</span>"),
            ("en", "Paginated news", "Press release</span>"),
        ):
            with self.subTest(language=language):
                html = index_html(self.client, language, "?kind=news")
                self.assertLess(html.index(f"{title} 0<"), html.index(f"{title} 1<"))
                self.assertIn('href="?kind=news&amp;page=2" rel="next"', html)
                page2 = index_html(self.client, language, "?kind=news&page=2")
                self.assertIn('href="?kind=news&amp;page=1" rel="prev"', page2)
                self.assertNotIn(tag, page2)

    def test_filters(self):
        query = "?kind=press_release&year=2012&month=8"
        sv = index_html(self.client, "sv", query)
        self.assertIn(">Testpressmeddelande i augusti</a>", sv)
        self.assertNotIn("Testnyhet i augusti", sv)
        self.assertIn(counted("1 pressmeddelande eller nyhet"), sv)
        en = index_html(self.client, "en", query)
        self.assertIn(">Test press release in August</a>", en)
        self.assertIn(counted("1 item"), en)
        sv_area = index_html(self.client, "sv", "?area=testomrade")
        self.assertIn(">Testpressmeddelande i augusti</a>", sv_area)
        self.assertIn(">Bara svensk testnyhet</a>", sv_area)
        self.assertNotIn("Testnyhet i augusti", sv_area)
        en_area = index_html(self.client, "en", "?area=test-area")
        self.assertIn(">Test press release in August</a>", en_area)
        self.assertNotIn("Test news in August", en_area)

    def test_empty_state(self):
        query = "?kind=press_release&year=2012&month=9"  # September: news only
        sv = index_html(self.client, "sv", query)
        self.assertIn(counted("0 pressmeddelanden och nyheter"), sv)
        self.assertIn("Det finns inga nyheter som matchar filtret", sv)
        en = index_html(self.client, "en", query)
        self.assertIn(counted("0 items"), en)
        self.assertIn("There are no releases that match the filter", en)

    def test_bad_parameters_give_400_or_404_in_the_reader_language(self):
        cases = {
            "/nyheter/?page=abc": (404, "Sidan hittades inte"),
            "/nyheter/?page=99999": (404, "Sidan hittades inte"),
            "/nyheter/?page=0": (404, "Sidan hittades inte"),
            "/en/news/?page=-1": (404, "Page not found"),
            "/nyheter/?year=1700": (400, "Välj ett giltigt alternativ"),
            "/en/news/?year=1700": (400, "Select a valid choice"),
            "/nyheter/?month=13&year=2012": (400, "Välj ett giltigt alternativ"),
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
    @classmethod
    def setUpTestData(cls):
        cls.box = make_fact_box()
        body = stream(("fact_box", cls.box.pk))
        both = {"body_sv": body, "body_en": body}
        cls.pages = [
            make_release(
                title_sv="Testpressmeddelande med faktaruta",
                title_en="Test press release with a fact box",
                **both,
            ),
            make_area("Testområde med faktaruta", "Test area with a fact box", **both),
            make_project(
                "Testprojekt med faktaruta", "Test project with a fact box", **both
            ),
        ]

    def test_one_edit_shows_on_every_page_that_uses_it(self):
        urls = [(url_in(page, lang), lang) for page in self.pages for lang in LANGUAGES]
        for url, language in urls:  # shown first, and so in the page caches
            title = getattr(self.box, f"title_{language}")
            self.assertContains(self.client.get(url), escape(title))
        updated = {"sv": "Uppdaterad testfakta.", "en": "Updated test facts."}
        self.box.body_sv = f"<p>{updated['sv']}</p>"
        self.box.body_en = f"<p>{updated['en']}</p>"
        self.box.save_revision().publish()
        for url, language in urls:
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), updated[language])

    def test_admin_shows_where_a_fact_box_is_used(self):
        admin = get_user_model().objects.create_superuser(
            "usage-admin", "a@example.org", "x"
        )
        self.client.force_login(admin)
        response = self.client.get(
            f"/admin/snippets/specialisation/factbox/usage/{self.box.pk}/"
        )
        self.assertEqual(response.status_code, 200)
        for page in self.pages:
            self.assertContains(response, page.title_sv)


class QueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        people = [
            make_person(f"Testperson {n}", party=party, email=f"test{n}@example.org")
            for n, party in enumerate(("", "TP", ""))
        ]
        box = make_fact_box()
        images = [make_image(f"Testbild {n}") for n in range(3)]

        def body(n):
            pairs = []
            for i in range(n):
                pairs += [
                    ("text", f"<p>Stycke {i}</p>"),
                    ("quote", quote(people[i % len(people)], f"Citat {i}")),
                    ("fact_box", box.pk),
                    (
                        "image",
                        {"image": images[i % 3].pk, "caption": "", "credit": ""},
                    ),
                ]
            return stream(*pairs)

        areas = [make_area(f"Testområde {n}", f"Test area {n}") for n in range(3)]
        projects = [
            make_project(f"Testprojekt {n}", f"Test project {n}") for n in range(3)
        ]
        for title, size, count in (("small", 1, 1), ("large", 12, 3)):
            release = make_release(
                title_sv=f"Test {title} sv",
                title_en=f"Test {title}",
                body_sv=body(size),
                body_en=body(size),
                press_contacts=[PressContact(person=p) for p in people[:count]],
                related_areas__m2m=areas[:count],
                related_projects__m2m=projects[:count],
            )
            setattr(cls, title, release)
        # A year with two releases (one with a teaser image), one with a full page.
        for n in range(2):
            make_release(
                publication_date=at(2012, 1, 1 + n), image=images[n] if n else None
            )
        for n in range(22):
            make_release(publication_date=at(2013, 1, 1 + n), image=images[n % 3])

    def test_release_page_queries_do_not_grow_with_content(self):
        for language in LANGUAGES:
            small, large = url_in(self.small, language), url_in(self.large, language)
            with self.subTest(language=language):
                n_small = count_queries(self.client, small)
                n_large = count_queries(self.client, large)
                self.assertEqual(n_small, n_large)
                self.assertLessEqual(n_large, 30)

    def test_index_queries_do_not_grow_with_listed_items(self):
        n_few = count_queries(self.client, "/nyheter/?year=2012")
        n_many = count_queries(self.client, "/nyheter/?year=2013")
        n_all = count_queries(self.client, "/nyheter/")
        self.assertEqual(n_few, n_many)
        # Unfiltered, the total comes from the archive's year counts: no count.
        self.assertEqual(n_all, n_many - 1)
        self.assertLessEqual(n_many, 21)


class DemoSmokeTests(TestCase):
    """The demo's newsroom renders in both languages (no assertions on its text)."""

    def test_demo_newsroom_renders_in_both_languages(self):
        for url, language in (
            (SEED_SV, "sv"),
            (SEED_EN, "en"),
            (url_in(news_index(), "sv"), "sv"),
            (url_in(news_index(), "en"), "en"),
        ):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), f'<html lang="{language}">')
