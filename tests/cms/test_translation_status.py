"""Translation status through real revisions, the report and its export, the
mark-as-checked action, the outdated notice and the copy-layout action."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageLogEntry

from cms.models import Person, TranslationStatus
from press.models import NewsIndexPage, PressReleasePage
from specialisation.models import FactBox
from tests.builders import (
    make_fact_box,
    make_image,
    make_person,
    make_release,
    stream,
)


def status_of(obj):
    return TranslationStatus.objects.get(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def publish(page, **changes):
    page = PressReleasePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class StatusTransitionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "statusadmin", "s@example.org", "x"
        )

    def test_edit_swedish_outdated_edit_english_complete_and_check(self):
        page = make_release(title_sv="Statusnyhet", title_en="Status news")
        self.assertEqual(status_of(page).status, "complete")
        self.assertEqual(page.translation_status, "complete")

        # A Swedish edit makes the English outdated, field by field.
        page = publish(page, lead_sv="En ny svensk ingress.")
        status = status_of(page)
        self.assertEqual(status.status, "outdated")
        self.assertEqual(status.outdated_fields, ["lead"])
        self.assertEqual(page.translation_status, "outdated")
        self.assertIsNotNone(page.swedish_changed_at)

        # Readers of the English page get a notice with the date and a link.
        response = self.client.get("/en/news/status-news/")
        self.assertContains(response, "The Swedish version of this page was updated on")
        self.assertContains(response, 'href="/nyheter/statusnyhet/" hreflang="sv"')
        self.assertNotContains(
            self.client.get("/nyheter/statusnyhet/"), 'class="notice"'
        )

        # Translating the lead makes it complete again.
        page = publish(page, lead_en="A new English lead.")
        self.assertEqual(status_of(page).status, "complete")
        self.assertNotContains(
            self.client.get("/en/news/status-news/"),
            "The Swedish version of this page was updated on",
        )

        # A typo fix in Swedish, marked as checked: complete, and in the audit log.
        page = publish(page, title_sv="Statusnyheten")
        self.assertEqual(status_of(page).outdated_fields, ["title"])
        self.client.force_login(self.admin)
        row = status_of(page)
        url = reverse(
            "cms_mark_english_checked", args=[row.content_type_id, row.object_id]
        )
        confirm = self.client.get(url)
        self.assertContains(confirm, "titel")
        self.client.post(url)
        self.assertEqual(status_of(page).status, "complete")
        page.refresh_from_db()
        self.assertEqual(page.translation_status, "complete")
        entry = PageLogEntry.objects.filter(
            page=page, action="cms.translation_checked"
        ).get()
        self.assertEqual(entry.user, self.admin)
        self.assertEqual(entry.data["fields"], ["title"])

    def test_swedish_only_and_incomplete(self):
        swedish = make_release(title_sv="Endast svensk status")
        self.assertEqual(status_of(swedish).status, "sv_only")
        partial = make_release(
            title_sv="Halvöversatt", title_en="Half translated", lead_en="", body_en=[]
        )
        status = status_of(partial)
        self.assertEqual(status.status, "incomplete")
        self.assertEqual(status.missing_fields, ["lead", "body"])
        marked = make_release(
            title_sv="Flaggad svensk", title_en="Flagged", swedish_only=True
        )
        self.assertEqual(status_of(marked).status, "sv_only")

    def test_drafts_do_not_change_the_published_status(self):
        page = make_release(title_sv="Utkaststatus", title_en="Draft status")
        page.lead_sv = "Utkast som inte publiceras."
        page.save_revision()
        self.assertEqual(status_of(page).status, "complete")

    def test_snippets_have_a_status_too(self):
        box = FactBox.objects.create(
            title_sv="Fakta", title_en="Facts", body_sv="<p>Sv</p>", body_en="<p>En</p>"
        )
        box.save_revision().publish()
        self.assertEqual(status_of(box).status, "complete")
        box.body_sv = "<p>Ny svensk fakta</p>"
        box.save_revision().publish()
        self.assertEqual(status_of(box).outdated_fields, ["body"])
        person = Person.objects.create(name="Eva Ek", role_sv="chef")
        person.save_revision().publish()
        self.assertEqual(status_of(person).status, "sv_only")
        person.role_en = "manager"
        person.save_revision().publish()
        self.assertEqual(status_of(person).status, "complete")

    def test_status_panel_on_the_edit_view(self):
        page = make_release(title_sv="Panelnyhet", title_en="Panel news")
        page = publish(page, lead_sv="Ändrad ingress.")
        self.client.force_login(self.admin)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(
            response, "Den svenska texten har ändrats sedan den engelska"
        )
        self.assertContains(response, "Ingress")
        self.assertContains(response, "Markera engelskan som kontrollerad")

    @override_settings(PAGE_CACHE_ENABLED=False)
    def test_the_notice_costs_no_extra_queries(self):
        complete = make_release(title_sv="Kostnad ett", title_en="Cost one")
        outdated = make_release(title_sv="Kostnad två", title_en="Cost two")
        outdated = publish(outdated, lead_sv="Ny.")
        counts = []
        for url in ("/en/news/cost-one/", "/en/news/cost-two/"):
            self.client.get(url)
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            counts.append(len(queries.captured_queries))
        self.assertEqual(counts[0], counts[1])
        del complete


class ReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "reportadmin", "r@example.org", "x"
        )
        cls.page = make_release(title_sv="Rapportnyhet", title_en="Report news")
        cls.page = publish(cls.page, lead_sv="Ny ingress i rapporten.")
        make_release(title_sv="Testpressmeddelande komplett", title_en="Complete")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_report_lists_and_filters(self):
        url = reverse("cms_translation_status")
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Översättningsstatus")
        self.assertContains(response, "Rapportnyhet")
        outdated = self.client.get(url, {"status": "outdated"})
        self.assertContains(outdated, "Rapportnyhet")
        self.assertNotContains(outdated, "Testpressmeddelande komplett")
        complete = self.client.get(url, {"status": "complete"})
        self.assertNotContains(complete, "Rapportnyhet")
        self.assertContains(complete, "Testpressmeddelande komplett")
        news = NewsIndexPage.objects.get()
        section = self.client.get(url, {"section": news.pk, "status": "outdated"})
        self.assertContains(section, "Rapportnyhet")
        kind = ContentType.objects.get_for_model(FactBox)
        self.assertNotContains(
            self.client.get(url, {"content_type": kind.pk}), "Rapportnyhet"
        )

    def test_export(self):
        url = reverse("cms_translation_status")
        response = self.client.get(url, {"status": "outdated", "export": "csv"})
        self.assertEqual(response.status_code, 200)
        content = (
            b"".join(response.streaming_content).decode("utf-8-sig")
            if response.streaming
            else response.content.decode("utf-8-sig")
        )
        rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(rows[0][0], "Titel")
        self.assertIn("Rapportnyhet", [row[0] for row in rows[1:]])
        xlsx = self.client.get(url, {"export": "xlsx"})
        self.assertEqual(xlsx.status_code, 200)
        self.assertIn("spreadsheetml", xlsx["Content-Type"])

    def test_report_is_for_editors_only(self):
        self.client.logout()
        response = self.client.get(reverse("cms_translation_status"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])


class CopyLayoutTests(TestCase):
    def test_copies_structure_and_values_not_text(self):
        admin = get_user_model().objects.create_superuser(
            "layoutadmin", "l@example.org", "x"
        )
        person = make_person()
        box = make_fact_box()
        image = make_image("Testbild för layout")
        page = make_release(
            title_sv="Layoutnyhet",
            body_sv=stream(
                ("heading", {"text": "Rubrik", "level": "h3"}),
                ("text", "<p>Svensk text.</p>"),
                (
                    "quote",
                    {
                        "text": "Ett citat.",
                        "person": person.pk,
                        "name": "",
                        "role_sv": "ordförande",
                        "role_en": "chair",
                        "party": "M",
                    },
                ),
                ("fact_box", box.pk),
                (
                    "image",
                    {
                        "image": image.pk,
                        "caption": "Bildtext",
                        "credit": "Foto Fotosson",
                    },
                ),
                (
                    "call_to_action",
                    {"text": "Läs mer", "page": None, "url": "https://example.org/"},
                ),
            ),
        )
        self.client.force_login(admin)
        url = reverse("cms_copy_swedish_layout", args=[page.pk])
        self.assertContains(self.client.get(url), "Kopiera svensk layout till engelska")
        response = self.client.post(url)
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        draft = page.get_latest_revision_as_object()
        english = draft.body_en
        self.assertEqual(
            [b.block_type for b in english],
            ["heading", "text", "quote", "fact_box", "image", "call_to_action"],
        )
        self.assertEqual(english[0].value["text"], "")
        self.assertEqual(english[0].value["level"], "h3")
        self.assertEqual(english[1].value.source, "")
        self.assertEqual(english[2].value["text"], "")
        self.assertEqual(english[2].value["person"], person)
        self.assertEqual(english[3].value, box)
        self.assertEqual(english[4].value["image"], image)
        self.assertEqual(english[4].value["caption"], "")
        self.assertEqual(english[4].value["credit"], "Foto Fotosson")
        self.assertEqual(english[5].value["url"], "https://example.org/")
        self.assertEqual(english[5].value["text"], "")
        # The Swedish body is untouched and nothing was published.
        self.assertEqual(len(draft.body_sv), 6)
        self.assertFalse(PressReleasePage.objects.get(pk=page.pk).body_en)

    def test_keeps_english_content_unless_asked(self):
        admin = get_user_model().objects.create_superuser(
            "layout2", "l2@example.org", "x"
        )
        page = make_release(title_sv="Har engelska", title_en="Has English")
        self.client.force_login(admin)
        self.client.post(reverse("cms_copy_swedish_layout", args=[page.pk]))
        page.refresh_from_db()
        self.assertEqual(
            page.get_latest_revision_as_object().body_en[0].value.source,
            "<p>Body text.</p>",
        )
        self.client.post(
            reverse("cms_copy_swedish_layout", args=[page.pk]), {"overwrite": "1"}
        )
        page.refresh_from_db()
        self.assertEqual(
            page.get_latest_revision_as_object().body_en[0].value.source, ""
        )
