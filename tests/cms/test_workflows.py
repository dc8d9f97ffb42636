"""Roles, workflows, embargo, copy, moves and previews, through the real admin views."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageLogEntry, TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.editorial.roles import ADMINS, EDITORS, PUBLISHERS, TRANSLATORS
from cms.editorial.setup import setup_editorial
from press.models import PressReleasePage
from specialisation.models import StrategyPage
from tests.builders import in_translation_step, make_release, news_index

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
        release = PressReleasePage.objects.live().first()
        self.assertEqual(
            [task.name for task in release.get_workflow().tasks],
            ["Granskning", "Översättning klar", "Publiceringsgodkännande"],
        )
        self.assertEqual(
            StrategyPage.objects.get().get_workflow().name, "Strategi och projekt"
        )
        from specialisation.models import FactBox

        self.assertEqual(
            FactBox.objects.first().get_workflow().name, "Återanvändbart innehåll"
        )


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
        page = make_release(title_sv="Svensk rubrik", title_en="")
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
        self.assertEqual(latest.title_sv, "Svensk rubrik")
        self.assertEqual(latest.lead_sv, "En kort ingress.")
        self.assertEqual(latest.title_en, "English title")
        self.assertEqual(latest.lead_en, "English lead.")

    def test_translator_changes_only_english_fields_of_snippets(self):
        from cms.models import Person
        from specialisation.models import Organisation

        organisation = Organisation.objects.create(
            name_sv="Blekinge tekniska högskola",
            description_sv="Ett lärosäte.",
            url="https://www.bth.se/",
        )
        person = Person.objects.create(name="Anna Andersson", role_sv="regionråd")
        self.client.force_login(self.users[TRANSLATORS])
        cases = [
            (
                organisation,
                "specialisation_organisation",
                {
                    "name_sv": "Ändrat namn",
                    "name_en": "Blekinge Institute of Technology",
                    "description_sv": "Ändrad beskrivning.",
                    "description_en": "A university.",
                    "url": "https://example.org/",
                },
            ),
            (
                person,
                "cms_person",
                {
                    "name": "Ändrat namn",
                    "role_sv": "ändrad roll",
                    "role_en": "regional councillor",
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
        self.assertEqual(organisation.name_sv, "Blekinge tekniska högskola")
        self.assertEqual(organisation.description_sv, "Ett lärosäte.")
        self.assertEqual(organisation.url, "https://www.bth.se/")
        self.assertEqual(organisation.name_en, "Blekinge Institute of Technology")
        self.assertEqual(organisation.description_en, "A university.")
        person = Person.objects.get(pk=person.pk).get_latest_revision_as_object()
        self.assertEqual((person.name, person.role_sv), ("Anna Andersson", "regionråd"))
        self.assertEqual(person.role_en, "regional councillor")

    def test_translator_cannot_delete_even_a_draft(self):
        draft = make_release(title_sv="Utkast att radera", publish=False)
        self.client.force_login(self.users[TRANSLATORS])
        self.client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
        self.assertTrue(Page.objects.filter(pk=draft.pk).exists())


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
        data = release_form(title_sv="Workflow-nyhet", slug_sv="workflow-nyhet")
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:add", args=["press", "pressreleasepage", index.pk]
            ),
            {**data, "action-submit": "1"},
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        page = PressReleasePage.objects.get(slug_sv="workflow-nyhet")
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
            title_en="Workflow news",
            slug_en="workflow-news",
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
        self.assertContains(
            self.client.get("/nyheter/workflow-nyhet/"), "Svensk brödtext."
        )
        self.assertContains(self.client.get("/en/news/workflow-news/"), "English body.")

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
        page = make_release(title_sv="Bara svenska", publish=False, swedish_only=True)
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
        page = make_release(
            title_sv="Hemlig embargonyhet",
            title_en="Secret embargo news",
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
            "/smart-specialisering/tech/",
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
        import time

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

    def test_expiry_takes_the_release_down(self):
        page = make_release(title_sv="Snart borta", title_en="Gone soon")
        page.expire_at = timezone.now() - timezone.timedelta(minutes=1)
        page.save()
        call_command("publish_scheduled", stdout=io.StringIO())
        self.assertEqual(self.client.get("/nyheter/snart-borta/").status_code, 404)


class CopyMoveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "kopierare", "k@example.org", "x"
        )

    def test_copy_last_years_release_with_translated_slugs(self):
        source = PressReleasePage.objects.get(
            slug_sv="region-blekinge-satsar-pa-lanets-aterhamtning"
        )
        self.client.force_login(self.admin)
        response = self.client.post(
            reverse("wagtailadmin_pages:copy", args=[source.pk]),
            {
                "new_title_sv": "Region Blekinge satsar igen",
                "new_slug_sv": "region-blekinge-satsar-igen",
                "new_title_en": "Region Blekinge invests again",
                "new_slug_en": "region-blekinge-invests-again",
                "new_parent_page": news_index().pk,
                "publish_copies": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        copy = PressReleasePage.objects.get(slug_sv="region-blekinge-satsar-igen")
        self.assertFalse(copy.live)
        self.assertEqual(copy.slug_en, "region-blekinge-invests-again")
        self.assertEqual(copy.url_path_sv, "/hem/nyheter/region-blekinge-satsar-igen/")
        self.assertEqual(copy.url_path_en, "/home/news/region-blekinge-invests-again/")
        self.assertEqual(copy.press_contacts.count(), source.press_contacts.count())
        self.assertEqual(len(copy.body_sv), len(source.body_sv))
        copy.save_revision().publish()
        self.assertEqual(
            self.client.get("/nyheter/region-blekinge-satsar-igen/").status_code, 200
        )
        self.client.logout()
        self.assertEqual(
            self.client.get("/en/news/region-blekinge-invests-again/").status_code, 200
        )

    def test_slug_change_keeps_old_urls_in_both_languages(self):
        page = make_release(title_sv="Gammal rubrik", title_en="Old headline")
        self.client.force_login(self.admin)
        edit(
            self.client,
            page,
            **release_form(page, slug_sv="ny-rubrik", slug_en="new-headline"),
            **{"action-publish": "1"},
        )
        page.refresh_from_db()
        self.assertEqual((page.slug_sv, page.slug_en), ("ny-rubrik", "new-headline"))
        self.client.logout()
        self.assertEqual(self.client.get("/nyheter/ny-rubrik/").status_code, 200)
        self.assertEqual(self.client.get("/en/news/new-headline/").status_code, 200)
        old_sv = self.client.get("/nyheter/gammal-rubrik/")
        old_en = self.client.get("/en/news/old-headline/")
        self.assertEqual(old_sv.status_code, 301)
        self.assertEqual(old_sv["Location"], "/nyheter/ny-rubrik/")
        self.assertEqual(old_en.status_code, 301)
        self.assertEqual(old_en["Location"], "/en/news/new-headline/")

    def test_move_keeps_urls_right_and_redirects_old_ones(self):
        from home.models import ContentPage
        from tests.builders import home_page, make_page

        section = make_page(
            home_page(),
            ContentPage,
            title_sv="Arkiv",
            title_en="Archive",
            intro_sv="Arkiv.",
            intro_en="Archive.",
        )
        page = make_page(
            home_page(),
            ContentPage,
            title_sv="Flyttsida",
            title_en="Moving page",
            intro_sv="Hej.",
            intro_en="Hello.",
        )
        self.client.force_login(self.admin)
        response = self.client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[page.pk, section.pk])
        )
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertEqual(page.url_path_sv, "/hem/arkiv/flyttsida/")
        self.assertEqual(page.url_path_en, "/home/archive/moving-page/")
        self.client.logout()
        self.assertEqual(self.client.get("/arkiv/flyttsida/").status_code, 200)
        self.assertEqual(self.client.get("/en/archive/moving-page/").status_code, 200)
        self.assertEqual(
            self.client.get("/flyttsida/")["Location"], "/arkiv/flyttsida/"
        )
        self.assertEqual(
            self.client.get("/en/moving-page/")["Location"], "/en/archive/moving-page/"
        )
        self.assertTrue(Redirect.objects.filter(old_path="/en/moving-page").exists())


class PreviewTests(TestCase):
    def test_preview_in_swedish_and_english(self):
        admin = get_user_model().objects.create_superuser(
            "granskar-preview", "p@example.org", "x"
        )
        self.client.force_login(admin)
        page = PressReleasePage.objects.get(
            slug_sv="region-blekinge-satsar-pa-lanets-aterhamtning"
        )
        page.title_sv = "Utkastrubrik"
        page.title_en = "Draft headline"
        page.save_revision()
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        for mode, expected, language in (
            ("sv", "Utkastrubrik", "sv"),
            ("en", "Draft headline", "en"),
        ):
            response = self.client.get(url + f"?mode={mode}")
            if response.status_code != 200 or expected.encode() not in response.content:
                # Wagtail's preview_on_edit needs the form posted first.
                from tests.cms.test_workflows import release_form as form

                self.client.post(
                    url,
                    form(
                        page.get_latest_revision_as_object(),
                        title_sv="Utkastrubrik",
                        title_en="Draft headline",
                    ),
                )
                response = self.client.get(url + f"?mode={mode}")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, expected)
            self.assertContains(response, f'<html lang="{language}">')
        with translation.override("sv"):
            self.assertEqual(self.client.get(page.url).status_code, 200)
