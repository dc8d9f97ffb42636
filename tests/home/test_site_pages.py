"""The accessibility statement, the cookie page, alt text and the editor's checker."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from cms.models import CustomImage
from tests.press.test_pages import SEED_SV


class AccessibilityStatementTests(TestCase):
    def test_swedish_statement_has_what_digg_requires(self):
        html = self.client.get("/tillganglighetsredogorelse/").content.decode()
        for text in (
            "Region Blekinge står bakom nyhetsrum.example.se",
            "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service",
            "Innehåll som inte är tillgängligt",
            "Äldre pressmeddelanden kan ha bifogade PDF-filer",
            "Varför det inte är åtgärdat:",
            "Åtgärdas senast:</strong> 30 juni 2027",
            "Inget datum bestämt än",
            "Vi har själva bedömt webbplatsen (egen bedömning)",
            "granskades senast den 27 november 2026",
            'href="mailto:tillganglighet@example.org"',
            "Vi svarar inom fem arbetsdagar.",
            'href="https://www.digg.se/tdosanmalan"',
        ):
            self.assertIn(text, html)

    def test_english_statement(self):
        html = self.client.get("/en/accessibility-statement/").content.decode()
        for text in (
            "The website is partially compliant with the Act on accessibility to digital public services",
            "Older press releases may have attached PDF files",
            "To be fixed by:</strong> 30 June 2027",
            "We have assessed the website ourselves (self-assessment)",
            "last reviewed on 27 November 2026",
            "We reply within five working days.",
            "Report a website that is not accessible to DIGG",
        ):
            self.assertIn(text, html)

    def test_linked_from_the_footer_of_every_page(self):
        for url in (
            "/",
            "/nyheter/",
            SEED_SV,
            "/projekt/kickstart-s3/",
            "/sok/",
            "/finns-inte/",
        ):
            response = self.client.get(url)
            self.assertContains(
                response,
                'href="/tillganglighetsredogorelse/"',
                status_code=response.status_code,
            )
            self.assertContains(
                response, 'href="/kakor/"', status_code=response.status_code
            )
        self.assertContains(
            self.client.get("/en/news/"), 'href="/en/accessibility-statement/"'
        )


class CookiePageTests(TestCase):
    def test_lists_the_cookies_the_site_sets(self):
        for url, readers, editors in (
            (
                "/kakor/",
                "Webbplatsen sätter inga kakor när du läser den.",
                "Kakor för redaktörer",
            ),
            (
                "/en/cookies/",
                "This website sets no cookies when you read it.",
                "Cookies for editors",
            ),
        ):
            html = self.client.get(url).content.decode()
            self.assertIn(readers, html)
            self.assertIn(editors, html)
            self.assertIn(f"<code>{settings.SESSION_COOKIE_NAME}</code>", html)
            self.assertIn(f"<code>{settings.CSRF_COOKIE_NAME}</code>", html)
            self.assertIn("<code>wagtail_sidebar_collapsed</code>", html)

    def test_admin_sets_no_cookie_the_page_does_not_list(self):
        from django.contrib.auth import get_user_model

        listed = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
        get_user_model().objects.create_superuser("admin", "a@example.org", "x" * 12)
        self.client.get("/admin/login/")
        self.client.post(
            "/admin/login/", {"username": "admin", "password": "x" * 12}, follow=True
        )
        # Unlocking a page shows a message ("… är nu upplåst"): kept in the session.
        from django.urls import reverse

        from wagtail.models import Page

        home = Page.objects.get(depth=2)
        self.client.post(reverse("wagtailadmin_pages:lock", args=[home.pk]))
        response = self.client.post(
            reverse("wagtailadmin_pages:unlock", args=[home.pk])
        )
        self.assertEqual(response.status_code, 302)
        self.assertIn("_messages", self.client.session)
        self.assertLessEqual(set(self.client.cookies), listed)


class EditorChecksTests(TestCase):
    def setUp(self):
        self.admin = get_user_model().objects.create_superuser(
            "a11yadmin", "a@example.org", "x"
        )
        self.client.force_login(self.admin)

    def test_wagtail_accessibility_checker_is_on_for_editors(self):
        response = self.client.get(SEED_SV)
        self.assertContains(response, "checker-axe-configuration")
        self.client.logout()
        self.assertNotContains(self.client.get(SEED_SV), "checker-axe-configuration")

    def _upload(self, **data):
        from io import BytesIO

        from PIL import Image

        buffer = BytesIO()
        Image.new("RGB", (40, 30), "#336699").save(buffer, format="PNG")
        upload = SimpleUploadedFile(
            "bild.png", buffer.getvalue(), content_type="image/png"
        )
        return self.client.post(
            reverse("wagtailimages:add"),
            {"title": "Uppladdad bild", "file": upload, **data},
        )

    def test_image_upload_requires_alt_text(self):
        response = self._upload(description_sv="")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Beskriv vad bilden visar")
        self.assertFalse(CustomImage.objects.filter(title="Uppladdad bild").exists())
        self._upload(description_sv="Ett blått fält", description_en="A blue field")
        image = CustomImage.objects.get(title="Uppladdad bild")
        self.assertEqual(image.description_sv, "Ett blått fält")

    def test_decorative_image_needs_no_alt_text(self):
        self._upload(description_sv="", is_decorative="on")
        self.assertTrue(CustomImage.objects.get(title="Uppladdad bild").is_decorative)


class AltTextLanguageTests(TestCase):
    """Alt text shown in Swedish on an English page is marked lang="sv"."""

    def test_swedish_alt_text_on_english_pages_is_marked(self):
        from wagtail.images.tests.utils import get_test_image_file

        from tests.builders import make_release

        only_swedish = CustomImage.objects.create(
            title="Hamnen",
            file=get_test_image_file(filename="alt-sv.png", size=(24, 16)),
            description_sv="Fartyg i Karlskrona hamn",
        )
        both = CustomImage.objects.create(
            title="Hamnen 2",
            file=get_test_image_file(filename="alt-both.png", size=(24, 16)),
            description_sv="Kran i hamnen",
            description_en="A crane in the harbour",
        )
        self.addCleanup(only_swedish.file.delete, False)
        self.addCleanup(both.file.delete, False)
        for image, english_alt, marked in (
            (only_swedish, "Fartyg i Karlskrona hamn", True),
            (both, "A crane in the harbour", False),
        ):
            with self.subTest(image=image.title):
                release = make_release(
                    title_sv=f"Bild {image.pk}",
                    title_en=f"Picture {image.pk}",
                    image=image,
                )
                with translation.override("en"):
                    english = self.client.get(release.url).content.decode()
                with translation.override("sv"):
                    swedish = self.client.get(release.url).content.decode()
                img = re.search(r'<img [^>]*alt="[^"]+"[^>]*>', english).group(0)
                self.assertIn(f'alt="{english_alt}"', img)
                self.assertEqual('lang="sv"' in img, marked)
                swedish_img = re.search(r'<img [^>]*alt="[^"]+"[^>]*>', swedish)
                self.assertNotIn('lang="', swedish_img.group(0))
