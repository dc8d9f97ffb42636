"""The language switcher as readers use it: a filtered list keeps its filters in
the other language (not its page number), and a "not found" page leads to the
other language's start page instead of another address that is not found."""

import re

from django.test import TestCase


def switcher_links(response) -> dict:
    nav = re.search(
        r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S
    ).group(0)
    return {
        lang: href.replace("&amp;", "&")
        for href, lang in re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', nav)
    }


class LanguageSwitcherTests(TestCase):
    def test_a_filtered_list_keeps_its_filters(self):
        response = self.client.get("/nyheter/?kind=news&year=2023&page=1")
        links = switcher_links(response)
        self.assertEqual(links["en"], "/en/news/?kind=news&year=2023")
        # The hreflang alternates stay the lists' own addresses.
        self.assertContains(
            response,
            '<link rel="alternate" hreflang="en" href="http://testserver/en/news/">',
        )
        english = self.client.get("/en/news/?kind=press_release")
        self.assertEqual(switcher_links(english)["sv"], "/nyheter/?kind=press_release")
        self.assertEqual(
            switcher_links(self.client.get("/nyheter/"))["en"], "/en/news/"
        )

    def test_not_found_leads_to_the_other_start_page(self):
        response = self.client.get("/finns-inte-alls/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(switcher_links(response), {"en": "/en/"})
        response = self.client.get("/en/does-not-exist/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(switcher_links(response), {"sv": "/"})
        self.assertContains(response, "Page not found", status_code=404)
