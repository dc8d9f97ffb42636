"""The demo command builds the site and changes nothing when run again."""

import io

from django.apps import apps
from django.core.management import call_command
from django.test import TestCase

from wagtail.models import Page, Revision


def snapshot() -> dict:
    counts = {
        f"{model._meta.label}": model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {
            "cms",
            "home",
            "press",
            "specialisation",
            "wagtailcore",
            "wagtailimages",
            "taggit",
        }
        and not model._meta.abstract
    }
    pages = {
        page.pk: (
            page.title_sv,
            page.title_en,
            page.url_path_sv,
            page.url_path_en,
            page.latest_revision_id,
            page.last_published_at,
        )
        for page in Page.objects.all()
    }
    return {"counts": counts, "pages": pages}


class DemoCommandTests(TestCase):
    def test_running_twice_changes_nothing(self):
        before = snapshot()
        call_command("load_demo", stdout=io.StringIO())
        self.assertEqual(snapshot(), before)

    def test_demo_pages_have_revisions_and_are_live(self):
        for page in Page.objects.filter(depth__gte=2):
            with self.subTest(page=page.title):
                self.assertTrue(page.live)
                self.assertTrue(
                    Revision.page_revisions.filter(object_id=str(page.pk)).exists()
                )

    def test_admin_user_command(self):
        from django.contrib.auth import get_user_model

        out = io.StringIO()
        with self.settings():
            import os

            os.environ["DJANGO_SUPERUSER_USERNAME"] = "redaktor-admin"
            os.environ["DJANGO_SUPERUSER_PASSWORD"] = "ett-langt-losenord-123"
            try:
                call_command("ensure_admin", stdout=out)
                call_command("ensure_admin", stdout=out)
            finally:
                del os.environ["DJANGO_SUPERUSER_USERNAME"]
                del os.environ["DJANGO_SUPERUSER_PASSWORD"]
        user = get_user_model().objects.get(username="redaktor-admin")
        self.assertTrue(user.is_superuser)
        self.assertTrue(user.check_password("ett-langt-losenord-123"))
        self.assertIn("already exists", out.getvalue())

    def test_admin_user_gets_generated_password_printed_once(self):
        import os

        from django.contrib.auth import get_user_model

        os.environ["DJANGO_SUPERUSER_USERNAME"] = "generated-admin"
        os.environ.pop("DJANGO_SUPERUSER_PASSWORD", None)
        try:
            out = io.StringIO()
            call_command("ensure_admin", stdout=out)
            password = out.getvalue().split("write it down): ")[1].split()[0]
            again = io.StringIO()
            call_command("ensure_admin", stdout=again)
        finally:
            del os.environ["DJANGO_SUPERUSER_USERNAME"]
        user = get_user_model().objects.get(username="generated-admin")
        self.assertTrue(user.check_password(password))
        self.assertNotIn(password, again.getvalue())
