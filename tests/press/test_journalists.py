"""What journalists get on a release, in Swedish and English: the press
service's line and hours from the site settings, each press contact as a vCard
download and in the JSON-LD, and share links that load no third-party script."""

import json
import re

from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction, Site

from cms.people import Person
from cms.site_settings import SiteSettings
from tests.builders import make_release


def json_ld(response) -> dict:
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    return json.loads(found.group(1))


class JournalistTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.press_phone = "0455-73 50 50"
        settings.press_email = "press@region.example"
        settings.press_hours_sv = "vardagar 8–17"
        settings.press_hours_en = "weekdays 8 am – 5 pm"
        settings.save()
        cls.contact = Person.objects.create(
            name="Anna Ek, Lind",
            role_sv="pressansvarig; regionkansliet",
            role_en="press officer",
            email="anna.ek@region.example",
            phone="0455-12 34 56",
        )
        cls.quoted = Person.objects.create(name="Bara Citerad", role_sv="politiker")
        cls.release = make_release(
            title_sv="Presstjänst på sidan", title_en="Press service on the page"
        )
        cls.release.press_contacts.create(person=cls.contact)
        cls.release.save_revision().publish()

    def url(self, language):
        with translation.override(language):
            return self.release.url

    def card_url(self, person, language):
        with translation.override(language):
            return reverse("press_contact_card", args=[person.pk])

    def test_the_press_line_is_on_every_release_in_both_languages(self):
        swedish = self.client.get(self.url("sv"))
        self.assertContains(swedish, "Presstjänst")
        self.assertContains(swedish, "Journalister når presstjänsten vardagar 8–17")
        self.assertContains(swedish, 'href="tel:0455735050"')
        self.assertContains(swedish, 'href="mailto:press@region.example"')
        english = self.client.get(self.url("en"))
        self.assertContains(english, "Journalists reach the press service weekdays")
        self.assertNotContains(english, "vardagar")

    def test_contacts_download_as_vcards_in_the_readers_language(self):
        self.assertEqual(
            self.card_url(self.contact, "sv"), f"/presskontakt/{self.contact.pk}.vcf"
        )
        page = self.client.get(self.url("sv"))
        self.assertContains(page, self.card_url(self.contact, "sv"))
        self.assertContains(page, "Spara Anna Ek, Lind som kontakt (vCard)")

        response = self.client.get(self.card_url(self.contact, "sv"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/vcard; charset=utf-8")
        self.assertIn('filename="anna-ek-lind.vcf"', response["Content-Disposition"])
        card = response.content.decode()
        self.assertTrue(card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n"))
        self.assertIn("FN:Anna Ek\\, Lind\r\n", card)
        self.assertIn("TITLE:pressansvarig\\; regionkansliet\r\n", card)
        self.assertIn("EMAIL;TYPE=INTERNET,WORK:anna.ek@region.example\r\n", card)
        self.assertIn("TEL;TYPE=WORK,VOICE:0455-12 34 56\r\n", card)
        self.assertTrue(card.endswith("END:VCARD\r\n"))
        english = self.client.get(self.card_url(self.contact, "en")).content.decode()
        self.assertIn("TITLE:press officer\r\n", english)

    def test_only_contacts_of_public_releases_have_a_card(self):
        # Someone only quoted, an unknown id: no card, a plain 404.
        self.assertEqual(
            self.client.get(self.card_url(self.quoted, "sv")).status_code, 404
        )
        self.assertEqual(self.client.get("/presskontakt/999999.vcf").status_code, 404)
        self.assertEqual(self.client.get("/en/press-contact/abc.vcf").status_code, 404)
        PageViewRestriction.objects.create(
            page=self.release, restriction_type="password", password="hemligt"
        )
        self.assertEqual(
            self.client.get(self.card_url(self.contact, "sv")).status_code, 404
        )

    def test_json_ld_names_the_contacts_and_the_press_service(self):
        for language, role in (
            ("sv", "pressansvarig; regionkansliet"),
            ("en", "press officer"),
        ):
            with self.subTest(language=language):
                data = json_ld(self.client.get(self.url(language)))
                self.assertEqual(data["@type"], "NewsArticle")
                self.assertEqual(
                    data["accountablePerson"],
                    [
                        {
                            "@type": "Person",
                            "name": "Anna Ek, Lind",
                            "jobTitle": role,
                            "email": "anna.ek@region.example",
                            "telephone": "0455-12 34 56",
                        }
                    ],
                )
                point = data["publisher"]["contactPoint"]
                self.assertEqual(point["contactType"], "press")
                self.assertEqual(point["telephone"], "0455-73 50 50")

    def test_share_links_need_no_third_party_script(self):
        for language in ("sv", "en"):
            with self.subTest(language=language):
                response = self.client.get(self.url(language))
                html = response.content.decode()
                address = (
                    f"http%3A%2F%2Ftestserver{self.url(language).replace('/', '%2F')}"
                )
                self.assertIn(
                    f"https://www.linkedin.com/sharing/share-offsite/?url={address}",
                    html,
                )
                self.assertIn(
                    f"https://www.facebook.com/sharer/sharer.php?u={address}", html
                )
                self.assertIn("https://x.com/intent/post?url=", html)
                self.assertIn("mailto:?subject=", html)
                self.assertIn("data-copy-link=", html)
                scripts = re.findall(r"<script[^>]+src=\"([^\"]+)\"", html)
                self.assertTrue(
                    all(src.startswith("/static/") for src in scripts), scripts
                )
