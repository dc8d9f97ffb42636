"""Every admin route and every bulk action, for the roles that should be able to
do the least: a translator and an editor GET and POST each of them, with the ids
of real objects filled in. Nothing may answer with a server error, and afterwards
nothing they may not touch has changed: an approved, scheduled release is still
there and still scheduled, people, organisations and fact boxes are as they were,
and no user, group, workflow, site, setting or redirect has changed. Translators
also leave every image and document in place.
"""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Site, Task, Workflow

from cms.editorial.roles import ADMINS, EDITORS, PUBLISHERS, TRANSLATORS
from cms.models import Person, SiteSettings
from press.models import NewsIndexPage, PressReleasePage
from specialisation.models import FactBox, Organisation
from tests.builders import (
    make_fact_box,
    make_image,
    make_organisation,
    make_person,
    make_release,
)
from tests.cms.test_workflows import make_user

PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
# Routes that end a session or send mail; tried last or not at all.
SKIPPED = (
    "admin/logout/",
    "admin/password_reset/",
    "admin/account/",
    "admin/failwhale/",  # Wagtail's deliberate error, for testing the 500 page
)


def admin_routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    routes = [r for r in walk(get_resolver().url_patterns) if r.startswith("admin/")]
    return sorted(set(routes))


def snapshot():
    return {
        "people": sorted(Person.objects.values_list("pk", "name", "role_sv", "email")),
        "organisations": sorted(Organisation.objects.values_list("pk", "name", "url")),
        "fact_boxes": sorted(FactBox.objects.values_list("pk", "title_sv", "live")),
        "users": sorted(
            get_user_model().objects.values_list("pk", "username", "is_active")
        ),
        "groups": sorted(
            (g.pk, g.name, sorted(g.permissions.values_list("pk", flat=True)))
            for g in Group.objects.all()
        ),
        "workflows": sorted(Workflow.objects.values_list("pk", "name", "active")),
        "tasks": sorted(Task.objects.values_list("pk", "name", "active")),
        "sites": sorted(Site.objects.values_list("pk", "hostname", "root_page_id")),
        "settings": sorted(SiteSettings.objects.values_list("pk", "phone", "email")),
        "redirects": sorted(Redirect.objects.values_list("pk", "old_path")),
        "collections": sorted(Collection.objects.values_list("pk", "name")),
    }


