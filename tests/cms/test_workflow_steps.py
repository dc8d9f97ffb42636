"""A press release from the editor's draft to publication in both languages,
through the real admin views and the roles, and an embargo that keeps a release out
of every listing, feed and page until the scheduler publishes it; on releases and
an area the tests build."""

import io
import time

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from press.models import PressReleasePage
from tests.builders import make_area, make_release, news_index, url_in
from tests.cms.test_workflows import edit, make_user, release_form


class FullWorkflowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-anna", EDITORS)
        cls.reviewer = make_user("granskare-bo", PUBLISHERS)
        cls.translator = make_user("oversattare-cy", TRANSLATORS)

    def action(self, user, page, name, comment=""):
        self.client.force_login(user)
        task_state = page.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, name, task_state.pk]
        )
        return self.client.post(url, {"comment": comment})

    def test_submit_review_changes_translation_and_publish(self):
        index = news_index()
        self.client.force_login(self.editor)
        # 1. The editor creates a Swedish-only draft and submits it.
        data = release_form(
            title_sv="Testpressmeddelande", slug_sv="testpressmeddelande"
        )
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:add", args=["press", "pressreleasepage", index.pk]
            ),
            {**data, "action-submit": "1"},
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        page = PressReleasePage.objects.get(slug_sv="testpressmeddelande")
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_task.name, "Granskning")
        # The reviewers get an email.
        self.assertTrue(any(self.reviewer.email in m.to for m in mail.outbox))

        # 2. The reviewer requests changes with a comment.
        self.action(self.reviewer, page, "reject", "Lägg till en presskontakt.")
        page.refresh_from_db()
        self.assertEqual(
            page.current_workflow_state.status, WorkflowState.STATUS_NEEDS_CHANGES
        )

        # 3. The editor resubmits.
        self.client.force_login(self.editor)
        edit(self.client, page, **release_form(page), **{"action-submit": "1"})
        page.refresh_from_db()
        self.assertEqual(
            page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS
        )
        self.assertEqual(page.current_workflow_task.name, "Granskning")

        # 4. The reviewer approves; the translation step blocks on missing English.
        mail.outbox.clear()
        self.action(self.reviewer, page, "approve")
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_task.name, "Översättning klar")
        self.assertTrue(any(self.translator.email in m.to for m in mail.outbox))
        task = page.current_workflow_task.specific
        self.assertEqual(
            [str(label) for label in task.missing_fields(page)],
            ["titel", "ingress", "brödtext"],
        )
        # "Markera översättningen som klar" is offered (the action menu is drawn
        # before the translator types) but refused while English is missing.
        actions = [name for name, *_ in task.get_actions(page, self.translator)]
        self.assertIn("approve", actions)
        response = self.action(self.translator, page, "approve")
        self.assertRedirects(
            response,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            fetch_redirect_response=False,
        )
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_task.name, "Översättning klar")
        # The edit view tells which fields are missing.
        self.client.force_login(self.translator)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(response, "Engelska versionen är inte komplett")

        # 5. The translator fills in the English fields and saves: a save (or an
        # autosave) never passes the step.
        english = release_form(
            page,
            title_en="Test press release",
            slug_en="test-press-release",
            lead_en="An English lead.",
            body_en=[("text", "<p>English body.</p>")],
        )
        edit(self.client, page, **english)
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_task.name, "Översättning klar")
        # Marking the translation ready from the editor passes it.
        edit(
            self.client,
            page,
            **english,
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        )
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_task.name, "Publiceringsgodkännande")

        # 6. The publisher approves: the page is live in both languages.
        self.action(self.reviewer, page, "approve")
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.client.logout()
        swedish = self.client.get("/nyheter/testpressmeddelande/")
        self.assertContains(swedish, "Testpressmeddelande")
        self.assertContains(swedish, "Svensk brödtext.")
        english = self.client.get("/en/news/test-press-release/")
        self.assertContains(english, "Test press release")
        self.assertContains(english, "English body.")

        # Every step is in the audit log.
        actions = list(
            PageLogEntry.objects.filter(page=page)
            .order_by("timestamp")
            .values_list("action", flat=True)
        )
        for expected in (
            "wagtail.workflow.start",
            "wagtail.workflow.reject",
            "wagtail.workflow.resume",
            "wagtail.workflow.approve",
            "wagtail.publish",
        ):
            self.assertIn(expected, actions)
        self.assertEqual(actions.count("wagtail.workflow.approve"), 3)

    def test_swedish_only_page_passes_translation_step(self):
        page = make_release(
            title_sv="Testpressmeddelande", publish=False, swedish_only=True
        )
        page.save_revision()
        state = page.get_workflow().start(page, self.editor)
        self.action(self.reviewer, page, "approve")
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_task.name, "Publiceringsgodkännande")
        translation_state = state.task_states.get(task__name="Översättning klar")
        self.assertEqual(translation_state.status, TaskState.STATUS_APPROVED)
        self.assertEqual(
            translation_state.comment,
            translation_state.task.specific.readiness_comment(page),
        )
        self.assertIn(
            translation_state.comment,
            ("Marked as Swedish only.", "Markerad som endast på svenska."),
        )


