"""The feedback report in the admin (counts, filters, export, chart, the edit view's
summary) and the retention of comments, on pages the tests build."""

import csv
import datetime
import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from cms.models import Feedback
from press.models import NewsIndexPage
from tests.builders import make_area
from tests.cms.test_feedback import feedback_release


class ReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "fbadmin", "fb@example.org", "x"
        )
        cls.seed = feedback_release()
        cls.other = feedback_release(
            title_sv="Annat testpressmeddelande", title_en="Another test press release"
        )
        cls.area = make_area()
        now = timezone.now()
        rows = [
            (cls.seed, "sv", True, "", 1),
            (cls.seed, "sv", False, "Saknar datum", 2),
            (cls.seed, "en", False, "Missing contacts", 3),
            (cls.seed, "sv", False, "", 20),
            (cls.other, "sv", True, "", 1),
            (cls.other, "en", True, "Great", 2),
            (cls.area, "sv", False, "Vad är ett testområde?", 5),
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
        self.assertContains(response, "Testpressmeddelande för återkoppling")
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
        page = feedback_release()
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
