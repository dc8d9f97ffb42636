"""Snippets and choosers in the editors' path (a person's English readiness, a
fact box's, creating a person from the chooser, ticking partners), and two people
saving the same page, through the real admin views, on snippets and releases the
tests build themselves. (The workflow path itself is test_editor_path.py.)"""

import re

from django.test import TestCase
from django.urls import reverse

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from cms.models import Person
from press.models import PressReleasePage
from tests.builders import make_fact_box, make_organisation, make_person, make_release
from tests.cms.test_editor_path import form_data
from tests.cms.test_workflows import make_user

# Partners, created out of alphabetical order (the list shows them sorted).
PARTNERS = (
    "Testorg F",
    "Testorg B",
    "Testorg D",
    "Testorg A",
    "Testorg E",
    "Testorg C",
)


class SnippetAndChooserTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-snippets", EDITORS)
        cls.translator = make_user("oversattare-snippets", TRANSLATORS)

    def test_person_without_english_role_is_not_called_complete(self):
        person = make_person("Testa Testsson", role_sv="testledare", role_en="")
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse(Person.snippet_viewset.get_url_name("edit"), args=[person.pk])
        )
        self.assertContains(response, "Engelska versionen är inte komplett")
        self.assertNotContains(response, "Den engelska versionen är komplett")
        person.role_en = "test manager"
        person.save()
        response = self.client.get(
            reverse(Person.snippet_viewset.get_url_name("edit"), args=[person.pk])
        )
        self.assertContains(response, "Den engelska versionen är komplett")

    def test_fact_box_without_english_body_is_not_called_complete(self):
        box = make_fact_box()
        box.save_revision()
        draft = box.get_latest_revision_as_object()
        self.assertEqual(draft.missing_english_fields(), [])
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
                "name": "Testa Testsson",
                "role_sv": "testutvecklare",
                "role_en": "test developer",
                "party": "",
                "organisation_sv": "Testregionen",
                "organisation_en": "",
                "email": "",
                "phone": "",
            },
        )
        self.assertEqual(response.json()["step"], "chosen")
        person = Person.objects.get(name="Testa Testsson")
        self.assertEqual(
            (person.role_sv, person.role_en), ("testutvecklare", "test developer")
        )
        self.client.force_login(self.translator)
        html = self.client.get(url).json()["html"]
        self.assertNotIn('id="tab-create"', html)

    def test_partners_are_ticked_in_one_list(self):
        organisations = [
            make_organisation(name, name.replace("Testorg", "Test org"))
            for name in PARTNERS
        ]
        page = make_release(title_sv="Testpartner", publish=False)
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
            [o.name for o in block.value["organisations"]], sorted(PARTNERS)
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
