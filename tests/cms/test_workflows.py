"""Roles and what each may do, through the real admin views, on pages and snippets
the tests build (the strategy page, a structural parent, is the demo's). The shared
helpers (make_user, release_form, edit) live here; the workflow from submit to
publish and embargo are in test_workflow_steps.py, copy, move and preview in
test_copy_move.py."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Page, TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.editorial.roles import ADMINS, EDITORS, PUBLISHERS, TRANSLATORS
from cms.editorial.setup import setup_editorial
from cms.models import Person
from press.models import PressReleasePage
from specialisation.models import Organisation, StrategyPage
from tests.builders import (
    in_translation_step,
    make_fact_box,
    make_person,
    make_release,
)

PASSWORD = "ett-långt-lösenord"


def make_user(username, *roles, email=None):
    user = get_user_model().objects.create_user(
        username, email or f"{username}@example.org", PASSWORD
    )
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


def release_form(page=None, **values):
    """POST data for the press release edit form (simple text bodies)."""
    data = {
        "title_sv": page.title_sv if page else "Ett pressmeddelande",
        "slug_sv": page.slug_sv if page else "ett-pressmeddelande",
        "title_en": (page.title_en or "") if page else "",
        "slug_en": (page.slug_en or "") if page else "",
        "kind": "press_release",
        "lead_sv": page.lead_sv if page else "En ingress.",
        "lead_en": (page.lead_en or "") if page else "",
        "body_sv": [("text", "<p>Svensk brödtext.</p>")],
        "body_en": [],
        "press_contacts": [],
        "comments": [],
    }
    if page is not None and page.body_en:
        data["body_en"] = [("text", "<p>English body.</p>")]
    data.update(values)
    for name in ("body_sv", "body_en"):
        data[name] = streamfield([(kind, rich_text(html)) for kind, html in data[name]])
    for name in ("press_contacts", "comments"):
        data[name] = inline_formset(data[name])
    return nested_form_data(data)


def edit(client, page, **post):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), post)


class RoleSetupTests(TestCase):
    def test_groups_have_swedish_names_and_setup_is_idempotent(self):
        names = set(Group.objects.values_list("name", flat=True))
        self.assertTrue({EDITORS, PUBLISHERS, TRANSLATORS, ADMINS} <= names)
        self.assertNotIn("Editors", names)
        before = (
            Group.objects.count(),
            sum(g.permissions.count() for g in Group.objects.all()),
            Workflow.objects.count(),
        )
        setup_editorial()
        call_command("setup_editorial", stdout=io.StringIO())
        after = (
            Group.objects.count(),
            sum(g.permissions.count() for g in Group.objects.all()),
            Workflow.objects.count(),
        )
        self.assertEqual(before, after)

    def test_workflows_are_assigned_to_the_right_pages(self):
        release = make_release(title_sv="Testpressmeddelande")
        self.assertEqual(
            [task.name for task in release.get_workflow().tasks],
            ["Granskning", "Översättning klar", "Publiceringsgodkännande"],
        )
        self.assertEqual(
            StrategyPage.objects.get().get_workflow().name, "Strategi och projekt"
        )
        self.assertEqual(make_fact_box().get_workflow().name, "Återanvändbart innehåll")
        self.assertEqual(make_person().get_workflow().name, "Återanvändbart innehåll")


class PermissionMatrixTests(TestCase):
    """For each role: what it can and cannot do, through the real admin views."""

    EXPECTED = {
        # role: (edit, submit, approve, publish, unpublish, delete)
        EDITORS: (True, True, False, False, False, False),
        PUBLISHERS: (True, True, True, True, True, True),
        # Translators edit only while a page waits in their step (below).
        TRANSLATORS: (False, False, False, False, False, False),
        ADMINS: (True, True, True, True, True, True),
    }

    @classmethod
    def setUpTestData(cls):
        cls.users = {
            role: make_user(f"user-{i}", role) for i, role in enumerate(cls.EXPECTED)
        }
        cls.submitter = make_user("submitter", EDITORS)

    def _release(self, role):
        n = list(self.EXPECTED).index(role)
        return make_release(title_sv=f"Matrisnyhet {n}", title_en=f"Matrix news {n}")

    def _strategy_child_free_page(self):
        return StrategyPage.objects.get()

    def _check(self, role, page):
        user = self.users[role]
        self.client.force_login(user)
        edit_ok, submit_ok, approve_ok, publish_ok, unpublish_ok, delete_ok = (
            self.EXPECTED[role]
        )
        page = page.specific
        is_release = isinstance(page, PressReleasePage)
        form = (
            release_form(page, title_sv=f"{page.title_sv} ({role})")
            if is_release
            else None
        )

        # edit: the edit view opens and a draft can be saved
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code == 200, edit_ok, f"{role} edit view")

        # publish: "Publish" publishes only for roles that may
        if is_release:
            edit(self.client, page, **form, **{"action-publish": "1"})
            page.refresh_from_db()
            self.assertEqual(
                page.title_sv.endswith(f"({role})"), publish_ok, f"{role} publish"
            )

        # submit: start the workflow
        if is_release:
            edit(self.client, page, **form, **{"action-submit": "1"})
        else:
            self.client.force_login(user)
            workflow = page.get_workflow()
            if page.permissions_for_user(user).can_submit_for_moderation():
                workflow.start(page, user)
        state = (
            WorkflowState.objects.for_instance(page)
            .filter(status=WorkflowState.STATUS_IN_PROGRESS)
            .first()
        )
        self.assertEqual(state is not None, submit_ok, f"{role} submit")

        # approve: the workflow action URL
        if state is None:
            state = page.get_workflow().start(page, self.submitter)
        task_state = state.current_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        )
        self.client.post(url, {"comment": ""})
        task_state.refresh_from_db()
        self.assertEqual(
            task_state.status == TaskState.STATUS_APPROVED,
            approve_ok,
            f"{role} approve",
        )
        state.refresh_from_db()
        if state.status == WorkflowState.STATUS_IN_PROGRESS:
            state.cancel(user=self.submitter)

        # unpublish
        self.client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        page.refresh_from_db()
        self.assertEqual(not page.live, unpublish_ok, f"{role} unpublish")
        if not page.live:
            page.get_latest_revision().publish()
            page.refresh_from_db()

        # delete (a live page)
        if page.is_leaf():
            self.client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
            self.assertEqual(
                not Page.objects.filter(pk=page.pk).exists(),
                delete_ok,
                f"{role} delete",
            )

    def test_press_release_matrix(self):
        for role in self.EXPECTED:
            with self.subTest(role=role):
                self._check(role, self._release(role))

    def test_strategy_page_matrix(self):
        for role in self.EXPECTED:
            with self.subTest(role=role):
                self._check(role, self._strategy_child_free_page())

    def test_translator_cannot_change_swedish_fields(self):
        page = make_release(title_sv="Testpressmeddelande", title_en="")
        in_translation_step(page, self.users[ADMINS])
        translator = self.users[TRANSLATORS]
        self.client.force_login(translator)
        form = release_form(
            page,
            title_sv="Ändrad av översättare",
            lead_sv="Ändrad ingress",
            title_en="English title",
            slug_en="english-title",
            lead_en="English lead.",
            body_en=[("text", "<p>English body.</p>")],
        )
        response = edit(self.client, page, **form)
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        latest = page.get_latest_revision_as_object()
        self.assertEqual(latest.title_sv, "Testpressmeddelande")
        self.assertEqual(latest.lead_sv, "En kort ingress.")
        self.assertEqual(latest.title_en, "English title")
        self.assertEqual(latest.lead_en, "English lead.")

    def test_translator_changes_only_english_fields_of_snippets(self):
        organisation = Organisation.objects.create(
            name_sv="Testhögskolan",
            description_sv="Ett testlärosäte.",
            url="https://hogskola.example/",
        )
        person = make_person("Testa Testsson", role_sv="testråd", role_en="")
        self.client.force_login(self.users[TRANSLATORS])
        cases = [
            (
                organisation,
                "specialisation_organisation",
                {
                    "name_sv": "Ändrat namn",
                    "name_en": "Test University",
                    "description_sv": "Ändrad beskrivning.",
                    "description_en": "A test university.",
                    "url": "https://example.org/",
                },
            ),
            (
                person,
                "cms_person",
                {
                    "name": "Ändrat namn",
                    "role_sv": "ändrad roll",
                    "role_en": "test councillor",
                },
            ),
        ]
        for obj, prefix, data in cases:
            with self.subTest(snippet=prefix):
                url = reverse(f"wagtailsnippets_{prefix}:edit", args=[obj.pk])
                form = self.client.get(url).context["form"]
                posted = {name: form[name].value() or "" for name in form.fields} | data
                response = self.client.post(url, {**posted, "action-save": ""})
                self.assertEqual(response.status_code, 302, response.content[:300])
        # The changes are drafts, for a reviewer to publish.
        organisation = Organisation.objects.get(
            pk=organisation.pk
        ).get_latest_revision_as_object()
        self.assertEqual(organisation.name_sv, "Testhögskolan")
        self.assertEqual(organisation.description_sv, "Ett testlärosäte.")
        self.assertEqual(organisation.url, "https://hogskola.example/")
        self.assertEqual(organisation.name_en, "Test University")
        self.assertEqual(organisation.description_en, "A test university.")
        person = Person.objects.get(pk=person.pk).get_latest_revision_as_object()
        self.assertEqual((person.name, person.role_sv), ("Testa Testsson", "testråd"))
        self.assertEqual(person.role_en, "test councillor")

    def test_translator_cannot_delete_even_a_draft(self):
        draft = make_release(title_sv="Utkast att radera", publish=False)
        self.client.force_login(self.users[TRANSLATORS])
        self.client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
        self.assertTrue(Page.objects.filter(pk=draft.pk).exists())
