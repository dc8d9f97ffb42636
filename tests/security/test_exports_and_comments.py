"""CSV exports open safely in a spreadsheet (no formulas run, å/ä/ö intact), the
RSS channel description is escaped like the items, and readers' comments are
read only by the roles that need them."""

from django.test import TestCase, override_settings
from django.urls import reverse

from lxml import etree

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from cms.models import Feedback
from press.models import NewsIndexPage
from tests.builders import make_release
from tests.cms.test_feedback import feedback_release
from tests.cms.test_workflows import make_user

BOM = b"\xef\xbb\xbf"


class CsvExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.reviewer = make_user("granskare-csv", PUBLISHERS)
        Feedback.objects.create(
            page=feedback_release(slug_sv="csv-testsvar"),
            language="sv",
            helpful=False,
            comment='=HYPERLINK("http://evil.example","Klicka här")',
        )
        formula = make_release(title_sv="=1+1 räksmörgås", slug_sv="formel")
        Feedback.objects.create(page=formula, language="sv", helpful=True)

    def export(self, url):
        self.client.force_login(self.reviewer)
        response = self.client.get(url, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        body = b"".join(response.streaming_content)
        self.assertTrue(body.startswith(BOM), body[:20])
        return body[len(BOM) :].decode("utf-8")

    def test_the_feedback_report_exports_titles_as_text(self):
        text = self.export(reverse("cms_feedback_report"))
        self.assertIn("'=1+1 räksmörgås", text)
        self.assertNotIn("\n=1+1", text)

    def test_the_translation_status_report_too(self):
        text = self.export(reverse("cms_translation_status"))
        self.assertIn("'=1+1 räksmörgås", text)

    def test_spreadsheet_safe_values(self):
        from cms.patches import spreadsheet_safe

        for value in ("=A1", "+1", "-1+1", "@SUM(A1)", "\tx"):
            self.assertEqual(spreadsheet_safe(value), "'" + value)
        self.assertEqual(spreadsheet_safe("Räksmörgås"), "Räksmörgås")
        self.assertEqual(spreadsheet_safe(-5), -5)


class FeedDescriptionTests(TestCase):
    def test_channel_description_is_escaped_like_the_items(self):
        index = NewsIndexPage.objects.get()
        index.intro_sv = "<b>Fet</b> & <script>alert(1)</script>"
        index.save_revision().publish()
        rss = etree.fromstring(self.client.get("/nyheter/rss/").content)
        description = rss.find("channel/description").text
        self.assertEqual(
            description,
            "&lt;b&gt;Fet&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;",
        )
        atom = etree.fromstring(self.client.get("/nyheter/atom/").content)
        subtitle = atom.find("{http://www.w3.org/2005/Atom}subtitle")
        self.assertEqual(subtitle.text, "<b>Fet</b> & <script>alert(1)</script>")


@override_settings(PAGE_CACHE_ENABLED=False)
class CommentAccessTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = {
            role: make_user(f"kommentar-{n}", role)
            for n, role in enumerate((EDITORS, TRANSLATORS, PUBLISHERS))
        }
        cls.release = feedback_release(slug_sv="kommentar-testsvar")
        Feedback.objects.create(
            page=cls.release,
            language="sv",
            helpful=False,
            comment="Ring mig på 0701234567",
        )

    def test_only_reviewers_read_comments(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.client.force_login(user)
                allowed = role == PUBLISHERS
                for url in (
                    reverse("cms_feedback_report"),
                    reverse("cms_feedback_detail") + f"?page={self.release.pk}",
                    reverse("cms_feedback_report") + "?export=csv",
                ):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code == 200, allowed, url)
                    if not allowed:
                        self.assertNotIn(b"0701234567", response.content)
                if role != TRANSLATORS:
                    edit = self.client.get(
                        reverse("wagtailadmin_pages:edit", args=[self.release.pk])
                    )
                    self.assertEqual(b"0701234567" in edit.content, allowed)
                menu = self.client.get(reverse("wagtailadmin_home")).content
                self.assertEqual(b"/admin/feedback/" in menu, allowed)
