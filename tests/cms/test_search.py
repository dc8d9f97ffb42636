"""Site search per language: stemming, compounds, language separation, bad input.

Each test searches the pages it builds (test titles, words the demo has none of);
the demo content is only there as other pages the results must leave out."""

import datetime
import re
from datetime import timedelta
from unittest import skipUnless

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.search.query import compound_parts
from home.models import ContentPage
from tests.builders import STOCKHOLM, home_page, make_page, make_release


def titles(response):
    return [document.title for document in response.context["results"]]


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.strategy_page = make_page(
            home_page(),
            ContentPage,
            title_sv="Testsida om smart specialisering",
            intro_sv="Så arbetar Testregionen med smart specialisering.",
            title_en="Test page about smart specialisation",
            intro_en="How the Test Region works with smart specialisation.",
        )
        cls.swedish_only = make_release(
            title_sv="Tångodling i testskärgården",
            lead_sv="Testforskare odlar tång utanför Testhamn.",
        )

    def search(self, url, query, **extra):
        return self.client.get(url, {"q": query, **extra})

    def test_swedish_query_finds_swedish_page_not_english(self):
        response = self.search("/sok/", "specialisering")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Testsida om smart specialisering", titles(response))
        self.assertNotIn("Test page about smart specialisation", titles(response))
        self.assertContains(response, 'href="/testsida-om-smart-specialisering/"')

    def test_english_query_finds_english_pages_only(self):
        response = self.search("/en/search/", "specialisation")
        self.assertIn("Test page about smart specialisation", titles(response))
        self.assertNotIn("Testsida om smart specialisering", titles(response))
        self.assertContains(
            response, 'href="/en/test-page-about-smart-specialisation/"'
        )
        # A Swedish-only page is never an English result.
        self.assertEqual(titles(self.search("/en/search/", "tångodling")), [])
        self.assertIn(
            "Tångodling i testskärgården", titles(self.search("/sok/", "tångodling"))
        )

    def test_stemming(self):
        self.assertIn(
            "Testsida om smart specialisering",
            titles(self.search("/sok/", "specialiseringar")),
        )
        self.assertIn(
            "Test page about smart specialisation",
            titles(self.search("/en/search/", "specialisations")),
        )

    def test_compound_words_match_their_parts(self):
        self.assertIn("specialisering", compound_parts("specialiseringsstrategi", "sv"))
        response = self.search("/sok/", "specialiseringsstrategi")
        self.assertIn("Testsida om smart specialisering", titles(response))

    def test_results_show_title_lead_date_and_paginate(self):
        for n in range(13):
            make_release(
                title_sv=f"Sökbar testnyhet {n}", lead_sv="Testfyrtorn vid Testkusten."
            )
        response = self.search("/sok/", "testfyrtorn")
        self.assertEqual(response.context["paginator"].count, 13)
        self.assertEqual(len(titles(response)), 10)
        self.assertTrue(all(t.startswith("Sökbar testnyhet") for t in titles(response)))
        self.assertContains(response, "Testfyrtorn vid Testkusten.")
        self.assertContains(response, '<time datetime="')
        self.assertContains(response, "q=testfyrtorn&amp;page=2")
        self.assertEqual(len(titles(self.search("/sok/", "testfyrtorn", page="2"))), 3)
        self.assertEqual(self.search("/sok/", "testfyrtorn", page="9").status_code, 404)
        self.assertEqual(
            self.search("/sok/", "testfyrtorn", page="abc").status_code, 404
        )

    def test_the_total_is_counted_with_the_page_in_both_languages(self):
        # A common word matches thousands of pages: a separate COUNT read them
        # all a second time. The window count comes with the page's rows.
        for n in range(12):
            make_release(
                title_sv=f"Räknad testnyhet {n}",
                lead_sv="Testräknare vid Testkusten.",
                title_en=f"Counted test news {n}",
                lead_en="Testcounter at the Test coast.",
            )
        for url, word, text in (
            ("/sok/", "testräknare", "12 träffar för"),
            ("/en/search/", "testcounter", "12 results for"),
        ):
            with self.subTest(url=url):
                with CaptureQueriesContext(connection) as queries:
                    response = self.search(url, word, page="2")
                self.assertContains(response, text)
                self.assertEqual(len(titles(response)), 2)
                counts = [
                    q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]
                ]
                self.assertEqual(len(counts), 1, counts)
                self.assertIn("OVER", counts[0])
                # It carries keys only: counting whole rows (their leads) made
                # PostgreSQL spill to disk for a common word.
                self.assertNotIn("lead", counts[0])
                self.assertEqual(self.search(url, word, page="3").status_code, 404)

    def test_unpublished_pages_leave_the_index(self):
        page = make_release(title_sv="Snart avpublicerad testträff")
        self.assertIn(page.title_sv, titles(self.search("/sok/", "avpublicerad")))
        page.unpublish()
        self.assertEqual(titles(self.search("/sok/", "avpublicerad")), [])

    def test_bad_input_gets_a_clear_message_never_a_500(self):
        empty = self.client.get("/sok/", {"q": "   "})
        self.assertEqual(empty.status_code, 200)
        self.assertContains(empty, "Skriv ett eller flera ord att söka efter.")
        huge = self.client.get("/en/search/", {"q": "a" * 201})
        self.assertEqual(huge.status_code, 400)
        self.assertContains(huge, "The search text is too long", status_code=400)
        huge_sv = self.client.get("/sok/", {"q": "ö" * 500})
        self.assertContains(huge_sv, "Söktexten är för lång", status_code=400)
        for hostile in (
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%00",
            "\x00x",
            "&&||!:*",
            "специализация",
            "🙂🙂",
            "a" * 200,
        ):
            with self.subTest(query=hostile):
                response = self.client.get("/sok/", {"q": hostile})
                self.assertIn(response.status_code, (200, 400))
                self.assertNotIn(b"<script>alert(1)", response.content)

    def test_search_page_without_query(self):
        response = self.client.get("/en/search/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, 'action="/en/search/"')
        self.assertContains(self.client.get("/sok/"), 'action="/sok/"')

    def test_title_matches_rank_above_newer_mentions_in_both_languages(self):
        now = timezone.now()
        make_release(
            title_sv="Vätgas i testhamnen",
            lead_sv="Ny testtankstation.",
            title_en="Hydrogen in the test harbour",
            lead_en="A new test filling station.",
            publication_date=now - timedelta(days=300),
        )
        for n in range(3):
            make_release(
                title_sv=f"Testhamnnytt {n}",
                lead_sv="Kort om testhamnen.",
                body_sv=[{"type": "text", "value": "<p>Mer om vätgas senare.</p>"}],
                title_en=f"Test harbour news {n}",
                lead_en="Briefly about the test harbour.",
                body_en=[{"type": "text", "value": "<p>More on hydrogen later.</p>"}],
                publication_date=now - timedelta(days=n),
            )
        swedish = titles(self.search("/sok/", "vätgas"))
        self.assertEqual(swedish[0], "Vätgas i testhamnen")
        self.assertEqual(
            swedish[1:], ["Testhamnnytt 0", "Testhamnnytt 1", "Testhamnnytt 2"]
        )
        english = titles(self.search("/en/search/", "hydrogen"))
        self.assertEqual(english[0], "Hydrogen in the test harbour")
        self.assertEqual(
            english[1:],
            ["Test harbour news 0", "Test harbour news 1", "Test harbour news 2"],
        )


@skipUnless(connection.vendor == "postgresql", "trigram similarity needs PostgreSQL")
class MisspellingTests(TestCase):
    """PostgreSQL only: when no word matches, titles with a similar word are found."""

    @classmethod
    def setUpTestData(cls):
        make_release(
            title_sv="Tångodling i testskärgården",
            title_en="Seaweed farming in the test archipelago",
        )

    def test_a_misspelt_word_finds_similar_titles_in_both_languages(self):
        self.assertIn(
            "Tångodling i testskärgården",
            titles(self.client.get("/sok/", {"q": "testskärgåden"})),
        )
        self.assertIn(
            "Seaweed farming in the test archipelago",
            titles(self.client.get("/en/search/", {"q": "archipelgo"})),
        )
        # Exact matches come first: no fuzzy results are mixed in.
        self.assertEqual(
            titles(self.client.get("/sok/", {"q": "tångodling"})),
            ["Tångodling i testskärgården"],
        )


class ResultLabelTests(TestCase):
    """Each hit says what it is in the reader's language (a release its own kind,
    not "Pressmeddelande eller nyhet"), with a valid HTML datetime."""

    def test_hits_name_their_kind_and_carry_valid_datetimes(self):
        when = datetime.datetime(2014, 5, 6, 7, 8, 9, 123456, tzinfo=STOCKHOLM)
        make_release(
            title_sv="Zebrafinkar i Testby",
            title_en="Zebra finches in Test Town",
            kind="news",
            publication_date=when,
        )
        make_release(
            title_sv="Zebrafinkar får pris",
            title_en="Zebra finches win a prize",
            kind="press_release",
            publication_date=when,
        )
        for url, labels in (
            ("/sok/?q=zebrafinkar", ["Nyhet", "Pressmeddelande"]),
            ("/en/search/?q=zebra", ["News", "Press release"]),
        ):
            with self.subTest(url=url):
                content = self.client.get(url).content.decode()
                tags = re.findall(r'<span class="tag">([^<]+)</span>', content)
                self.assertEqual(sorted(tags), sorted(labels))
                self.assertIn('datetime="2014-05-06T07:08:09+02:00"', content)
