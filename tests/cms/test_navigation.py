"""The header's main and section menus and the breadcrumbs, built from a small tree
of the test's own (not the demo's prose), in both languages and with the caches
off so every request renders them."""

import re

from django.test import TestCase, override_settings

from home.models import ContentPage
from tests.builders import COLD, home_page, make_page


def nav(html: str, css_class: str) -> list[tuple[str, str]]:
    """(link text, marker) for each link of the ``<nav class=css_class>``; the
    marker is "current", "active" or ""."""
    match = re.search(rf'<nav class="{css_class}".*?</nav>', html, re.S)
    if match is None:
        return []
    links = re.findall(r"<a href=\"[^\"]*\"([^>]*)>([^<]*)</a>", match.group(0))
    return [
        (
            text.strip(),
            "current"
            if 'aria-current="page"' in attrs
            else "active"
            if "is-active" in attrs
            else "",
        )
        for attrs, text in links
    ]


def breadcrumbs(html: str) -> list[str]:
    match = re.search(r'<nav[^>]*class="breadcrumbs".*?</nav>', html, re.S)
    if match is None:
        return []
    return [text.strip() for text in re.findall(r">([^<>]+)</a>", match.group(0))]


@override_settings(**COLD)
class NavigationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        bilingual = {"intro_en": "In English."}
        cls.section = make_page(
            home,
            ContentPage,
            title_sv="Avdelning",
            title_en="Department",
            show_in_menus=True,
            **bilingual,
        )
        cls.first = make_page(
            cls.section,
            ContentPage,
            title_sv="Första",
            title_en="First",
            show_in_menus=True,
            **bilingual,
        )
        make_page(cls.section, ContentPage, title_sv="Bara svenska", show_in_menus=True)
        make_page(cls.section, ContentPage, title_sv="Inte i menyn", title_en="Hidden")
        make_page(
            cls.first,
            ContentPage,
            title_sv="Djupare",
            title_en="Deeper",
            show_in_menus=True,
            **bilingual,
        )

    def get(self, url: str) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    def test_section_menu_lists_the_sections_menu_pages_in_each_language(self):
        html = self.get("/avdelning/forsta/")
        self.assertIn(("Avdelning", "active"), nav(html, "main-nav"))
        self.assertEqual(
            nav(html, "sub-nav"), [("Första", "current"), ("Bara svenska", "")]
        )
        html = self.get("/en/department/first/")
        self.assertIn(("Department", "active"), nav(html, "main-nav"))
        # Pages not available in English are left out of English menus.
        self.assertEqual(nav(html, "sub-nav"), [("First", "current")])

    def test_section_page_and_deeper_pages_show_the_section_menu(self):
        html = self.get("/avdelning/")
        self.assertIn(("Avdelning", "current"), nav(html, "main-nav"))
        self.assertEqual(nav(html, "sub-nav"), [("Första", ""), ("Bara svenska", "")])
        html = self.get("/en/department/first/deeper/")
        self.assertEqual(nav(html, "sub-nav"), [("First", "active")])

    def test_home_page_has_the_main_menu_only(self):
        for url, title in (("/", "Avdelning"), ("/en/", "Department")):
            html = self.get(url)
            self.assertIn((title, ""), nav(html, "main-nav"), url)
            self.assertEqual(nav(html, "sub-nav"), [], url)

    def test_breadcrumbs_follow_the_tree_in_each_language(self):
        html = self.get("/avdelning/forsta/djupare/")
        self.assertEqual(breadcrumbs(html)[-2:], ["Avdelning", "Första"])
        html = self.get("/en/department/first/deeper/")
        self.assertEqual(breadcrumbs(html)[-2:], ["Department", "First"])
