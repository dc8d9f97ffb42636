"""Details validators and screen readers notice, in both languages: a description
on every page, a <title> of its own for each page and filter of a list, search
forms with names of their own, one "Kontakt" landmark (quotes: tests/browser)."""

import re

from django.test import TestCase

from lxml import html

from specialisation.models import ProjectContact, ProjectFunder, ProjectPartner
from tests.builders import (
    LANGUAGES,
    make_area,
    make_organisation,
    make_person,
    make_project,
    make_release,
    url_in,
)

DESCRIBED = {
    "news index": ("/nyheter/", "/en/news/"),
    "cookie page": ("/kakor/", "/en/cookies/"),
    "accessibility statement": (
        "/tillganglighetsredogorelse/",
        "/en/accessibility-statement/",
    ),
    "search": ("/sok/", "/en/search/"),
}


class ReaderDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # A second page of the English list too.
        for number in range(21):
            make_release(title_sv=f"Lista {number}", title_en=f"List {number}")
        # A project with every titled section: funders, partners, contacts, news.
        partner = make_organisation("Testpartnern", "The Test Partner")
        cls.project = make_project(
            lead_organisation=partner,
            related_areas__m2m=[make_area()],
            funders=[ProjectFunder(name="Testfonden", amount=100000)],
            partners=[ProjectPartner(organisation=partner)],
            contacts=[ProjectContact(person=make_person())],
        )
        make_release(
            title_sv="Testpressmeddelande om testprojektet",
            title_en="Test press release on the test project",
            related_projects__m2m=[cls.project],
        )

    def tree(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content)

    def test_every_page_has_a_description(self):
        for name, urls in DESCRIBED.items():
            for url in urls:
                with self.subTest(page=name, url=url):
                    content = self.tree(url).xpath(
                        "//meta[@name='description']/@content"
                    )
                    self.assertEqual(len(content), 1)
                    self.assertGreater(len(content[0].strip()), 20)

    def test_pages_and_filters_of_a_list_have_titles_of_their_own(self):
        for base, page_word in (("/nyheter/", "sida 2"), ("/en/news/", "page 2")):
            with self.subTest(base=base):
                first = self.tree(base).findtext(".//title")
                second = self.tree(base + "?page=2").findtext(".//title")
                filtered = self.tree(base + "?kind=news").findtext(".//title")
                self.assertEqual(len({first, second, filtered}), 3)
                self.assertIn(page_word, second)

    def test_search_forms_are_named_apart(self):
        for url in ("/sok/?q=test", "/en/search/?q=test"):
            with self.subTest(url=url):
                tree = self.tree(url)
                names = []
                for form in tree.xpath("//form[@role='search']"):
                    label = form.get("aria-label")
                    if form.get("aria-labelledby"):
                        label = tree.get_element_by_id(
                            form.get("aria-labelledby")
                        ).text_content()
                    names.append((label or "").strip())
                self.assertEqual(len(names), 2)
                self.assertTrue(all(names))
                self.assertEqual(len(set(names)), 2)

    def test_one_landmark_per_name_on_a_project_page(self):
        for language in LANGUAGES:
            with self.subTest(language=language):
                tree = self.tree(url_in(self.project, language))
                for section in ("Testfonden", "Testa Testsson"):
                    self.assertIn(section, tree.text_content())
                names = [
                    re.sub(r"\s+", " ", tree.get_element_by_id(ref).text_content())
                    for ref in tree.xpath(
                        "//section[@aria-labelledby]/@aria-labelledby"
                        " | //nav[@aria-labelledby]/@aria-labelledby"
                    )
                ]
                self.assertGreaterEqual(len(names), 5, names)
                self.assertEqual(len(names), len(set(names)), names)