@override_settings(PAGE_CACHE_ENABLED=False)
class AdminRouteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        publisher = make_user("granskare-rutter", PUBLISHERS)
        # Approved and under embargo: not live yet, to go live in three days.
        cls.scheduled = make_release(
            title_sv="Godkänd och schemalagd",
            title_en="Approved and scheduled",
            publish=False,
        )
        cls.scheduled.go_live_at = timezone.now() + timedelta(days=3)
        cls.scheduled.save_revision(user=publisher).publish(user=publisher)
        cls.scheduled = PressReleasePage.objects.get(pk=cls.scheduled.pk)
        cls.pending = make_release(title_sv="Under granskning", publish=False)
        cls.pending.save_revision(user=publisher)
        cls.state = cls.pending.get_workflow().start(cls.pending, publisher)
        cls.person = make_person()
        cls.person.save_revision(user=publisher)
        cls.organisation = make_organisation(
            "Testorganisationen",
            "The Test Organisation",
            url="https://testorganisation.example/",
        )
        cls.organisation.save_revision(user=publisher)
        cls.fact_box = make_fact_box()
        cls.fact_box.save_revision(user=publisher).publish(user=publisher)
        cls.image = make_image("Testbild för rutter")
        cls.document = get_document_model().objects.create(
            title="Rutter", file=SimpleUploadedFile("rutter.pdf", b"%PDF-1.4")
        )
        cls.other_user = make_user("nagon-annan", EDITORS)
        cls.group = Group.objects.get(name=EDITORS)
        cls.redirect = Redirect.objects.create(old_path="/gammal", redirect_link="/")
        cls.news_index_id = NewsIndexPage.objects.get().pk
        cls.users = {
            TRANSLATORS: make_user("oversattare-rutter", TRANSLATORS),
            EDITORS: make_user("redaktor-rutter", EDITORS),
        }
        cls.powerful = {
            PUBLISHERS: make_user("granskare-alla-rutter", PUBLISHERS),
            ADMINS: make_user("admin-alla-rutter", ADMINS),
        }

    def values_for(self, route):
        """The route's parameters, filled with ids of real objects."""
        task_state = self.state.current_task_state
        by_prefix = [
            ("admin/snippets/cms/person/", self.person),
            ("admin/snippets/specialisation/organisation/", self.organisation),
            ("admin/snippets/specialisation/factbox/", self.fact_box),
            ("admin/users/", self.other_user),
            ("admin/groups/", self.group),
            ("admin/workflows/tasks/", task_state.task),
            ("admin/workflows/", self.state.workflow),
            ("admin/collections/", Collection.get_first_root_node()),
            ("admin/sites/", Site.objects.get(is_default_site=True)),
            ("admin/redirects/", self.redirect),
            ("admin/images/", self.image),
            ("admin/documents/", self.document),
        ]
        obj = next((o for prefix, o in by_prefix if route.startswith(prefix)), None)
        page = self.pending if "workflow" in route else self.scheduled
        revision = obj if obj is not None and hasattr(obj, "revisions") else page
        revision = (
            revision.get_latest_revision()
            if hasattr(revision, "get_latest_revision")
            else None
        )
        return {
            "pk": obj.pk if obj is not None else page.pk,
            "page_id": page.pk,
            "page_pk": page.pk,
            "page_to_move_id": self.scheduled.pk,
            "parent_page_id": self.news_index_id,
            "destination_id": Site.objects.get(is_default_site=True).root_page_id,
            "image_id": self.image.pk,
            "document_id": self.document.pk,
            "doc_id": self.document.pk,
            "redirect_id": self.redirect.pk,
            "revision_id": revision.pk if revision else 0,
            "revision_id_a": revision.pk if revision else 0,
            "revision_id_b": revision.pk if revision else 0,
            "task_state_id": task_state.pk,
            "task_id": task_state.task_id,
            "workflow_state_id": self.state.pk,
            "workflow_pk": self.state.workflow_id,
            "action_name": "approve",
            "action": "delete",
            "app_label": "cms",
            "app_name": "cms",
            "model_name": "person" if "snippets" in route else "sitesettings",
            "content_type_app_name": "press",
            "content_type_model_name": "pressreleasepage",
            "content_type_id": page.content_type_id,
            "object_id": self.person.pk,
            "collection_id": Collection.get_first_root_node().pk,
            "filter_spec": "original",
            "uploaded_file_id": 0,
            "session_id": 0,
        }

    def url(self, route):
        values = self.values_for(route)
        names = [name for _conv, name in PARAM.findall(route)]
        if any(name not in values for name in names):
            return None
        path = PARAM.sub(lambda m: str(values[m.group(2)]), route)
        if "^" in path or "(" in path or "?" in path:
            return None  # a regular-expression route (none in the admin today)
        return "/" + path

    def assert_nothing_changed(self, role, before):
        # What they may add (a draft fact box, a person) may be new; what was
        # there before must be as it was.
        after = snapshot()
        for kind, rows in before.items():
            keys = {row[0] for row in rows}
            self.assertEqual(
                [row for row in after[kind] if row[0] in keys], rows, f"{role} {kind}"
            )
        scheduled = PressReleasePage.objects.filter(pk=self.scheduled.pk).first()
        self.assertIsNotNone(scheduled, f"{role} removed the scheduled release")
        self.assertIsNotNone(scheduled.scheduled_revision, role)
        self.assertEqual(scheduled.get_parent().pk, NewsIndexPage.objects.get().pk)
        self.assertFalse(scheduled.locked, role)
        if role == TRANSLATORS:
            self.assertTrue(get_image_model().objects.filter(pk=self.image.pk).exists())
            self.assertTrue(
                get_document_model().objects.filter(pk=self.document.pk).exists()
            )

    def test_every_admin_route_for_translators_and_editors(self):
        routes = [r for r in admin_routes() if not r.startswith(SKIPPED)]
        tried = 0
        self.client.raise_request_exception = False
        failures = []
        for role, user in self.users.items():
            before = snapshot()
            self.client.force_login(user)
            for route in routes:
                url = self.url(route)
                if url is None:
                    continue
                tried += 1
                for method in (self.client.get, self.client.post):
                    response = method(url)
                    if response.status_code >= 500:
                        failures.append(f"{role} {method.__name__} {url}")
            self.assert_nothing_changed(role, before)
        self.maxDiff = None
        self.assertEqual(failures, [])
        self.assertGreater(tried, 300)

    def test_no_admin_route_fails_for_reviewers_and_administrators(self):
        # They may change and delete much of what the routes reach, so only the
        # answers are checked here: never a server error.
        routes = [r for r in admin_routes() if not r.startswith(SKIPPED)]
        self.client.raise_request_exception = False
        failures = []
        for role, user in self.powerful.items():
            self.client.force_login(user)
            for route in routes:
                url = self.url(route)
                if url is None:
                    continue
                for method in (self.client.get, self.client.post):
                    if method(url).status_code >= 500:
                        failures.append(f"{role} {method.__name__} {url}")
        self.maxDiff = None
        self.assertEqual(failures, [])

    def test_every_bulk_action_for_translators_and_editors(self):
        objects = {
            ("wagtailcore", "page"): self.scheduled.pk,
            ("cms", "person"): self.person.pk,
            ("specialisation", "organisation"): self.organisation.pk,
            ("specialisation", "factbox"): self.fact_box.pk,
            ("cms", "user"): self.other_user.pk,
            ("cms", "customimage"): self.image.pk,
            ("wagtaildocs", "document"): self.document.pk,
        }
        bulk_action_registry._scan_for_bulk_actions()
        actions = {
            (app_label, model_name): by_action
            for app_label, models in bulk_action_registry.actions.items()
            for model_name, by_action in models.items()
        }
        tried = 0
        for role, user in self.users.items():
            before = snapshot()
            self.client.force_login(user)
            for (app_label, model_name), by_action in actions.items():
                pk = objects.get((app_label, model_name))
                if pk is None:
                    continue
                for action in by_action:
                    url = (
                        f"/admin/bulk/{app_label}/{model_name}/{action}/"
                        f"?id={pk}&next=/admin/"
                    )
                    tried += 1
                    response = self.client.post(
                        url, {"confirm_site_name": "Region Blekinge"}
                    )
                    self.assertLess(response.status_code, 500, f"{role} {url}")
            self.assert_nothing_changed(role, before)
        self.assertGreater(tried, 20)
