"""The cookie-free feedback widget: flows, protections, report, retention."""

import csv
import datetime
import io
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page

from cms.models import Feedback
from press.models import NewsIndexPage, PressReleasePage
from tests.press.test_pages import SEED_EN, SEED_SV

ORIGIN = "http://testserver"


def seed():
    return PressReleasePage.objects.get(
        slug_sv="region-blekinge-satsar-pa-lanets-aterhamtning"
    )


class FlowTests(TestCase):
    def post(self, url, data, **headers):
        headers.setdefault("HTTP_ORIGIN", ORIGIN)
        return self.client.post(url, data, **headers)

    def test_no_javascript_flow_in_both_languages(self):
        page = seed()
        for language, page_url, prefix, thanks, done in (
            ("sv", SEED_SV, "", "Tack för ditt svar!", "Tack för din kommentar!"),
            (
                "en",
                SEED_EN,
                "/en",
                "Thank you for your answer!",
                "Thank you for your comment!",
            ),
        ):
            with self.subTest(language=language):
                html = self.client.get(page_url).content.decode()
                self.assertIn(f'action="{prefix}/feedback/"', html)
                response = self.post(
                    f"{prefix}/feedback/", {"page": page.pk, "answer": "no"}
                )
                self.assertEqual(response.status_code, 303)
                location = response["Location"]
                self.assertTrue(location.startswith(page_url + "?feedback="))
                self.assertTrue(location.endswith("#feedback"))
                step2 = self.client.get(location.split("#")[0])
                self.assertContains(step2, thanks)
                self.assertContains(step2, 'name="comment"')
                token = re.search(
                    r'name="token" value="([^"]+)"', step2.content.decode()
                ).group(1)
                response = self.post(
                    f"{prefix}/feedback/comment/",
                    {
                        "page": page.pk,
                        "token": token,
                        "comment": "Jag saknade kontaktuppgifter.",
                    },
                )
                self.assertEqual(response.status_code, 303)
                self.assertContains(
                    self.client.get(response["Location"].split("#")[0]), done
                )
                feedback = Feedback.objects.filter(language=language).latest(
                    "created_at"
                )
                self.assertEqual(feedback.page_id, page.pk)
                self.assertFalse(feedback.helpful)
                self.assertEqual(feedback.comment, "Jag saknade kontaktuppgifter.")

    def test_javascript_flow_answers_json(self):
        page = seed()
        response = self.post(
            "/en/feedback/",
            {"page": page.pk, "answer": "yes"},
            HTTP_ACCEPT="application/json",
        )
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertTrue(data["ok"])
        self.assertEqual(data["message"], "Thank you for your answer!")
        response = self.post(
            "/en/feedback/comment/",
            {"page": page.pk, "token": data["token"], "comment": "Useful."},
            HTTP_ACCEPT="application/json",
        )
        self.assertEqual(
            response.json(), {"ok": True, "message": "Thank you for your comment!"}
        )
        feedback = Feedback.objects.get()
        self.assertEqual(
            (feedback.language, feedback.helpful, feedback.comment),
            ("en", True, "Useful."),
        )

    def test_stores_nothing_that_identifies_the_reader(self):
        self.post(
            "/feedback/",
            {"page": seed().pk, "answer": "yes"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_USER_AGENT="Mozilla/5.0 test",
        )
        fields = {field.name for field in Feedback._meta.get_fields()}
        self.assertEqual(
            fields, {"id", "page", "language", "helpful", "comment", "created_at"}
        )
        keys = " ".join(str(key) for key in cache._cache)  # locmem cache
        self.assertNotIn("203.0.113.9", keys)

    def test_email_to_the_page_contact_on_no_with_comment(self):
        owner = get_user_model().objects.create_user("agare", "agare@example.org", "x")
        page = seed()
        PressReleasePage.objects.filter(pk=page.pk).update(feedback_contact=owner)
        self.post("/feedback/", {"page": page.pk, "answer": "yes", "comment": ""})
        self.assertEqual(len(mail.outbox), 0)
        response = self.post(
            "/feedback/",
            {"page": page.pk, "answer": "no"},
            HTTP_ACCEPT="application/json",
        )
        self.post(
            "/feedback/comment/",
            {
                "page": page.pk,
                "token": response.json()["token"],
                "comment": "Fel datum i texten.",
            },
        )
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["agare@example.org"])
        self.assertIn("Fel datum i texten.", mail.outbox[0].body)


