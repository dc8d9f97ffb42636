"""The editors' daily path through the real admin views, as the roles do it, with
Wagtail 8's autosave in the picture: an autosave is a background POST to the edit
view that asks for JSON.

(The same path in a real browser, at human pace, is tests/browser/test_roles.py.)
"""

import re

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
from cms.models import Person
from press.models import PressReleasePage
from specialisation.models import FactBox, Organisation
from tests.builders import make_release
from tests.cms.test_workflows import make_user

QUOTE_SV = "Nu har Blekinge ett fönster att vässa sin innovationskraft"


def body_sv(person):
    return [
        {"type": "text", "value": "<p>Målet är att göra Blekinge till en region.</p>"},
        {
            "type": "quote",
            "value": {
                "text": QUOTE_SV,
                "person": person.pk,
                "name": "",
                "role_sv": "ordförande i regionala utvecklingsnämnden",
                "role_en": "chair of the regional development committee",
                "party": "M",
            },
        },
        {
            "type": "heading",
            "value": {"text": "Vässa innovationskraften", "level": "h2"},
        },
    ]


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
        cls.person = Person.objects.get(name="Johan Sandberg")

    def setUp(self):
        self.page = make_release(
            title_sv="Satsning på återhämtning",
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
        self.assertEqual(quote["role_sv"], "ordförande i regionala utvecklingsnämnden")
        self.assertEqual(
            quote["role_en"], "chair of the regional development committee"
        )
        self.assertEqual(quote["party"], "M")
        self.assertEqual(quote["person"], self.person)
        draft.title_en, draft.lead_en = "Investing in recovery", "A lead."
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
        data = form_data(draft, title_en="Investing in recovery", slug_en="investing")
        data["body_en-0-value"] = rich_text(
            "<p>The goal is to make Blekinge a region.</p>"
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
        self.assertEqual(saved.title_en, "Investing in recovery")
        self.assertIn("brödtext (2 block utan text)", saved.missing_english_labels())

    # --- the translation step ----------------------------------------------------

    def english(self, draft):
        return form_data(
            draft,
            title_en="Investing in recovery",
            slug_en="investing-in-recovery",
            lead_en="An English lead.",
            body_en=[("text", rich_text("<p>The goal.</p>"))],
        )

    def test_an_autosave_never_passes_the_translation_step(self):
        self.approve_review()
        response = self.post(self.translator, self.english(self.draft()), autosave=True)
        self.assertEqual(response.status_code, 200, response.content[:3000])
        self.assertTrue(response.json()["success"])
        self.assertEqual(self.draft().title_en, "Investing in recovery")
        self.assertEqual(self.task_name(), "Översättning klar")
        # Nor does a plain save.
        self.post(self.translator, self.english(self.draft()))
        self.assertEqual(self.task_name(), "Översättning klar")

    def test_marking_ready_too_early_keeps_the_text_and_says_what_is_missing(self):
        self.approve_review()
        data = form_data(self.draft(), title_en="Investing in recovery", slug_en="inv")
        response = self.post(
            self.translator,
            data,
            **WORKFLOW_ACTION,
            **{"workflow-action-name": "approve"},
        )
        self.assertRedirects(response, self.edit_url(), fetch_redirect_response=False)
        self.assertEqual(self.task_name(), "Översättning klar")
        self.assertEqual(self.draft().title_en, "Investing in recovery")
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


class SnippetAndChooserTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-snippets", EDITORS)
        cls.translator = make_user("oversattare-snippets", TRANSLATORS)

    def test_person_without_english_role_is_not_called_complete(self):
        person = Person.objects.create(name="Ny Person", role_sv="projektledare")
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse(Person.snippet_viewset.get_url_name("edit"), args=[person.pk])
        )
        self.assertContains(response, "Engelska versionen är inte komplett")
        self.assertNotContains(response, "Den engelska versionen är komplett")
        person.role_en = "project manager"
        person.save()
        response = self.client.get(
            reverse(Person.snippet_viewset.get_url_name("edit"), args=[person.pk])
        )
        self.assertContains(response, "Den engelska versionen är komplett")

    def test_fact_box_without_english_body_is_not_called_complete(self):
        box = FactBox.objects.get()
        draft = box.get_latest_revision_as_object()
        draft.body_en = ""
        self.assertEqual(draft.missing_english_fields(), ["body"])

    def test_editors_create_a_person_from_the_chooser_translators_do_not(self):
        url = reverse("wagtailsnippetchoosers_cms_person:choose")
        self.client.force_login(self.editor)
        html = self.client.get(url).json()["html"]
        self.assertIn('id="tab-create"', html)
        create = reverse("wagtailsnippetchoosers_cms_person:create")
        response = self.client.post(
            create,
            {
                "name": "Karin Ek",
                "role_sv": "näringslivsutvecklare",
                "role_en": "business developer",
                "party": "",
                "organisation_sv": "Region Blekinge",
                "organisation_en": "",
                "email": "",
                "phone": "",
            },
        )
        self.assertEqual(response.json()["step"], "chosen")
        self.assertTrue(Person.objects.filter(name="Karin Ek").exists())
        self.client.force_login(self.translator)
        html = self.client.get(url).json()["html"]
        self.assertNotIn('id="tab-create"', html)

    def test_partners_are_ticked_in_one_list(self):
        organisations = list(Organisation.objects.order_by("name")[:6])
        page = make_release(title_sv="Partner", publish=False)
        data = form_data(page)
        data.update(
            {
                "body_sv-count": "1",
                "body_sv-0-type": "partners",
                "body_sv-0-deleted": "",
                "body_sv-0-order": "0",
                "body_sv-0-id": "",
                "body_sv-0-value-heading": "Partner i projektet",
            }
        )
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {
                **data,
                "body_sv-0-value-organisations": [str(o.pk) for o in organisations],
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        saved = PressReleasePage.objects.get(pk=page.pk).get_latest_revision_as_object()
        block = saved.body_sv[0]
        self.assertEqual(block.block_type, "partners")
        self.assertEqual(
            [o.name for o in block.value["organisations"]],
            sorted(o.name for o in organisations),
        )


class ConflictTests(TestCase):
    """Two people save the same page: nobody's work is lost without a warning."""

    @classmethod
    def setUpTestData(cls):
        cls.anna = make_user("redaktor-anna-konflikt", EDITORS)
        cls.bo = make_user("granskare-bo-konflikt", PUBLISHERS)

    def test_the_second_save_does_not_silently_replace_the_first(self):
        page = make_release(title_sv="Gemensam sida", publish=False)
        page.save_revision(user=self.bo)
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        # Anna opens the page...
        self.client.force_login(self.anna)
        opened = self.client.get(url).content.decode()
        loaded = {
            name: re.search(rf'name="{name}" value="([^"]+)"', opened).group(1)
            for name in ("loaded_revision_id", "loaded_revision_created_at")
        }
        # ...Bo saves a change meanwhile...
        self.client.force_login(self.bo)
        self.client.post(url, form_data(self.draft(page), lead_sv="Bos ingress."))
        self.assertEqual(self.draft(page).lead_sv, "Bos ingress.")
        # ...Anna saves hers: refused, told, her text still in the form.
        self.client.force_login(self.anna)
        data = {**form_data(self.draft(page), lead_sv="Annas ingress."), **loaded}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "sparade en nyare version av sidan")
        self.assertContains(response, "Annas ingress.")
        self.assertEqual(self.draft(page).lead_sv, "Bos ingress.")
        # Having read it, she saves again from that form: now hers replaces his.
        resaved = response.content.decode()
        again = {
            name: re.search(rf'name="{name}" value="([^"]+)"', resaved).group(1)
            for name in ("loaded_revision_id", "loaded_revision_created_at")
        }
        response = self.client.post(url, {**data, **again})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.draft(page).lead_sv, "Annas ingress.")

    def test_ones_own_autosaves_are_no_conflict(self):
        page = make_release(title_sv="Egen sida", publish=False)
        page.save_revision(user=self.anna)
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.client.force_login(self.anna)
        opened = self.client.get(url).content.decode()
        loaded = re.search(r'name="loaded_revision_created_at" value="([^"]+)"', opened)
        self.client.post(
            url,
            form_data(self.draft(page), lead_sv="Autosparad."),
            HTTP_ACCEPT="application/json",
        )
        response = self.client.post(
            url,
            {
                **form_data(self.draft(page), lead_sv="Sparad."),
                "loaded_revision_created_at": loaded.group(1),
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.draft(page).lead_sv, "Sparad.")

    @staticmethod
    def draft(page):
        return PressReleasePage.objects.get(pk=page.pk).get_latest_revision_as_object()