class EmbargoTests(TestCase):
    def test_embargoed_release_is_invisible_until_go_live(self):
        area = make_area("Testområde", "Test area")
        page = make_release(
            title_sv="Hemlig embargonyhet",
            title_en="Secret embargo news",
            related_areas__m2m=[area],
            publish=False,
        )
        page.go_live_at = timezone.now() + timezone.timedelta(seconds=2)
        page.save_revision().publish()
        page.refresh_from_db()
        self.assertFalse(page.live)
        urls = [
            "/nyheter/",
            "/en/news/",
            "/nyheter/rss/",
            "/en/news/atom/",
            "/nyheter/hemlig-embargonyhet/",
            "/en/news/secret-embargo-news/",
            url_in(area, "sv"),
            url_in(area, "en"),
            "/",
            "/en/",
            "/api/v2/pages/",
        ]
        for url in urls:
            response = self.client.get(url)
            self.assertNotIn(b"Hemlig embargonyhet", response.content, url)
            self.assertNotIn(b"Secret embargo news", response.content, url)
        self.assertEqual(
            self.client.get("/nyheter/hemlig-embargonyhet/").status_code, 404
        )
        # When the embargo has passed, the scheduler publishes it in both languages.
        time.sleep(max(0.0, (page.go_live_at - timezone.now()).total_seconds()) + 0.2)
        call_command("run_scheduler", "--once", stdout=io.StringIO())
        self.assertContains(
            self.client.get("/nyheter/hemlig-embargonyhet/"), "Hemlig embargonyhet"
        )
        self.assertContains(
            self.client.get("/en/news/secret-embargo-news/"), "Secret embargo news"
        )
        self.assertContains(self.client.get("/en/news/rss/"), "Secret embargo news")
        self.assertContains(
            self.client.get("/sok/?q=embargonyhet"), "Hemlig embargonyhet"
        )
        self.assertContains(
            self.client.get("/sitemap.xml"), "/en/news/secret-embargo-news/"
        )
        # ...and the area it is linked to lists it (so the check above meant it).
        self.assertContains(self.client.get(url_in(area, "sv")), "Hemlig embargonyhet")
        self.assertContains(self.client.get(url_in(area, "en")), "Secret embargo news")

    def test_expiry_takes_the_release_down(self):
        page = make_release(title_sv="Snart borta", title_en="Gone soon")
        page.expire_at = timezone.now() - timezone.timedelta(minutes=1)
        page.save()
        call_command("publish_scheduled", stdout=io.StringIO())
        self.assertEqual(self.client.get("/nyheter/snart-borta/").status_code, 404)
        self.assertEqual(self.client.get("/en/news/gone-soon/").status_code, 404)
