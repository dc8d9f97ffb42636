"""Copying a bilingual page in the admin, as the editor and the reviewer do it.

wagtail-modeltranslation's copy form asks for a new title and slug in each
language. Its slug check loaded every sibling once per language and skipped an
empty English slug, although the copy's English address then falls back to the
Swedish slug: a clash there reached the model's own check and was a 500 on
"copy and publish". The form now runs the model's check (cms.slugs.slug_errors).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import post_init
from django.test import TestCase, override_settings

from wagtail.models import Page

from cms.editorial.roles import EDITORS, PUBLISHERS
from press.models import PressReleasePage
from tests.builders import COLD, make_release, news_index

PASSWORD = "ett-långt-lösenord-för-kopior"
IN_USE = "En annan sida på samma nivå använder redan den här sluggen."


def make_user(username, role):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@override_settings(**COLD)
class CopyFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = make_release(
            title_sv="Testkopia original",
            slug_sv="testkopia-original",
            title_en="Test copy original",
            slug_en="test-copy-original",
        )
        # A sibling whose English slug is what the copy's Swedish slug would be.
        cls.sibling = make_release(
            title_sv="Testkopia granne",
            slug_sv="testkopia-granne",
            title_en="Test copy neighbour",
            slug_en="testkopia-ny",
        )
        cls.editor = make_user("kopierande-redaktor", EDITORS)
        cls.reviewer = make_user("kopierande-granskare", PUBLISHERS)

    def url(self):
        return f"/admin/pages/{self.original.pk}/copy/"

    def post(self, user, **values):
        self.client.force_login(user)
        data = {
            "new_title_sv": "Testkopia ny",
            "new_title_en": "Test copy new",
            "new_slug_sv": "testkopia-ny-sv",
            "new_slug_en": "test-copy-new",
            "new_parent_page": news_index().pk,
        }
        data.update(values)
        return self.client.post(self.url(), data)

    def copies(self):
        return PressReleasePage.objects.filter(title_sv="Testkopia ny")

    def test_the_form_offers_a_title_and_slug_in_each_language(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertEqual(form["new_title_en"].initial, "Test copy original")
        self.assertEqual(form["new_slug_sv"].initial, "testkopia-original")

    def test_the_originals_slugs_are_refused_in_both_languages_in_swedish(self):
        response = self.post(
            self.editor,
            new_slug_sv="testkopia-original",
            new_slug_en="test-copy-original",
        )
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        self.assertEqual(errors["new_slug_sv"], [IN_USE])
        self.assertEqual(errors["new_slug_en"], [IN_USE])
        self.assertFalse(self.copies().exists())

    def test_an_empty_english_slug_is_checked_as_the_swedish_one(self):
        # The copy's English address would be /en/news/testkopia-ny/, the
        # neighbour's English address.
        for user in (self.editor, self.reviewer):
            with self.subTest(user=user.username):
                response = self.post(
                    user,
                    new_slug_sv="testkopia-ny",
                    new_slug_en="",
                    publish_copies="on",
                )
                self.assertEqual(response.status_code, 200)
                errors = response.context["form"].errors
                self.assertEqual(errors["new_slug_en"], [IN_USE])
                self.assertFalse(self.copies().exists())

    def test_the_reviewer_copies_and_publishes_in_both_languages(self):
        response = self.post(self.reviewer, publish_copies="on")
        self.assertEqual(response.status_code, 302)
        copy = self.copies().get()
        self.assertTrue(copy.live)
        self.assertEqual(
            (copy.slug_sv, copy.slug_en), ("testkopia-ny-sv", "test-copy-new")
        )
        self.client.logout()
        sv = self.client.get("/nyheter/testkopia-ny-sv/")
        en = self.client.get("/en/news/test-copy-new/")
        self.assertContains(sv, "Testkopia ny")
        self.assertContains(en, "Test copy new")

    def test_the_editors_copy_is_a_draft(self):
        response = self.post(self.editor, publish_copies="on")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(self.copies().get().live)

    def test_the_check_does_not_load_the_siblings(self):
        # Under a news index of 10,000 releases the package loaded all of them,
        # once per language, for each copy.
        def pages_loaded():
            loaded = []

            def count(sender, instance, **kwargs):
                loaded.append(instance.pk)

            post_init.connect(count, sender=Page)
            try:
                self.post(
                    self.editor,
                    new_slug_sv="testkopia-original",
                    new_slug_en="test-copy-original",
                )
            finally:
                post_init.disconnect(count, sender=Page)
            return len(loaded)

        before = pages_loaded()
        for n in range(5):
            make_release(title_sv=f"Testkopia fler {n}", title_en=f"Test more {n}")
        self.assertEqual(pages_loaded(), before)

    def test_a_parent_outside_the_editors_pages_is_refused_in_swedish(self):
        root = Page.get_first_root_node()
        response = self.post(self.editor, new_parent_page=root.pk)
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors["new_parent_page"]
        self.assertEqual(
            errors,
            [
                "Du har inte behörighet att kopiera till sidan "
                f"”{root.get_admin_display_title()}”."
            ],
        )
        self.assertFalse(self.copies().exists())
