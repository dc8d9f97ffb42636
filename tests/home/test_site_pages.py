"""The accessibility statement, the cookie page, alt text and the editor's checker.

The statement and the cookie page are single site pages (max_count 1) that the site
settings link from the footer: the tests keep the demo's pages but fill the
statement with test values of their own, and build the pages they look at.
"""

import datetime
import re
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from PIL import Image

from cms.models import CustomImage
from home.models import AccessibilityStatementPage
from tests.builders import LANGUAGES, make_project, make_release, stream, url_in


def known_problem(problem, reason, fix_by=None):
    return {
        "problem": problem,
        "criterion": "1.1.1 Test",
        "reason": reason,
        "fix_by": fix_by,
    }


class AccessibilityStatementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        page = AccessibilityStatementPage.objects.get()
        page.organisation = "Testregionen"
        page.site_covered = "test.example.se"
        page.intro_sv = "Testregionen står bakom testwebbplatsen."
        page.intro_en = "The Test Region runs the test website."
        page.compliance_status = "partial"
        page.known_problems_sv = stream(
            ("problem", known_problem("Testproblem utan datum.", "Testskäl ett.")),
            (
                "problem",
                known_problem(
                    "Testproblem med datum.",
                    "Testskäl två.",
                    datetime.date(2028, 1, 31),
                ),
            ),
        )
        page.known_problems_en = stream(
            (
                "problem",
                known_problem("Test problem without a date.", "Test reason one."),
            ),
            (
                "problem",
                known_problem(
                    "Test problem with a date.",
                    "Test reason two.",
                    datetime.date(2028, 1, 31),
                ),
            ),
        )
        page.method = "self"
        page.statement_date = datetime.date(2025, 2, 3)
        page.last_reviewed = datetime.date(2026, 4, 5)
        page.contact_email = "testtillganglighet@example.org"
        page.reply_time_sv = "Vi svarar inom ett testdygn."
        page.reply_time_en = "We reply within one test day."
        page.enforcement_url = "https://www.digg.se/tdosanmalan"
        page.save_revision().publish()
        cls.statement = page

    def test_swedish_statement_has_what_digg_requires(self):
        html = self.client.get(url_in(self.statement, "sv")).content.decode()
        for text in (
            "Testregionen står bakom test.example.se",
            "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service",
            "Innehåll som inte är tillgängligt",
            "Testproblem utan datum.",
            "Varför det inte är åtgärdat:</strong> Testskäl ett.",
            "Åtgärdas senast:</strong> 31 januari 2028",
            "Inget datum bestämt än",
            "Vi har själva bedömt webbplatsen (egen bedömning)",
            "togs fram den 3 februari 2025",
            "granskades senast den 5 april 2026",
            'href="mailto:testtillganglighet@example.org"',
            "Vi svarar inom ett testdygn.",
            'href="https://www.digg.se/tdosanmalan"',
        ):
            self.assertIn(text, html)
        self.assertNotIn("Test problem without a date.", html)

    def test_english_statement(self):
        html = self.client.get(url_in(self.statement, "en")).content.decode()
        for text in (
            "Testregionen is responsible for test.example.se",
            "The website is partially compliant with the Act on accessibility to digital public services",
            "Test problem without a date.",
            "To be fixed by:</strong> 31 January 2028",
            "No date set yet",
            "We have assessed the website ourselves (self-assessment)",
            "first made on 3 February 2025",
            "last reviewed on 5 April 2026",
            'href="mailto:testtillganglighet@example.org"',
            "We reply within one test day.",
            "Report a website that is not accessible to DIGG",
        ):
            self.assertIn(text, html)
        self.assertNotIn("Testproblem utan datum.", html)

    def test_linked_from_the_footer_of_every_page(self):
        release = make_release(
            title_sv="Testpressmeddelande i sidfoten",
            title_en="Test press release in the footer",
        )
        project = make_project()
        for language, extra in (
            ("sv", ("/", "/nyheter/", "/sok/", "/finns-inte/")),
            ("en", ("/en/news/", "/en/search/")),
        ):
            statement = url_in(self.statement, language)
            cookies = "/kakor/" if language == "sv" else "/en/cookies/"
            for url in (*extra, url_in(release, language), url_in(project, language)):
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertContains(
                        response,
                        f'href="{statement}"',
                        status_code=response.status_code,
                    )
                    self.assertContains(
                        response,
                        f'href="{cookies}"',
                        status_code=response.status_code,
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
        listed = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
        get_user_model().objects.create_superuser("admin", "a@example.org", "x" * 12)
        self.client.get("/admin/login/")
        self.client.post(
            "/admin/login/", {"username": "admin", "password": "x" * 12}, follow=True
        )
        # Unlocking a page shows a message ("… är nu upplåst"): kept in the session.
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
        release = make_release(
            title_sv="Testpressmeddelande att granska",
            title_en="Test press release to check",
        )
        for language in LANGUAGES:
            with self.subTest(language=language):
                self.client.force_login(self.admin)
                response = self.client.get(url_in(release, language))
                self.assertContains(response, "checker-axe-configuration")
                self.client.logout()
                self.assertNotContains(
                    self.client.get(url_in(release, language)),
                    "checker-axe-configuration",
                )

    def _upload(self, **data):
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
