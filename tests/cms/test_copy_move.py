"""Copying last year's release with translated slugs, changing slugs and moving a
page (the old addresses redirect, in both languages), and previewing a draft in
Swedish and English, through the real admin views as a reviewer and an editor, on
pages the tests build."""

from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect

from cms.editorial.roles import EDITORS, PUBLISHERS
from home.models import ContentPage
from press.models import PressContact, PressReleasePage
from tests.builders import (
    home_page,
    make_page,
    make_person,
    make_release,
    news_index,
    quote,
    stream,
)
from tests.cms.test_workflows import edit, make_user, release_form


def last_years_release():
    """A bilingual release with two press contacts and three blocks a side."""
    person = make_person("Testa Testsson")
    blocks = (
        ("heading", {"text": "Testrubrik", "level": "h2"}),
        ("quote", quote(person, "Ett testcitat.")),
    )
    return make_release(
        title_sv="Testpressmeddelande i fjol",
        slug_sv="testpressmeddelande-i-fjol",
        title_en="Last year's test press release",
        slug_en="last-years-test-press-release",
        body_sv=stream(("text", "<p>Testtext.</p>"), *blocks),
        body_en=stream(("text", "<p>Test text.</p>"), *blocks),
        press_contacts=[
            PressContact(person=person),
            PressContact(person=make_person("Testina Testsson")),
        ],
    )


class CopyMoveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # A reviewer: copies, publishes slug changes and moves pages.
        cls.admin = make_user("kopierare", PUBLISHERS)

    def test_copy_last_years_release_with_translated_slugs(self):
        source = last_years_release()
        self.client.force_login(self.admin)
        response = self.client.post(
            reverse("wagtailadmin_pages:copy", args=[source.pk]),
            {
                "new_title_sv": "Testpressmeddelande igen",
                "new_slug_sv": "testpressmeddelande-igen",
                "new_title_en": "Test press release again",
                "new_slug_en": "test-press-release-again",
                "new_parent_page": news_index().pk,
                "publish_copies": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        copy = PressReleasePage.objects.get(slug_sv="testpressmeddelande-igen")
        self.assertFalse(copy.live)
        self.assertEqual(copy.slug_en, "test-press-release-again")
        self.assertEqual(copy.url_path_sv, "/hem/nyheter/testpressmeddelande-igen/")
        self.assertEqual(copy.url_path_en, "/home/news/test-press-release-again/")
        self.assertEqual(copy.press_contacts.count(), 2)
        self.assertEqual(
            [c.person.name for c in copy.press_contacts.all()],
            ["Testa Testsson", "Testina Testsson"],
        )
        self.assertEqual(len(copy.body_sv), len(source.body_sv))
        self.assertEqual(len(copy.body_en), 3)
        copy.save_revision().publish()
        self.assertContains(
            self.client.get("/nyheter/testpressmeddelande-igen/"),
            "Testpressmeddelande igen",
        )
        self.client.logout()
        self.assertContains(
            self.client.get("/en/news/test-press-release-again/"),
            "Test press release again",
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
        admin = make_user("redaktor-preview", EDITORS)
        self.client.force_login(admin)
        page = make_release(
            title_sv="Testpressmeddelande",
            title_en="Test press release",
            slug_en="test-press-release",
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
                self.client.post(
                    url,
                    release_form(
                        page.get_latest_revision_as_object(),
                        title_sv="Utkastrubrik",
                        title_en="Draft headline",
                    ),
                )
                response = self.client.get(url + f"?mode={mode}")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, expected)
            self.assertContains(response, f'<html lang="{language}">')
        # Readers still see the published version, in both languages.
        for language, title in (
            ("sv", "Testpressmeddelande"),
            ("en", "Test press release"),
        ):
            with translation.override(language):
                response = self.client.get(page.url)
            self.assertContains(response, title)
            self.assertNotContains(response, "Utkastrubrik")
            self.assertNotContains(response, "Draft headline")
