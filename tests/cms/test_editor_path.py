"""The editors' daily path through the real admin views, as the roles do it, with
Wagtail 8's autosave in the picture: an autosave is a background POST to the edit
view that asks for JSON.

(The same path in a real browser, at human pace, is tests/browser/test_roles.py;
snippets, choosers and edit conflicts are in tests/cms/test_editor_snippets.py.)
Each test builds its own release, quoting its own person.
"""

from django.test import TestCase
from django.urls import reverse

from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from press.models import PressReleasePage
from tests.builders import make_person, make_release, quote, stream
from tests.cms.test_workflows import make_user

QUOTE_SV = "Nu testar vi hela kedjan från utkast till publicering"


def body_sv(person):
    return stream(
        ("text", "<p>Målet är att testa hela flödet.</p>"),
        ("quote", quote(person, QUOTE_SV)),
        ("heading", {"text": "Testrubrik", "level": "h2"}),
    )


def form_data(page, **values):
    """The edit form of a press release as the browser posts it, from the page's
    latest draft (stream blocks as stored)."""
    data = {
        "title_sv": page.title_sv,
        "slug_sv": page.slug_sv,
        "title_en": page.title_en or "",
        "slug_en": page.slug_en or "",
        "kind": page.kind,
        "lead_sv": page.lead_sv,
        "lead_en": page.lead_en or "",
        "image_caption_sv": "",
        "image_caption_en": "",
        "press_contacts": inline_formset([]),
        "comments": inline_formset([]),
    }
    for name in ("body_sv", "body_en"):
        blocks = []
        for child in getattr(page, name) or []:
            value = child.block.get_prep_value(child.value)
            if child.block_type == "text":
                value = rich_text(value)
            elif child.block_type == "quote":
                value = {k: ("" if v is None else v) for k, v in value.items()}
            blocks.append((child.block_type, value))
        data[name] = streamfield(blocks)
    for name, value in values.items():
        if name in ("body_sv", "body_en"):
            value = streamfield(value)
        data[name] = value
    return nested_form_data(data)


WORKFLOW_ACTION = {"action-workflow-action": "true"}


class EditorPathTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-test", EDITORS)
        cls.reviewer = make_user("granskare-test", PUBLISHERS)
        cls.translator = make_user("oversattare-test", TRANSLATORS)
        cls.person = make_person("Testa Testsson", party="M")

    def setUp(self):
        self.page = make_release(
            title_sv="Testpressmeddelande",
            lead_sv="En ingress.",
            body_sv=body_sv(self.person),
            publish=False,
        )
        self.page.save_revision(user=self.editor)
        self.page.get_workflow().start(self.page, self.editor)

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def draft(self):
        return PressReleasePage.objects.get(
            pk=self.page.pk
        ).get_latest_revision_as_object()

    def post(self, user, data, autosave=False, **extra):
        self.client.force_login(user)
        headers = {"HTTP_ACCEPT": "application/json"} if autosave else {}
        return self.client.post(self.edit_url(), {**data, **extra}, **headers)

    def task_name(self):
        task = PressReleasePage.objects.get(pk=self.page.pk).current_workflow_task
        return task.name if task else None

    def approve_review(self):
        self.post(
            self.reviewer,
            form_data(self.draft()),
            **WORKFLOW_ACTION,
            **{"workflow-action-name": "approve"},
        )
        self.assertEqual(self.task_name(), "Översättning klar")

    def copy_layout(self):
        self.client.force_login(self.translator)
        response = self.client.post(
            reverse("cms_copy_swedish_layout", args=[self.page.pk])
        )
        self.assertEqual(response.status_code, 302)

    # --- the layout copy and what counts as translated ---------------------------

    def test_copied_layout_keeps_roles_and_leaves_english_incomplete(self):
        self.approve_review()
        self.copy_layout()
        draft = self.draft()
        quote = [c for c in draft.body_en if c.block_type == "quote"][0].value
        self.assertEqual(quote["text"], "")
        self.assertEqual(quote["role_sv"], "teststrateg på Testregionen")
        self.assertEqual(quote["role_en"], "test strategist at the Test Region")
        self.assertEqual(quote["party"], "M")
        self.assertEqual(quote["person"], self.person)
        draft.title_en, draft.lead_en = "Test press release", "A lead."
        self.assertEqual(draft.missing_english_fields(), ["body"])
        self.assertEqual(
            draft.missing_english_labels(), ["brödtext (3 block utan text)"]
        )
        self.assertFalse(draft.compute_english_ready())

    def test_reviewer_requests_changes_from_the_edit_view_of_a_half_translated_page(
        self,
    ):
        self.approve_review()
        self.copy_layout()
        draft = self.draft()
        # The translator has typed the title and the first block only.
        data = form_data(draft, title_en="Test press release", slug_en="test")
        data["body_en-0-value"] = rich_text(
            "<p>The goal is to test the whole flow.</p>"
        )
        response = self.post(
            self.reviewer,
            data,
            **WORKFLOW_ACTION,
            **{
                "workflow-action-name": "reject",
                "workflow-action-extra-data": '{"comment": "Vänta med engelskan."}',
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        state = PressReleasePage.objects.get(pk=self.page.pk).current_workflow_state
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        saved = self.draft()
        self.assertEqual(saved.title_en, "Test press release")
        self.assertIn("brödtext (2 block utan text)", saved.missing_english_labels())

    # --- the translation step ----------------------------------------------------

    def english(self, draft):
        return form_data(
            draft,
            title_en="Test press release",
            slug_en="test-press-release",
            lead_en="An English lead.",
            body_en=[("text", rich_text("<p>The goal.</p>"))],
        )

    def test_an_autosave_never_passes_the_translation_step(self):
        self.approve_review()
        response = self.post(self.translator, self.english(self.draft()), autosave=True)
        self.assertEqual(response.status_code, 200, response.content[:3000])
        self.assertTrue(response.json()["success"])
        self.assertEqual(self.draft().title_en, "Test press release")
        self.assertEqual(self.task_name(), "Översättning klar")
        # Nor does a plain save.
        self.post(self.translator, self.english(self.draft()))
        self.assertEqual(self.task_name(), "Översättning klar")

    def test_marking_ready_too_early_keeps_the_text_and_says_what_is_missing(self):
        self.approve_review()
        data = form_data(self.draft(), title_en="Test press release", slug_en="test")
        response = self.post(
            self.translator,
            data,
            **WORKFLOW_ACTION,
            **{"workflow-action-name": "approve"},
        )
        self.assertRedirects(response, self.edit_url(), fetch_redirect_response=False)
        self.assertEqual(self.task_name(), "Översättning klar")
        self.assertEqual(self.draft().title_en, "Test press release")
        page = self.client.get(self.edit_url())
        self.assertContains(page, "Engelska versionen är inte klar än")
        self.assertContains(page, "ingress")

    def test_marking_ready_passes_the_step_and_says_so(self):
        self.approve_review()
        response = self.post(
            self.translator,
            self.english(self.draft()),
            **WORKFLOW_ACTION,
            **{"workflow-action-name": "approve"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.task_name(), "Publiceringsgodkännande")
        messages = [str(m) for m in response.wsgi_request._messages]
        self.assertTrue(
            any("Publiceringsgodkännande" in message for message in messages), messages
        )

    # --- autosave and workflow actions -------------------------------------------

    def test_an_autosave_carrying_a_workflow_action_is_refused(self):
        self.approve_review()
        self.post(
            self.translator,
            self.english(self.draft()),
            **WORKFLOW_ACTION,
            **{"workflow-action-name": "approve"},
        )
        self.assertEqual(self.task_name(), "Publiceringsgodkännande")
        action = {**WORKFLOW_ACTION, "workflow-action-name": "approve"}
        data = form_data(self.draft())
        # The autosave that rides along with the click is refused...
        response = self.post(self.reviewer, data, autosave=True, **action)
        self.assertEqual(response.json()["error_code"], "blocked_by_hook")
        page = PressReleasePage.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertEqual(self.task_name(), "Publiceringsgodkännande")
        # ...and the click itself publishes, once.
        response = self.post(self.reviewer, data, **action)
        self.assertEqual(response.status_code, 302)
        page = PressReleasePage.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertIsNone(page.current_workflow_state)
        self.assertEqual(
            PageLogEntry.objects.filter(page=page, action="wagtail.publish").count(),
            1,
        )
        for name in ("action-publish", "action-submit"):
            response = self.post(self.reviewer, data, autosave=True, **{name: "1"})
            self.assertEqual(response.json()["error_code"], "blocked_by_hook")


class PreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-preview", EDITORS)
        cls.reviewer = make_user("granskare-preview", PUBLISHERS)

    def test_the_editors_preview_may_be_framed_by_the_admin(self):
        page = make_release(title_sv="Förhandsvisning", title_en="Preview")
        self.client.force_login(self.editor)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        self.client.post(url, form_data(page.get_latest_revision_as_object()))
        for mode, text in (("sv", "Förhandsvisning"), ("en", "Preview")):
            response = self.client.get(url, {"mode": mode, "in_preview_panel": "true"})
            self.assertContains(response, text)
            self.assertIn("frame-ancestors 'self'", response["Content-Security-Policy"])
            self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")
        # Readers' pages still forbid framing.
        self.client.logout()
        response = self.client.get(page.url)
        self.assertIn("frame-ancestors 'none'", response["Content-Security-Policy"])

    def test_the_reviewers_task_preview_has_both_languages(self):
        page = make_release(title_sv="Granska mig", title_en="Review me", publish=False)
        page.save_revision(user=self.editor)
        state = page.get_workflow().start(page, self.editor)
        task_state = state.current_task_state
        self.client.force_login(self.reviewer)
        url = reverse(
            "wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]
        )
        swedish = self.client.get(url)
        self.assertContains(swedish, '<html lang="sv">')
        self.assertContains(swedish, "Granska mig")
        self.assertContains(swedish, f'href="{url}?mode=en"')
        english = self.client.get(url, {"mode": "en"})
        self.assertContains(english, '<html lang="en">')
        self.assertContains(english, "Review me")
        self.assertIn("frame-ancestors 'self'", english["Content-Security-Policy"])
