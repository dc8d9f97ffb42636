"""The cookie-free feedback widget: flows and protections (the report and retention
are in test_feedback_report.py).

Readers answer on a release the test builds (feedback_release); the whole-site
cookie check also covers the demo's pages."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import translation

from wagtail.models import Page

from cms.models import Feedback
from press.models import PressReleasePage
from tests.builders import make_release, url_in

ORIGIN = "http://testserver"


def feedback_release(**fields):
    """A bilingual release for readers to answer on."""
    fields.setdefault("title_sv", "Testpressmeddelande för återkoppling")
    fields.setdefault("title_en", "Test press release for feedback")
    return make_release(**fields)


class FlowTests(TestCase):
    def post(self, url, data, **headers):
        headers.setdefault("HTTP_ORIGIN", ORIGIN)
        return self.client.post(url, data, **headers)

    def test_no_javascript_flow_in_both_languages(self):
        page = feedback_release()
        for language, page_url, prefix, thanks, done in (
            (
                "sv",
                url_in(page, "sv"),
                "",
                "Tack för ditt svar!",
                "Tack för din kommentar!",
            ),
            (
                "en",
                url_in(page, "en"),
                "/en",
                "Thank you for your answer!",
                "Thank you for your comment!",
            ),
        ):
            with self.subTest(language=language):
                html = self.client.get(page_url).content.decode()
                self.assertIn(getattr(page, f"title_{language}"), html)
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
        page = feedback_release()
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
            {"page": feedback_release().pk, "answer": "yes"},
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
        page = feedback_release()
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
        page = feedback_release().pk
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
        page = feedback_release()
        page.unpublish()
        self.check(
            "/feedback/", {"page": page.pk, "answer": "yes"}, 404, "Sidan finns inte"
        )

    def test_json_errors(self):
        response = self.check(
            "/en/feedback/",
            {"page": feedback_release().pk},
            400,
            "Choose",
            HTTP_ACCEPT="application/json",
        )
        self.assertEqual(response.json()["ok"], False)

    @override_settings(FEEDBACK_RATE_LIMIT=3)
    def test_rate_limit_answers_429(self):
        page = feedback_release().pk
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
        page = feedback_release()
        urls = [
            "/",
            "/en/",
            "/sok/?q=testpressmeddelande",
            "/en/search/?q=feedback",
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
        for live in Page.objects.live().filter(depth__gte=2).specific():
            for language in ("sv", "en"):
                with translation.override(language):
                    urls.append(live.url)
        self.assertIn(url_in(page, "en"), urls)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotIn("Set-Cookie", response.headers)
                self.assertFalse(response.cookies)
        for data in ({"page": page.pk, "answer": "no"}, {"page": page.pk}):
            response = self.client.post("/feedback/", data, HTTP_ORIGIN=ORIGIN)
            self.assertFalse(response.cookies)
            self.assertNotIn("Set-Cookie", response.headers)
        self.assertFalse(self.client.cookies)
