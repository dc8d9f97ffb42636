"""Routing by translated slug (cms.routing), on a tree of the test's own: the pages
of a whole path are found in one query, with the same answers as one query per
segment gave, in both languages."""

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from home.models import ContentPage
from tests.builders import COLD, home_page, make_page


@override_settings(**COLD)
class RoutingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        en = {"intro_en": "In English."}
        first = make_page(
            home, ContentPage, title_sv="Avdelning", title_en="Department", **en
        )
        second = make_page(home, ContentPage, title_sv="Annan", title_en="Other", **en)
        # The same Swedish slug under two parents at the same depth.
        make_page(first, ContentPage, title_sv="Gemensam", title_en="Shared A", **en)
        make_page(second, ContentPage, title_sv="Gemensam", title_en="Shared B", **en)
        deeper = make_page(
            first, ContentPage, title_sv="Nivå två", title_en="Level two", **en
        )
        make_page(
            deeper, ContentPage, title_sv="Nivå tre", title_en="Level three", **en
        )
        # No English slug: found by its Swedish one under /en/.
        make_page(first, ContentPage, title_sv="Bara svenska")
        # A live page under a draft one is served, as Wagtail serves it.
        draft = make_page(
            first, ContentPage, title_sv="Utkast", title_en="Draft", publish=False, **en
        )
        make_page(draft, ContentPage, title_sv="Under utkast", title_en="Under", **en)

    def title(self, url: str) -> str | None:
        response = self.client.get(url)
        if response.status_code != 200:
            return None
        return response.context["page"].title

    def test_each_path_finds_its_page_in_each_language(self):
        cases = {
            "/avdelning/gemensam/": "Gemensam",
            "/annan/gemensam/": "Gemensam",
            "/en/department/shared-a/": "Shared A",
            "/en/other/shared-b/": "Shared B",
            "/avdelning/niva-tva/niva-tre/": "Nivå tre",
            "/en/department/level-two/level-three/": "Level three",
            "/avdelning/utkast/under-utkast/": "Under utkast",
            "/en/department/draft/under/": "Under",
        }
        for url, title in cases.items():
            with self.subTest(url=url):
                self.assertEqual(self.title(url), title)
        shared = {
            url: self.client.get(url).context["page"].pk
            for url in ("/avdelning/gemensam/", "/annan/gemensam/")
        }
        self.assertNotEqual(*shared.values())  # each under its own parent

    def test_untranslated_page_is_found_by_its_swedish_slug_in_english(self):
        page = Page.objects.get(slug_sv="bara-svenska")
        response = self.client.get("/en/department/bara-svenska/")
        self.assertNotEqual(response.status_code, 404)
        self.assertEqual(response.context["page"].pk, page.pk)

    def test_unknown_or_misplaced_segments_are_404_in_each_language(self):
        for url in (
            "/avdelning/finns-inte/",
            "/en/department/missing/",
            "/avdelning/shared-a/",  # an English slug under the Swedish address
            "/en/department/gemensam/",  # a Swedish slug of a translated page
            "/annan/niva-tva/",  # a page under another parent
            "/avdelning/niva-tre/",  # a grandchild one level up
            "/avdelning/utkast/",  # the draft itself
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_deep_path_is_one_routing_query(self):
        for url in (
            "/avdelning/niva-tva/niva-tre/",
            "/en/department/level-two/level-three/",
        ):
            with self.subTest(url=url), CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            by_slug = [
                q["sql"]
                for q in queries.captured_queries
                if '"slug_sv" =' in q["sql"].split("WHERE", 1)[-1]
            ]
            self.assertEqual(len(by_slug), 1, by_slug)
            # The home page's own fields are not loaded on the way through it.
            self.assertFalse(
                [
                    q
                    for q in queries.captured_queries
                    if 'FROM "home_homepage" INNER JOIN' in q["sql"]
                ]
            )

    def test_a_very_long_made_up_address_is_a_404_not_a_500(self):
        for prefix in ("", "/en"):
            url = prefix + "/avdelning" + "/x" * 1500 + "/"
            with self.subTest(prefix=prefix):
                self.assertEqual(self.client.get(url).status_code, 404)
        # Deeper than one query's segments, a real path is still found.
        parent = Page.objects.get(slug_sv="niva-tre")
        for n in range(4, 11):
            parent = make_page(parent, ContentPage, title_sv=f"Nivå {n}")
        self.assertEqual(
            self.title(
                "/avdelning/niva-tva/niva-tre/"
                + "".join(f"niva-{n}/" for n in range(4, 11))
            ),
            "Nivå 10",
        )


class NoSiteTests(TestCase):
    def test_a_host_with_no_site_is_a_404_with_the_route_cache_on(self):
        from wagtail.models import Site

        Site.objects.update(is_default_site=False, hostname="example.org")
        with self.settings(
            ROUTE_CACHE_ENABLED=True, ALLOWED_HOSTS=["testserver", "other.test"]
        ):
            response = self.client.get("/avdelning/", HTTP_HOST="other.test")
        self.assertEqual(response.status_code, 404)
