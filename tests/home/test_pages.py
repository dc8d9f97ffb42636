"""Foundation: the page tree, both languages, the switcher and the language policy."""

import re

from django.test import TestCase
from django.utils import translation

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import AccessibilityStatementPage, ContentPage, CookiePage, HomePage
from tests.builders import home_page, make_page


class PageTreeTests(WagtailPageTestCase):
    def test_home_is_the_site_root(self):
        site = Site.objects.get(is_default_site=True)
        self.assertIsInstance(site.root_page.specific, HomePage)
        self.assertEqual(HomePage.objects.count(), 1)

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(HomePage, AccessibilityStatementPage)
        self.assertCanNotCreateAt(ContentPage, HomePage)
        self.assertCanNotCreateAt(AccessibilityStatementPage, ContentPage)

    def test_singletons(self):
        self.assertEqual(HomePage.max_count, 1)
        self.assertEqual(AccessibilityStatementPage.max_count, 1)
        self.assertEqual(CookiePage.max_count, 1)

    def test_pages_render_in_both_languages(self):
        for page in (
            home_page(),
            AccessibilityStatementPage.objects.get(),
            CookiePage.objects.get(),
        ):
            for language in ("sv", "en"):
                with self.subTest(page=page, language=language):
                    with translation.override(language):
                        response = self.client.get(page.url)
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, f'<html lang="{language}">')


class LanguageRoutingTests(TestCase):
    def test_swedish_at_root_and_english_at_en(self):
        sv = self.client.get("/")
        en = self.client.get("/en/")
        self.assertContains(sv, '<html lang="sv">')
        self.assertContains(sv, "Nyheter och strategi för ett starkare Blekinge")
        self.assertContains(en, '<html lang="en">')
        self.assertContains(en, "News and strategy for a stronger Blekinge")
        self.assertNotContains(en, "Nyheter och strategi")

    def test_translated_slugs(self):
        self.assertEqual(
            self.client.get("/tillganglighetsredogorelse/").status_code, 200
        )
        self.assertEqual(
            self.client.get("/en/accessibility-statement/").status_code, 200
        )
        # The Swedish slug under /en/ is not the English page.
        self.assertEqual(
            self.client.get("/en/tillganglighetsredogorelse/").status_code, 404
        )

    def test_switcher_and_hreflang_point_to_the_same_page(self):
        sv = self.client.get("/kakor/").content.decode()
        en = self.client.get("/en/cookies/").content.decode()
        self.assertIn('href="/en/cookies/" hreflang="en" lang="en"', sv)
        self.assertIn('href="/kakor/" hreflang="sv" lang="sv"', en)
        for html in (sv, en):
            self.assertIn(
                '<link rel="alternate" hreflang="sv" href="http://testserver/kakor/">',
                html,
            )
            self.assertIn(
                '<link rel="alternate" hreflang="en" href="http://testserver/en/cookies/">',
                html,
            )
            self.assertIn('hreflang="x-default" href="http://testserver/kakor/"', html)
        self.assertIn('<link rel="canonical" href="http://testserver/kakor/">', sv)
        self.assertIn('<link rel="canonical" href="http://testserver/en/cookies/">', en)

    def test_footer_links_in_each_language(self):
        sv = self.client.get("/")
        en = self.client.get("/en/")
        self.assertContains(
            sv, 'href="/tillganglighetsredogorelse/">Tillgänglighetsredogörelse</a>'
        )
        self.assertContains(sv, 'href="/kakor/">Kakor</a>')
        self.assertContains(
            en, 'href="/en/accessibility-statement/">Accessibility statement</a>'
        )
        self.assertContains(en, 'href="/en/cookies/">Cookies</a>')

    def test_menu_lists_pages_in_the_reader_language(self):
        make_page(
            home_page(),
            ContentPage,
            title_sv="Om oss",
            title_en="About us",
            intro_sv="Vi är en region.",
            intro_en="We are a region.",
            show_in_menus=True,
        )
        make_page(
            home_page(),
            ContentPage,
            title_sv="Bara svenska",
            intro_sv="Text.",
            show_in_menus=True,
        )
        make_page(
            home_page(),
            ContentPage,
            title_sv="Markerad svensk",
            title_en="Marked Swedish only",
            intro_sv="Text.",
            intro_en="Text.",
            swedish_only=True,
            show_in_menus=True,
        )
        sv = self.client.get("/").content.decode()
        en = self.client.get("/en/").content.decode()
        nav_sv = re.search(r'<nav class="main-nav".*?</nav>', sv, re.S).group(0)
        nav_en = re.search(r'<nav class="main-nav".*?</nav>', en, re.S).group(0)
        self.assertIn('href="/om-oss/">Om oss</a>', nav_sv)
        self.assertIn("Bara svenska", nav_sv)
        self.assertIn('href="/en/about-us/">About us</a>', nav_en)
        self.assertNotIn("Bara svenska", nav_en)
        # An English title is not enough: the page is marked Swedish only.
        self.assertIn("Markerad svensk", nav_sv)
        self.assertNotIn("Marked Swedish only", nav_en)


class SwedishOnlyPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = make_page(
            home_page(),
            ContentPage,
            title_sv="Endast på svenska",
            slug_sv="endast-pa-svenska",
            intro_sv="Den här texten finns bara på svenska.",
        )

    def test_english_url_gives_a_plain_notice_in_english(self):
        with translation.override("en"):
            url = self.page.url
        self.assertEqual(url, "/en/endast-pa-svenska/")
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "This page is only available in Swedish")
        self.assertContains(response, 'href="/endast-pa-svenska/" hreflang="sv"')
        # The Swedish text is never presented as English.
        self.assertNotContains(response, "Den här texten finns bara på svenska.")
        self.assertContains(response, '<span lang="sv">Endast på svenska</span>')
        self.assertEqual(response["X-Robots-Tag"], "noindex")
        self.assertContains(response, '<meta name="robots" content="noindex">')

    def test_swedish_page_has_no_english_alternate(self):
        html = self.client.get("/endast-pa-svenska/").content.decode()
        self.assertIn('hreflang="sv" href="http://testserver/endast-pa-svenska/"', html)
        self.assertNotIn('<link rel="alternate" hreflang="en"', html)
        # The switcher still leads to the same page's English address (the notice).
        self.assertIn('href="/en/endast-pa-svenska/" hreflang="en"', html)
        self.assertIn("(this page is only in Swedish)", html)

    def test_swedish_only_flag_overrides_english_fields(self):
        page = make_page(
            home_page(),
            ContentPage,
            title_sv="Flaggad",
            title_en="Flagged",
            intro_sv="Svensk.",
            intro_en="English.",
            swedish_only=True,
        )
        self.assertFalse(page.english_ready)
        response = self.client.get("/en/flagged/")
        self.assertContains(response, "This page is only available in Swedish")

    def test_english_ready_is_stored_on_publish(self):
        page = make_page(home_page(), ContentPage, title_sv="Ny sida", intro_sv="Hej.")
        self.assertFalse(page.english_ready)
        page.title_en = "New page"
        page.slug_en = "new-page"
        page.intro_en = "Hello."
        page.save_revision().publish()
        page.refresh_from_db()
        self.assertTrue(page.english_ready)
        self.assertContains(self.client.get("/en/new-page/"), "Hello.")


class NotFoundTests(TestCase):
    def test_404_in_swedish(self):
        response = self.client.get("/finns-inte/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="sv">', status_code=404)
        self.assertContains(response, "Sidan hittades inte", status_code=404)

    def test_404_in_english(self):
        response = self.client.get("/en/does-not-exist/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="en">', status_code=404)
        self.assertContains(response, "Page not found", status_code=404)
        self.assertContains(response, 'href="/en/"', status_code=404)


class AdminLanguageTests(TestCase):
    def test_admin_login_is_swedish_by_default(self):
        response = self.client.get(
            "/admin/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'lang="sv"')
        self.assertContains(response, "Logga in")
