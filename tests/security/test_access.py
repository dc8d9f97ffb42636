"""Access control: anonymous readers and users without the right role get nothing
private (drafts, previews, revisions, embargoed pages, private documents, the admin
and its reports), and no role reaches another role's actions by URL.

Every refusal is checked on the content too (the secret text is not in the
response) and, for actions, in the database afterwards.

"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    Site,
    TaskState,
    Workflow,
    WorkflowState,
)

from cms.editorial.roles import ADMINS, EDITORS, PUBLISHERS, TRANSLATORS
from cms.models import Feedback, Person
from home.models import ContentPage
from press.models import PressReleasePage
from tests.builders import home_page, in_translation_step, make_page, make_release
from tests.cms.test_workflows import PASSWORD, edit, make_user, release_form

User = get_user_model()
SECRET = "zxqsecret"


def admin_viewer(username):
    """A user who may enter the admin but has no page, snippet or report rights."""
    user = make_user(username)
    user.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    return User.objects.get(pk=user.pk)


class AccessAssertions:
    def assert_login_redirect(self, response, url):
        self.assertEqual(response.status_code, 302, url)
        self.assertIn("login", response["Location"], url)
        self.assertNotIn(SECRET.encode(), response.content, url)

    def assert_refused(self, response, url, secret=SECRET):
        """A refusal: a redirect away (to the login or the admin home), 403 or 404,
        and nothing of the secret in the body."""
        self.assertIn(response.status_code, (302, 403, 404), url)
        if response.status_code == 302:
            self.assertNotEqual(response["Location"], url)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        self.assertNotIn(secret.encode(), body, url)


@override_settings(PAGE_CACHE_ENABLED=False)
class PrivateContentTests(AccessAssertions, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.superuser = User.objects.create_superuser("chef", "chef@example.org", "x")
        cls.nobody = make_user("ingen-roll")
        cls.viewer = admin_viewer("bara-admin")
        cls.editor = make_user("redaktor-eva", EDITORS)
        cls.draft = make_release(
            title_sv=f"Hemligt utkast {SECRET}",
            slug_sv="hemligt-utkast",
            title_en=f"Secret draft {SECRET}",
            slug_en="secret-draft",
            lead_sv=f"Hemlig ingress {SECRET}.",
            lead_en=f"Secret lead {SECRET}.",
            publish=False,
        )
        cls.embargoed = make_release(
            title_sv=f"Embargonyhet {SECRET}",
            slug_sv="embargonyhet",
            title_en=f"Embargo news {SECRET}",
            slug_en="embargo-news",
            lead_sv=f"Embargo {SECRET}.",
            lead_en=f"Embargo {SECRET}.",
            publish=False,
        )
        cls.embargoed.go_live_at = timezone.now() + timezone.timedelta(days=2)
        cls.embargoed.save_revision().publish()
        cls.embargoed.refresh_from_db()
        cls.live = make_release(
            title_sv="Synlig nyhet zxqvisible",
            slug_sv="synlig-nyhet",
            title_en="Visible news zxqvisible",
            slug_en="visible-news",
        )
        # An unpublished change on a live page.
        cls.live.title_sv = f"Opublicerad ändring {SECRET}"
        cls.live.title_en = f"Unpublished change {SECRET}"
        cls.live.lead_sv = f"Opublicerad ingress {SECRET}."
        cls.draft_revision = cls.live.save_revision()
        cls.live.refresh_from_db()
        # A draft outside the editors' sections.
        cls.content_draft = make_page(
            home_page(),
            ContentPage,
            title_sv=f"Intern sida {SECRET}",
            slug_sv="intern-sida",
            intro_sv=f"Intern {SECRET}.",
            publish=False,
        )

    def test_embargo_really_is_scheduled(self):
        self.assertFalse(self.embargoed.live)
        self.assertIsNotNone(self.embargoed.go_live_at)
        self.assertFalse(self.draft.live)
        self.assertTrue(self.live.live)
        self.assertTrue(self.live.has_unpublished_changes)

    def test_drafts_and_embargoed_pages_are_404_in_both_languages(self):
        urls = [
            "/nyheter/hemligt-utkast/",
            "/en/news/secret-draft/",
            "/nyheter/embargonyhet/",
            "/en/news/embargo-news/",
            "/intern-sida/",
        ]
        for user in (None, self.nobody, self.viewer):
            if user is None:
                self.client.logout()
            else:
                self.client.force_login(user)
            for url in urls:
                with self.subTest(user=str(user), url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 404)
                    self.assertNotIn(SECRET.encode(), response.content)
                    self.assertContains(response, "noindex", status_code=404)

    def test_live_page_shows_only_the_published_version(self):
        for url, published in (
            ("/nyheter/synlig-nyhet/", "Synlig nyhet zxqvisible"),
            ("/en/news/visible-news/", "Visible news zxqvisible"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, f"<h1>{published}</h1>")
                self.assertNotContains(response, SECRET)

    def test_private_pages_are_absent_from_listings_feeds_sitemap_and_search(self):
        # Each response also shows the live page, so an empty or broken response
        # cannot pass.
        urls = {
            "/": "Synlig nyhet zxqvisible",
            "/en/": "Visible news zxqvisible",
            "/nyheter/": "Synlig nyhet zxqvisible",
            "/en/news/": "Visible news zxqvisible",
            "/nyheter/rss/": "Synlig nyhet zxqvisible",
            "/nyheter/atom/": "Synlig nyhet zxqvisible",
            "/en/news/rss/": "Visible news zxqvisible",
            "/en/news/atom/": "Visible news zxqvisible",
            "/sitemap.xml": "/nyheter/synlig-nyhet/",
            "/sok/?q=zxqvisible": "Synlig nyhet zxqvisible",
            "/en/search/?q=zxqvisible": "Visible news zxqvisible",
        }
        for url, visible in urls.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, visible)
                self.assertNotContains(response, SECRET)
                for slug in (
                    "hemligt-utkast",
                    "secret-draft",
                    "embargonyhet",
                    "embargo-news",
                ):
                    self.assertNotContains(response, slug)
        for url in (f"/sok/?q={SECRET}", f"/en/search/?q={SECRET}"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["paginator"].count, 0)

    def preview_urls(self):
        draft, live, revision = self.draft, self.live, self.draft_revision
        return [
            reverse("wagtailadmin_pages:view_draft", args=[draft.pk]),
            reverse("wagtailadmin_pages:view_draft", args=[live.pk]),
            reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]) + "?mode=sv",
            reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]) + "?mode=en",
            reverse("wagtailadmin_pages:revisions_view", args=[live.pk, revision.pk]),
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[live.pk, "live", revision.pk],
            ),
            reverse(
                "wagtailadmin_pages:revisions_view",
                args=[draft.pk, draft.latest_revision_id],
            ),
            reverse("wagtailadmin_pages:view_draft", args=[self.embargoed.pk]),
            reverse("wagtailadmin_pages:edit", args=[draft.pk]),
            reverse("wagtailadmin_pages:history", args=[live.pk]),
            reverse(
                "wagtailadmin_pages:preview_on_add",
                args=["press", "pressreleasepage", draft.get_parent().pk],
            ),
        ]

    def test_previews_and_revisions_redirect_anonymous_readers_to_login(self):
        for url in self.preview_urls():
            with self.subTest(url=url):
                self.assert_login_redirect(self.client.get(url), url)

    def test_previews_and_revisions_refuse_users_without_edit_rights(self):
        for user in (self.nobody, self.viewer):
            self.client.force_login(user)
            for url in self.preview_urls():
                with self.subTest(user=user.username, url=url):
                    self.assert_refused(self.client.get(url), url)

    def test_editor_cannot_preview_a_draft_outside_their_sections(self):
        self.client.force_login(self.editor)
        page = self.content_draft
        for url in (
            reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse(
                "wagtailadmin_pages:revisions_view",
                args=[page.pk, page.latest_revision_id],
            ),
        ):
            with self.subTest(url=url):
                self.assert_refused(self.client.get(url), url)
        # ...while a draft in the newsroom is theirs to preview.
        response = self.client.get(
            reverse("wagtailadmin_pages:view_draft", args=[self.draft.pk])
        )
        self.assertContains(response, f"Hemligt utkast {SECRET}")

    def test_superuser_does_see_the_drafts(self):
        # The control for the refusals above: the same URLs do show the secret.
        self.client.force_login(self.superuser)
        for url in (
            reverse("wagtailadmin_pages:view_draft", args=[self.draft.pk]),
            reverse(
                "wagtailadmin_pages:revisions_view",
                args=[self.live.pk, self.draft_revision.pk],
            ),
            reverse("wagtailadmin_pages:view_draft", args=[self.embargoed.pk]),
        ):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), SECRET)


class PrivateDocumentTests(AccessAssertions, TestCase):
    SECRET_BYTES = b"HEMLIG-RAPPORT zxqsecret"

    @classmethod
    def setUpTestData(cls):
        root = Collection.get_first_root_node()
        cls.private = root.add_child(name="Interna dokument")
        CollectionViewRestriction.objects.create(
            collection=cls.private,
            restriction_type=CollectionViewRestriction.LOGIN,
        )
        cls.editors_only = root.add_child(name="Redaktionens dokument")
        restriction = CollectionViewRestriction.objects.create(
            collection=cls.editors_only,
            restriction_type=CollectionViewRestriction.GROUPS,
        )
        restriction.groups.set([Group.objects.get(name=EDITORS)])
        cls.nobody = make_user("dok-ingen")
        cls.editor = make_user("dok-redaktor", EDITORS)

    def document(self, collection, name):
        Document = get_document_model()
        document = Document.objects.create(
            title="Hemlig rapport",
            file=ContentFile(self.SECRET_BYTES, name=name),
            collection=collection,
        )
        self.addCleanup(document.file.delete, save=False)
        return document

    def body(self, response):
        if response.streaming:
            return b"".join(response.streaming_content)
        return response.content

    def test_login_restricted_document_is_not_served_to_anonymous_readers(self):
        document = self.document(self.private, "hemlig-rapport.txt")
        url = reverse("wagtaildocs_serve", args=[document.pk, document.filename])
        self.assertTrue(url.startswith("/documents/"))
        response = self.client.get(url)
        self.assert_login_redirect(response, url)
        self.assertNotIn(self.SECRET_BYTES, self.body(response))
        # The file is not reachable under /media/ either.
        response = self.client.get(document.file.url)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.SECRET_BYTES, self.body(response))
        # Control: a logged-in user gets the file.
        self.client.force_login(self.nobody)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.body(response), self.SECRET_BYTES)

    def test_group_restricted_document_is_not_served_to_other_users(self):
        document = self.document(self.editors_only, "redaktionens-rapport.txt")
        url = reverse("wagtaildocs_serve", args=[document.pk, document.filename])
        self.assert_login_redirect(self.client.get(url), url)
        self.client.force_login(self.nobody)
        response = self.client.get(url)
        self.assert_refused(response, url, secret="HEMLIG-RAPPORT")
        self.client.force_login(self.editor)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.body(response), self.SECRET_BYTES)


@override_settings(PAGE_CACHE_ENABLED=False)
class AdminAccessTests(AccessAssertions, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.nobody = make_user("admin-ingen")
        cls.editor = make_user("admin-redaktor", EDITORS)
        page = PressReleasePage.objects.live().first()
        Feedback.objects.create(
            page=page, language="sv", helpful=False, comment=f"Läsarkommentar {SECRET}"
        )
        cls.page = page

    def report_urls(self):
        return [
            reverse("cms_feedback_report"),
            reverse("cms_feedback_report") + "?export=csv",
            reverse("cms_feedback_report_results"),
            reverse("cms_feedback_detail") + f"?page={self.page.pk}",
            reverse("cms_translation_status"),
            reverse("cms_translation_status_results"),
            reverse("cms_translation_status") + "?export=csv",
        ]

    def test_admin_sends_anonymous_visitors_to_the_login(self):
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/admin/login/?next=/admin/")
        for url in ["/admin/pages/", *self.report_urls()]:
            with self.subTest(url=url):
                self.assert_login_redirect(self.client.get(url), url)

    def test_user_without_admin_access_cannot_get_in(self):
        self.client.force_login(self.nobody)
        self.assertFalse(self.nobody.has_perm("wagtailadmin.access_admin"))
        response = self.client.get("/admin/")
        self.assert_login_redirect(response, "/admin/")
        for url in [
            "/admin/pages/",
            reverse("wagtailadmin_explore", args=[self.page.get_parent().pk]),
            reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            *self.report_urls(),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assert_login_redirect(response, url)
                self.assertNotIn(self.page.title.encode(), response.content)

    def test_reports_are_refused_without_admin_access_and_work_with_it(self):
        self.client.force_login(self.nobody)
        for url in self.report_urls():
            with self.subTest(url=url):
                self.assert_refused(self.client.get(url), url)
        # Control: a reviewer (whose role reads readers' comments) does.
        self.client.force_login(make_user("roll-granskare-kommentar", PUBLISHERS))
        response = self.client.get(
            reverse("cms_feedback_detail"), {"page": self.page.pk}
        )
        self.assertContains(response, f"Läsarkommentar {SECRET}")
        self.assertEqual(self.client.get("/admin/").status_code, 200)


@override_settings(PAGE_CACHE_ENABLED=False)
class CrossRoleActionTests(AccessAssertions, TestCase):
    """A role cannot reach another role's actions by typing the URL."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("roll-redaktor", EDITORS)
        cls.publisher = make_user("roll-publicist", PUBLISHERS)
        cls.translator = make_user("roll-oversattare", TRANSLATORS)
        cls.admin_user = make_user("roll-admin", ADMINS)
        cls.release = make_release(
            title_sv="Rollnyhet", title_en="Role news", lead_en="English lead."
        )
        cls.person = Person.objects.create(
            name="Anna Andersson", role_sv="pressansvarig", role_en="press officer"
        )

    def live_state(self, page):
        page = PressReleasePage.objects.get(pk=page.pk)
        return (page.live, page.live_revision_id, page.title_sv, page.title_en)

    def test_editor_cannot_unpublish_or_delete_a_live_release(self):
        before = self.live_state(self.release)
        self.client.force_login(self.editor)
        for name in ("unpublish", "delete"):
            url = reverse(f"wagtailadmin_pages:{name}", args=[self.release.pk])
            with self.subTest(action=name):
                self.assert_refused(self.client.get(url), url, secret="Rollnyhet")
                self.client.post(url, {"include_descendants": "on"})
                self.assertEqual(self.live_state(self.release), before)
        self.assertEqual(self.client.get("/nyheter/rollnyhet/").status_code, 200)

    def test_editor_cannot_publish_from_the_edit_view(self):
        self.client.force_login(self.editor)
        before = self.live_state(self.release)
        response = edit(
            self.client,
            self.release,
            **release_form(self.release, title_sv="Publicerad av redaktör"),
            **{"action-publish": "1"},
        )
        self.assertIn(response.status_code, (200, 302))
        self.assertEqual(self.live_state(self.release), before)
        self.assertNotContains(
            self.client.get("/nyheter/rollnyhet/"), "Publicerad av redaktör"
        )

    def test_editor_cannot_approve_a_workflow_task(self):
        draft = make_release(title_sv="Väntar på granskning", publish=False)
        state = draft.get_workflow().start(draft, self.editor)
        task_state = state.current_task_state
        self.client.force_login(self.editor)
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[draft.pk, "approve", task_state.pk],
        )
        self.client.post(url, {"comment": "Godkänner själv"})
        task_state.refresh_from_db()
        state.refresh_from_db()
        self.assertEqual(task_state.status, TaskState.STATUS_IN_PROGRESS)
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertFalse(PressReleasePage.objects.get(pk=draft.pk).live)
        # Control: a publisher may.
        self.client.force_login(self.publisher)
        self.client.post(url, {"comment": ""})
        task_state.refresh_from_db()
        self.assertEqual(task_state.status, TaskState.STATUS_APPROVED)

    def test_translator_cannot_approve_the_review_step(self):
        draft = make_release(title_sv="Granskas", publish=False)
        state = draft.get_workflow().start(draft, self.editor)
        task_state = state.current_task_state
        self.assertEqual(task_state.task.name, "Granskning")
        self.client.force_login(self.translator)
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[draft.pk, "approve", task_state.pk],
            ),
            {"comment": ""},
        )
        task_state.refresh_from_db()
        self.assertEqual(task_state.status, TaskState.STATUS_IN_PROGRESS)

    def test_editor_and_publisher_cannot_manage_users_or_workflows(self):
        admin_username = self.admin_user.username
        workflow = Workflow.objects.get(name="Pressmeddelanden")
        for user in (self.editor, self.publisher, self.translator):
            self.client.force_login(user)
            for url in (
                reverse("wagtailusers_users:index"),
                reverse("wagtailusers_users:add"),
                reverse("wagtailusers_groups:index"),
                reverse("wagtailadmin_workflows:index"),
                reverse("wagtailadmin_workflows:edit", args=[workflow.pk]),
                reverse(
                    "wagtailsettings:edit",
                    args=[
                        "cms",
                        "sitesettings",
                        Site.objects.get(is_default_site=True).pk,
                    ],
                ),
            ):
                with self.subTest(user=user.username, url=url):
                    self.assert_refused(
                        self.client.get(url), url, secret=admin_username
                    )
            # POSTs change nothing either.
            users_before = User.objects.count()
            self.client.post(
                reverse("wagtailusers_users:add"),
                {
                    "username": f"inkraktare-{user.pk}",
                    "email": "x@example.org",
                    "first_name": "In",
                    "last_name": "Kräktare",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                    "is_active": "on",
                    "is_superuser": "on",
                    "groups": [Group.objects.get(name=ADMINS).pk],
                },
            )
            self.assertEqual(User.objects.count(), users_before)
            self.client.post(
                reverse("wagtailusers_users:edit", args=[user.pk]),
                {
                    "username": user.username,
                    "email": user.email,
                    "first_name": "",
                    "last_name": "",
                    "is_active": "on",
                    "is_superuser": "on",
                    "groups": [Group.objects.get(name=ADMINS).pk],
                },
            )
            user.refresh_from_db()
            self.assertFalse(user.is_superuser)
            self.assertNotIn(ADMINS, set(user.groups.values_list("name", flat=True)))
            self.client.post(
                reverse("wagtailadmin_workflows:disable", args=[workflow.pk])
            )
            workflow.refresh_from_db()
            self.assertTrue(workflow.active)
        # Control: an administrator does reach the user list.
        self.client.force_login(self.admin_user)
        self.assertContains(
            self.client.get(reverse("wagtailusers_users:index")), admin_username
        )

    def test_editor_cannot_edit_pages_outside_their_sections(self):
        page = make_page(
            home_page(), ContentPage, title_sv="Om regionen", intro_sv="Om oss."
        )
        self.client.force_login(self.editor)
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.assert_refused(self.client.get(url), url, secret="Om oss.")
        self.client.post(
            url,
            {
                "title_sv": "Kapad",
                "slug_sv": "kapad",
                "intro_sv": "Kapad",
                "action-publish": "1",
            },
        )
        page = ContentPage.objects.get(pk=page.pk)
        self.assertEqual((page.title_sv, page.slug_sv), ("Om regionen", "om-regionen"))
        self.assertEqual(page.get_latest_revision_as_object().title_sv, "Om regionen")

    def test_editor_cannot_delete_a_person(self):
        self.client.force_login(self.editor)
        url = reverse(
            Person.snippet_viewset.get_url_name("delete"), args=[self.person.pk]
        )
        self.client.post(url)
        self.assertTrue(Person.objects.filter(pk=self.person.pk).exists())

    def test_translator_cannot_publish_from_the_edit_view(self):
        page = make_release(
            title_sv="Översättningsnyhet",
            title_en="Translation news",
        )
        before = self.live_state(page)
        self.client.force_login(self.translator)
        edit(
            self.client,
            page,
            **release_form(page, title_en="Published by a translator"),
            **{"action-publish": "1"},
        )
        self.assertEqual(self.live_state(page), before)
        self.client.logout()
        response = self.client.get("/en/news/translation-news/")
        self.assertContains(response, "Translation news")
        self.assertNotContains(response, "Published by a translator")

    def test_translator_cannot_change_swedish_fields_or_settings(self):
        other = make_user("agare-sv")
        page = make_release(title_sv="Svensk rubrik", title_en="")
        in_translation_step(page, make_user("granskare-steg", PUBLISHERS))
        self.client.force_login(self.translator)
        future = (timezone.now() + timezone.timedelta(days=30)).strftime(
            "%Y-%m-%d %H:%M"
        )
        form = release_form(
            page,
            title_sv="Ändrad av översättare",
            slug_sv="andrad-av-oversattare",
            lead_sv="Ändrad ingress",
            body_sv=[("text", "<p>Ändrad brödtext</p>")],
            title_en="English title",
            slug_en="english-title",
            lead_en="English lead.",
            body_en=[("text", "<p>English body.</p>")],
            kind="news",
            press_contacts=[{"person": self.person.pk}],
        )
        form.update(
            {
                "seo_title_sv": "Ändrad SEO",
                "search_description_sv": "Ändrad beskrivning",
                "swedish_only": "on",
                "go_live_at": future,
                "expire_at": future,
                "feedback_contact": other.pk,
                "show_in_menus": "on",
            }
        )
        response = edit(self.client, page, **form)
        self.assertEqual(response.status_code, 302, response.content[:1000])
        latest = PressReleasePage.objects.get(
            pk=page.pk
        ).get_latest_revision_as_object()
        # The English fields are saved (so the form really was accepted)...
        self.assertEqual(latest.title_en, "English title")
        self.assertEqual(latest.lead_en, "English lead.")
        # ...and nothing else changed.
        self.assertEqual(latest.title_sv, "Svensk rubrik")
        self.assertEqual(latest.slug_sv, "svensk-rubrik")
        self.assertEqual(latest.lead_sv, "En kort ingress.")
        self.assertEqual(latest.body_sv.raw_data[0]["value"], "<p>Brödtext.</p>")
        self.assertEqual(latest.kind, "press_release")
        self.assertFalse(latest.swedish_only)
        self.assertIsNone(latest.go_live_at)
        self.assertIsNone(latest.expire_at)
        self.assertIsNone(latest.feedback_contact_id)
        self.assertFalse(latest.seo_title_sv)
        self.assertFalse(latest.search_description_sv)
        self.assertFalse(latest.show_in_menus)
        self.assertEqual(list(latest.press_contacts.all()), [])

    def test_translator_cannot_restore_old_swedish_text_by_reverting(self):
        page = make_release(title_sv="Första svenska rubriken", title_en="First title")
        old_revision = page.latest_revision
        page.title_sv = "Andra svenska rubriken"
        page.lead_sv = "Andra ingressen."
        page.save_revision().publish()
        self.client.force_login(self.translator)
        url = reverse(
            "wagtailadmin_pages:revisions_revert", args=[page.pk, old_revision.pk]
        )
        revisions_before = page.revisions.count()
        # Reverting is refused for translators (Wagtail answers with a redirect and
        # a message), so an old revision cannot bring back old Swedish text.
        self.assertEqual(self.client.get(url).status_code, 302)
        response = self.client.post(
            url, release_form(page, title_en="Reverted by translator")
        )
        self.assertEqual(response.status_code, 302, response.content[:500])
        latest = PressReleasePage.objects.get(
            pk=page.pk
        ).get_latest_revision_as_object()
        self.assertEqual(page.revisions.count(), revisions_before)
        self.assertEqual(latest.title_en, "First title")
        self.assertEqual(
            (latest.title_sv, latest.lead_sv),
            ("Andra svenska rubriken", "Andra ingressen."),
        )

    def test_translator_cannot_change_a_persons_name(self):
        self.client.force_login(self.translator)
        url = reverse(
            Person.snippet_viewset.get_url_name("edit"), args=[self.person.pk]
        )
        response = self.client.post(
            url,
            {
                "name": "Kapat namn",
                "role_sv": "kapad roll",
                "role_en": "communications officer",
                "organisation_sv": "",
                "organisation_en": "",
                "party": "X",
                "email": "kapad@example.org",
                "phone": "",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:1000])
        # The change is a draft (a reviewer publishes it); its Swedish is untouched.
        person = Person.objects.get(pk=self.person.pk).get_latest_revision_as_object()
        self.assertEqual(person.role_en, "communications officer")
        self.assertEqual(
            (person.name, person.role_sv, person.party, person.email),
            ("Anna Andersson", "pressansvarig", "", ""),
        )
        live = Person.objects.get(pk=self.person.pk)
        self.assertNotEqual(live.role_en, "communications officer")

    def test_translator_cannot_unpublish_or_delete(self):
        before = self.live_state(self.release)
        self.client.force_login(self.translator)
        for name in ("unpublish", "delete"):
            self.client.post(
                reverse(f"wagtailadmin_pages:{name}", args=[self.release.pk])
            )
            self.assertEqual(self.live_state(self.release), before)
        self.assertTrue(Page.objects.filter(pk=self.release.pk).exists())
