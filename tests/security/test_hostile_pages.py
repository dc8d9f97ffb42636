"""The hostile payloads of test_hostile_input in the pages it did not cover: the
strategy page, specialisation areas, projects and site pages, in both languages,
with their listings; and in the e-mails Wagtail's workflow sends reviewers."""

import datetime

from django.core import mail
from django.test import TestCase, override_settings

from cms.editorial.roles import EDITORS, PUBLISHERS
from home.models import ContentPage
from specialisation.models import (
    ProjectIndexPage,
    ProjectPage,
    SpecialisationAreaPage,
    StrategyPage,
)
from tests.builders import home_page, make_page
from tests.cms.test_workflows import make_user
from tests.security.test_hostile_input import (
    DANGEROUS,
    PAYLOADS,
    HostileAssertions,
    editor_html,
    storable,
)


def body(payload: str) -> list[dict]:
    text = storable(payload)[:180]
    return [
        {"type": "heading", "value": {"text": text, "level": "h2"}},
        {"type": "text", "value": editor_html(storable(payload)[:2000])},
        {
            "type": "quote",
            "value": {
                "text": text,
                "person": None,
                "name": text[:120],
                "role_sv": text,
                "role_en": text,
                "party": text[:12],
            },
        },
        {
            "type": "call_to_action",
            "value": {"text": text[:120], "page": None, "url": "https://example.org/"},
        },
    ]


@override_settings(
    PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False, ROUTE_CACHE_ENABLED=False
)
class HostileStrategyAndSitePagesTests(HostileAssertions, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = []
        strategy = StrategyPage.objects.get()
        projects = ProjectIndexPage.objects.get()
        for n, payload in enumerate(PAYLOADS.values()):
            text = storable(payload)
            title = f"{text[:200]} zxpage{n}"
            common = {
                "title_sv": title,
                "slug_sv": f"fientlig-{n}",
                "title_en": f"{title} en",
                "slug_en": f"hostile-{n}",
                "body_sv": body(payload),
                "body_en": body(payload),
            }
            cls.pages += [
                make_page(
                    strategy,
                    SpecialisationAreaPage,
                    short_description_sv=text,
                    short_description_en=text,
                    focus_themes_sv=text[:200],
                    **common,
                ),
                make_page(
                    projects,
                    ProjectPage,
                    summary_sv=text,
                    summary_en=text,
                    start_date=datetime.date(2024, 1, 1),
                    **{**common, "slug_sv": f"projekt-{n}", "slug_en": f"project-{n}"},
                ),
                make_page(
                    home_page(),
                    ContentPage,
                    intro_sv=text,
                    intro_en=text,
                    **{**common, "slug_sv": f"sida-{n}", "slug_en": f"page-{n}"},
                ),
            ]

    def test_every_page_escapes_every_field_in_both_languages(self):
        from django.utils import translation

        for page in self.pages:
            for language in ("sv", "en"):
                with translation.override(language):
                    url = page.url
                with self.subTest(url=url):
                    _response, html = self.get_safe(url)
                    self.assertIn(f'<html lang="{language}">', html)

    def test_listings_escape_titles_and_descriptions(self):
        for url in ("/", "/en/", StrategyPage.objects.get().url, "/projekt/", "/en/"):
            with self.subTest(url=url):
                self.get_safe(url)


@override_settings(PAGE_CACHE_ENABLED=False)
class HostileWorkflowEmailTests(TestCase):
    def test_reviewers_get_the_title_as_text(self):
        editor = make_user("redaktor-fientlig", EDITORS)
        make_user("granskare-fientlig", PUBLISHERS, email="granskare@example.org")
        for n, payload in enumerate(PAYLOADS.values()):
            mail.outbox.clear()
            page = make_page(
                StrategyPage.objects.get(),
                SpecialisationAreaPage,
                title_sv=f"{storable(payload)[:200]} {n}",
                slug_sv=f"mejl-{n}",
                short_description_sv="Kort.",
                publish=False,
            )
            page.save_revision(user=editor)
            page.get_workflow().start(page, editor)
            to_reviewer = [m for m in mail.outbox if "granskare@example.org" in m.to]
            self.assertTrue(to_reviewer, payload[:20])
            for message in to_reviewer:
                self.assertNotIn("\n", message.subject)
                bodies = [message.body] + [
                    content for content, _type in getattr(message, "alternatives", [])
                ]
                html = bodies[-1]
                for bad in DANGEROUS:
                    self.assertNotIn(bad, html, f"{payload[:20]} in HTML mail")

    def test_a_title_cannot_add_mail_headers(self):
        editor = make_user("redaktor-rubrik", EDITORS)
        make_user("granskare-rubrik", PUBLISHERS, email="granskare2@example.org")
        page = make_page(
            StrategyPage.objects.get(),
            SpecialisationAreaPage,
            title_sv="Rubrik\r\nBcc: evil@example.org",
            slug_sv="rubrik-huvud",
            short_description_sv="Kort.",
            publish=False,
        )
        page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
        for message in mail.outbox:
            self.assertNotIn(
                "evil@example.org", [*message.to, *message.cc, *message.bcc]
            )
            self.assertNotIn("\n", message.subject)
            self.assertNotIn(
                b"Bcc: evil", message.message().as_bytes().split(b"\n\n")[0]
            )
