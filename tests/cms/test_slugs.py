"""Slugs must be unique among siblings in each language, checked without loading
every sibling (cms.slugs replaces wagtail-modeltranslation's checks)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from press.models import PressReleasePage
from tests.builders import make_release, news_index

ERROR_SV = "En annan sida på samma nivå använder redan den här sluggen."
ERROR_EN = "Another page at the same level already uses this slug."


def release_form(**fields):
    data = {
        "title_sv": "Ny nyhet",
        "slug_sv": "ny-nyhet",
        "title_en": "",
        "slug_en": "",
        "kind": "news",
        "lead_sv": "Ingress.",
        "lead_en": "",
        "body_sv": streamfield([("text", rich_text("<p>Text</p>"))]),
        "body_en": streamfield([]),
        "press_contacts-TOTAL_FORMS": "0",
        "press_contacts-INITIAL_FORMS": "0",
        "press_contacts-MIN_NUM_FORMS": "0",
        "press_contacts-MAX_NUM_FORMS": "1000",
        **fields,
    }
    return nested_form_data(data)


class SlugTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "webbadmin", "w@example.org", "ett-langt-losenord"
        )
        cls.taken = make_release(
            title_sv="Vätgas i hamnen",
            slug_sv="vatgas",
            title_en="Hydrogen in the harbour",
            slug_en="hydrogen",
        )
        cls.swedish_only = make_release(title_sv="Tång", slug_sv="tang")

    def setUp(self):
        self.client.force_login(self.admin)

    def add(self, **fields):
        url = f"/admin/pages/add/press/pressreleasepage/{news_index().pk}/"
        return self.client.post(url, release_form(**fields))

    def test_a_taken_slug_is_refused_in_each_language_with_a_swedish_message(self):
        response = self.add(slug_sv="vatgas")
        self.assertEqual(response.status_code, 200)
        self.assertIn(ERROR_SV, response.context["form"].errors["slug_sv"])
        response = self.add(
            title_en="New", slug_en="hydrogen", lead_en="Lead.", slug_sv="annan"
        )
        self.assertIn(ERROR_SV, response.context["form"].errors["slug_en"])
        # An English page without its own slug is at /en/news/<Swedish slug>/.
        response = self.add(title_en="Seaweed", slug_en="tang", slug_sv="annan")
        self.assertIn(ERROR_SV, response.context["form"].errors["slug_en"])
        self.assertFalse(PressReleasePage.objects.filter(slug_sv="annan").exists())

    def test_free_slugs_are_saved(self):
        response = self.add(slug_sv="helt-ny", title_en="New", slug_en="brand-new")
        self.assertEqual(response.status_code, 302)
        page = PressReleasePage.objects.get(slug_sv="helt-ny")
        self.assertEqual(page.slug_en, "brand-new")
        # Saving it again (its own slugs) is fine.
        page.title_sv = "Helt ny, ändrad"
        page.full_clean()

    def test_model_clean_checks_both_languages_in_english_too(self):
        from django.utils import translation

        page = PressReleasePage.objects.get(pk=self.swedish_only.pk)
        page.slug_en = "hydrogen"
        with translation.override("en"), self.assertRaises(ValidationError) as caught:
            page.full_clean()
        self.assertEqual(caught.exception.message_dict["slug_en"], [ERROR_EN])

    def test_the_check_loads_no_siblings(self):
        from django.db.models.signals import post_init

        from wagtail.models import Page

        def clean():
            page = PressReleasePage.objects.get(pk=self.taken.pk)
            loaded = []

            def count(sender, instance, **kwargs):
                if isinstance(instance, Page):
                    loaded.append(instance)

            post_init.connect(count)
            try:
                with CaptureQueriesContext(connection) as captured:
                    page.full_clean()
            finally:
                post_init.disconnect(count)
            return len(loaded), len(captured)

        loaded, queries = clean()
        for n in range(15):
            make_release(title_sv=f"Syskon {n}")
        # The parent at most, none of the siblings; as many queries as before.
        self.assertLessEqual(loaded, 1)
        self.assertEqual(clean(), (loaded, queries))