class BadInputTests(TestCase):
    def check(self, url, data, status, message, **headers):
        headers.setdefault("HTTP_ORIGIN", ORIGIN)
        before = Feedback.objects.count()
        response = self.client.post(url, data, **headers)
        self.assertEqual(response.status_code, status, response.content[:300])
        self.assertIn(message, response.content.decode())
        self.assertEqual(Feedback.objects.count(), before)
        return response

    def test_bad_input_in_the_reader_language(self):
        page = seed().pk
        self.check(
            "/feedback/",
            {"page": page, "answer": "no", "comment": "x" * 1001},
            400,
            "Kommentaren får vara högst 1\xa0000 tecken",
        )
        self.check(
            "/en/feedback/",
            {"page": page, "answer": "no", "comment": "x" * 1001},
            400,
            "The comment may be at most 1,000 characters",
        )
        self.check("/feedback/", {"page": page}, 400, "Välj ”Ja” eller ”Nej”")
        self.check(
            "/en/feedback/",
            {"page": page, "answer": "maybe"},
            400,
            "Choose “Yes” or “No”",
        )
        self.check(
            "/feedback/", {"page": 999999, "answer": "yes"}, 404, "Sidan finns inte"
        )
        self.check(
            "/en/feedback/",
            {"page": "abc", "answer": "yes"},
            400,
            "The page is missing",
        )
        self.check(
            "/feedback/",
            {"page": page, "answer": "yes"},
            400,
            "Svaret måste skickas från en sida på webbplatsen",
            HTTP_ORIGIN="https://evil.example",
        )
        self.check(
            "/en/feedback/",
            {"page": page, "answer": "yes"},
            400,
            "must be sent from a page on this website",
            HTTP_ORIGIN="",
            HTTP_REFERER="",
        )
        self.check(
            "/feedback/",
            {"page": page, "answer": "yes", "website": "http://spam"},
            400,
            "Svaret kunde inte sparas",
        )
        self.check(
            "/feedback/comment/",
            {"page": page, "token": "forged", "comment": "Hej"},
            400,
            "Svaret kunde inte hittas",
        )
        self.check(
            "/en/feedback/",
            {"page": page, "answer": "yes", "x": "y" * 9000},
            400,
            "too large",
        )
        self.assertEqual(self.client.get("/feedback/").status_code, 405)

    def test_unpublished_page_is_unknown(self):
        page = seed()
        page.unpublish()
        self.check(
            "/feedback/", {"page": page.pk, "answer": "yes"}, 404, "Sidan finns inte"
        )

    def test_json_errors(self):
        response = self.check(
            "/en/feedback/",
            {"page": seed().pk},
            400,
            "Choose",
            HTTP_ACCEPT="application/json",
        )
        self.assertEqual(response.json()["ok"], False)

    @override_settings(FEEDBACK_RATE_LIMIT=3)
    def test_rate_limit_answers_429(self):
        page = seed().pk
        for _n in range(3):
            response = self.client.post(
                "/feedback/", {"page": page, "answer": "yes"}, HTTP_ORIGIN=ORIGIN
            )
            self.assertEqual(response.status_code, 303)
        response = self.check(
            "/feedback/",
            {"page": page, "answer": "yes"},
            429,
            "Du har skickat många svar",
        )
        self.assertIn("Retry-After", response)
        # Another reader (another address) is not limited.
        response = self.client.post(
            "/feedback/",
            {"page": page, "answer": "yes"},
            HTTP_ORIGIN=ORIGIN,
            REMOTE_ADDR="198.51.100.7",
        )
        self.assertEqual(response.status_code, 303)


class NoCookieTests(TestCase):
    def test_no_anonymous_response_sets_a_cookie(self):
        urls = [
            "/",
            "/en/",
            "/sok/?q=blekinge",
            "/en/search/?q=strategy",
            "/sitemap.xml",
            "/robots.txt",
            "/nyheter/rss/",
            "/en/news/atom/",
            "/finns-inte/",
            "/en/does-not-exist/",
            "/nyheter/?year=1700",
            "/healthz",
            "/readyz",
        ]
        for page in Page.objects.live().filter(depth__gte=2).specific():
            for language in ("sv", "en"):
                with translation.override(language):
                    urls.append(page.url)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotIn("Set-Cookie", response.headers)
                self.assertFalse(response.cookies)
        for data in ({"page": seed().pk, "answer": "no"}, {"page": seed().pk}):
            response = self.client.post("/feedback/", data, HTTP_ORIGIN=ORIGIN)
            self.assertFalse(response.cookies)
            self.assertNotIn("Set-Cookie", response.headers)
        self.assertFalse(self.client.cookies)


class ReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "fbadmin", "fb@example.org", "x"
        )
        cls.seed = seed()
        cls.other = PressReleasePage.objects.exclude(pk=cls.seed.pk).live().first()
        cls.area = Page.objects.get(slug_sv="tech")
        now = timezone.now()
        rows = [
            (cls.seed, "sv", True, "", 1),
            (cls.seed, "sv", False, "Saknar datum", 2),
            (cls.seed, "en", False, "Missing contacts", 3),
            (cls.seed, "sv", False, "", 20),
            (cls.other, "sv", True, "", 1),
            (cls.other, "en", True, "Great", 2),
            (cls.area, "sv", False, "Vad är tech?", 5),
        ]
        for page, language, helpful, comment, days in rows:
            Feedback.objects.create(
                page=page,
                language=language,
                helpful=helpful,
                comment=comment,
                created_at=now - datetime.timedelta(days=days),
            )

    def setUp(self):
        self.client.force_login(self.admin)

    def rows(self, **params):
        response = self.client.get(reverse("cms_feedback_report"), params)
        self.assertEqual(response.status_code, 200)
        return [
            (row.page.pk, row.yes, row.no, row.comments)
            for row in response.context["object_list"]
        ]

    def test_counts_and_sorting_by_most_no(self):
        rows = self.rows()
        self.assertEqual(rows[0], (self.seed.pk, 1, 3, 2))
        self.assertIn((self.other.pk, 2, 0, 1), rows)
        self.assertIn((self.area.pk, 0, 1, 1), rows)
        response = self.client.get(reverse("cms_feedback_report"))
        self.assertContains(response, "Återkoppling")
        self.assertContains(response, "25 %")

    def test_filters(self):
        self.assertEqual(
            self.rows(language="en"),
            [(self.seed.pk, 0, 1, 1), (self.other.pk, 1, 0, 1)],
        )
        since = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
        self.assertIn((self.seed.pk, 1, 2, 2), self.rows(date_from=since))
        news = NewsIndexPage.objects.get()
        pages = [row[0] for row in self.rows(section=news.pk)]
        self.assertNotIn(self.area.pk, pages)
        self.assertIn(self.seed.pk, pages)

    def test_sorting_keeps_the_filters(self):
        response = self.client.get(
            reverse("cms_feedback_report"), {"language": "en", "ordering": "yes"}
        )
        # Wagtail's sortable columns: each header link keeps the filters.
        report = reverse("cms_feedback_report")
        self.assertContains(response, f'href="{report}?language=en&amp;ordering=no"')
        self.assertContains(response, f'href="{report}?language=en&amp;ordering=share"')
        # Most "no" first by default; the "No" header then turns the order round.
        self.assertContains(self.client.get(report), f'href="{report}?ordering=no"')

    def test_export(self):
        response = self.client.get(reverse("cms_feedback_report"), {"export": "csv"})
        content = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        ).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(
            rows[0], ["Sida", "Ja", "Nej", "Svar", "Andel ja (%)", "Kommentarer"]
        )
        self.assertEqual(rows[1][1:], ["1", "3", "4", "25", "2"])

    def test_weekly_chart_and_comments(self):
        response = self.client.get(
            reverse("cms_feedback_detail"), {"page": self.seed.pk}
        )
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<svg xmlns="http://www.w3.org/2000/svg"', html)
        self.assertIn('role="img"', html)
        self.assertIn("Saknar datum", html)
        self.assertIn("Missing contacts", html)
        weeks = response.context["weeks"]
        self.assertEqual(sum(w["yes"] for w in weeks), 1)
        self.assertEqual(sum(w["no"] for w in weeks), 3)
        section = self.client.get(
            reverse("cms_feedback_detail"), {"section": NewsIndexPage.objects.get().pk}
        )
        self.assertEqual(sum(w["yes"] for w in section.context["weeks"]), 3)
        self.assertEqual(
            self.client.get(
                reverse("cms_feedback_detail"), {"page": 999999}
            ).status_code,
            404,
        )

    def test_summary_on_the_edit_view(self):
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.seed.pk])
        )
        self.assertContains(response, "svarade 4 läsare")
        self.assertContains(response, "Saknar datum")


class RetentionTests(TestCase):
    def test_deletes_old_comments_only(self):
        page = seed()
        now = timezone.now()
        old = Feedback.objects.create(
            page=page,
            language="sv",
            helpful=False,
            comment="Gammal",
            created_at=now - datetime.timedelta(days=400),
        )
        recent = Feedback.objects.create(
            page=page,
            language="sv",
            helpful=False,
            comment="Ny",
            created_at=now - datetime.timedelta(days=30),
        )
        old_plain = Feedback.objects.create(
            page=page,
            language="sv",
            helpful=True,
            comment="",
            created_at=now - datetime.timedelta(days=500),
        )
        out = io.StringIO()
        call_command("purge_feedback_comments", stdout=out)
        old.refresh_from_db()
        recent.refresh_from_db()
        self.assertEqual(old.comment, "")
        self.assertEqual(recent.comment, "Ny")
        self.assertTrue(Feedback.objects.filter(pk=old_plain.pk).exists())
        self.assertIn("Deleted 1 comment", out.getvalue())
        call_command("purge_feedback_comments", "--months", "0", stdout=io.StringIO())
        recent.refresh_from_db()
        self.assertEqual(recent.comment, "")
