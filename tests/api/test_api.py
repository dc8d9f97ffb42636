"""The read API as its clients use it: both languages on every resource, nothing
that is not public, keyset pages, errors in the client's language, conditional
GET, CORS and the rate limit."""

import json
from pathlib import Path

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from cms.images import CustomImage
from tests.builders import make_release

from .content import build, never_public

API = "/api/v1"
OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


class ApiTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build(cls)

    def get(self, path, status=200, **headers):
        response = self.client.get(API + path, **headers)
        self.assertEqual(response.status_code, status, response.content[:300])
        return response.json() if response.content else None

    def all_items(self, path):
        """Every item of a list, following ``next`` to the end."""
        items, url = [], API + path
        while url:
            data = self.client.get(url.removeprefix("http://testserver")).json()
            items += data["items"]
            url = data["next"]
        return items


class BothLanguagesTests(ApiTestCase):
    def test_a_release_carries_both_languages_and_its_quote(self):
        data = self.get(f"/releases/{self.release.pk}/")
        self.assertEqual(data["languages"], ["sv", "en"])
        self.assertEqual(data["title_sv"], "Regionen öppnar sitt API")
        self.assertEqual(data["title_en"], "The region opens its API")
        self.assertEqual(data["lead_en"], "Municipalities can now fetch the news.")
        self.assertTrue(data["url_sv"].endswith("/nyheter/regionen-oppnar-sitt-api/"))
        self.assertIn("/en/news/", data["url_en"])
        self.assertIn("Svensk brödtext.", data["body_html_sv"])
        self.assertIn("English body text.", data["body_html_en"])
        # The quote as a block: the person and the role they had when quoted.
        quote = next(b for b in data["body_en"] if b["type"] == "quote")["value"]
        self.assertEqual(quote["person"], self.quoted.pk)
        self.assertEqual(quote["name"], "Olle Ordförande")
        self.assertEqual(quote["party"], "S")
        self.assertEqual(quote["role_sv"], "ordförande i nämnden")
        self.assertEqual(quote["role_en"], "chair of the committee")
        self.assertIn("chair of the committee", data["body_html_en"])
        self.assertIn("ordförande i nämnden", data["body_html_sv"])
        # Related items: the public area and project, never the private area.
        self.assertEqual([a["id"] for a in data["areas"]], [self.area.pk])
        self.assertEqual(data["areas"][0]["title_en"], "The API area")
        self.assertEqual([p["id"] for p in data["projects"]], [self.project.pk])
        contact = data["press_contacts"][0]
        self.assertEqual(contact["name"], "Karin Presskontakt")
        self.assertEqual(contact["role_en"], "head of press")
        self.assertEqual(contact["email"], "karin@region.example")

    def test_one_language_gives_plain_fields(self):
        for language, title, body in (
            ("sv", "Regionen öppnar sitt API", "Svensk brödtext."),
            ("en", "The region opens its API", "English body text."),
        ):
            data = self.get(f"/releases/{self.release.pk}/?lang={language}")
            self.assertEqual(data["language"], language)
            self.assertEqual(data["title"], title)
            self.assertIn(body, data["body_html"])
            self.assertNotIn("title_sv", data)
            self.assertEqual(data["areas"][0]["language"], language)

    def test_swedish_only_is_left_out_in_english(self):
        data = self.get(f"/releases/{self.swedish_only.pk}/")
        self.assertEqual(data["languages"], ["sv"])
        self.assertIsNone(data["title_en"])
        self.assertIsNone(data["body_en"])
        self.get(f"/releases/{self.swedish_only.pk}/?lang=sv")
        error = self.get(f"/releases/{self.swedish_only.pk}/?lang=en", status=404)
        self.assertEqual(error["detail"], "No such item.")
        swedish = {
            item["id"]
            for item in self.all_items(f"/releases/?area={self.area.pk}&lang=sv")
        }
        english = {
            item["id"]
            for item in self.all_items(f"/releases/?area={self.area.pk}&lang=en")
        }
        self.assertEqual(swedish, {self.release.pk, self.swedish_only.pk})
        self.assertEqual(english, {self.release.pk})

    def test_every_resource_in_both_languages(self):
        area = self.get(f"/areas/{self.area.pk}/")
        self.assertEqual(
            (area["title_sv"], area["title_en"]), ("API-området", "The API area")
        )
        self.assertEqual(
            self.get(f"/areas/{self.area.pk}/?lang=en")["short_description"], "An area."
        )
        project = self.get(f"/projects/{self.project.pk}/")
        self.assertEqual(project["title_en"], "The API project")
        self.assertEqual(project["status"], "finished")  # from its dates
        self.assertEqual(
            project["lead_organisation"]["name_en"], "Blekinge Institute of Technology"
        )
        self.assertEqual(
            self.get(f"/projects/{self.project.pk}/?lang=sv")["lead_organisation"][
                "name"
            ],
            "Blekinge tekniska högskola",
        )
        box = self.get(f"/fact-boxes/{self.fact_box.pk}/")
        self.assertEqual(box["body_html_en"], "<p>English facts.</p>")
        self.assertEqual(
            self.get(f"/fact-boxes/{self.fact_box.pk}/?lang=sv")["title"],
            "Fakta om API:t",
        )
        person = self.get(f"/people/{self.quoted.pk}/?lang=en")
        self.assertEqual(
            (person["role"], person["party"]), ("chair of the committee", "S")
        )
        organisation = self.get(f"/organisations/{self.partner.pk}/?lang=en")
        self.assertEqual(organisation["website"], "https://www.bth.se")
        listed = {item["id"]: item for item in self.all_items("/areas/?lang=en")}
        self.assertIn(self.area.pk, listed)
        projects = self.all_items(f"/projects/?area={self.area.pk}&status=finished")
        self.assertEqual([item["id"] for item in projects], [self.project.pk])

    def test_images_with_sizes_alt_text_per_language_and_credit(self):
        image = CustomImage.objects.exclude(file="").first()
        image.description_sv, image.description_en = (
            "Hamnen i Karlskrona",
            "The harbour",
        )
        image.credit = "Foto Fotografsson"
        image.save()
        release = make_release(
            title_sv="Med bild", title_en="With a picture", image=image
        )
        data = self.get(f"/releases/{release.pk}/")
        self.assertEqual(data["image"]["alt_sv"], "Hamnen i Karlskrona")
        self.assertEqual(data["image"]["alt_en"], "The harbour")
        self.assertEqual(data["image"]["credit"], "Foto Fotografsson")
        social = data["image"]["renditions"]["social"]
        self.assertEqual((social["width"], social["height"]), (1200, 630))
        self.assertTrue(social["url"].startswith("http"))


class NeverPublicTests(ApiTestCase):
    def test_drafts_embargoed_expired_and_private_never_get_out(self):
        hidden = never_public()
        listed = {item["id"] for item in self.all_items("/releases/?limit=100")}
        self.assertIn(self.release.pk, listed)
        for name, page in hidden.items():
            with self.subTest(name):
                self.assertNotIn(page.pk, listed)
                self.get(f"/releases/{page.pk}/", status=404)
        # Filtering by the private area shows nothing; nor is it listed.
        self.assertEqual(
            self.get(f"/releases/?area={self.hidden_area.pk}")["items"], []
        )
        self.get(f"/areas/{self.hidden_area.pk}/", status=404)
        self.assertNotIn(
            self.hidden_area.pk, {a["id"] for a in self.all_items("/areas/")}
        )
        # A draft fact box is not there either.
        self.get(f"/fact-boxes/{self.draft_box.pk}/", status=404)
        self.assertNotIn(
            self.draft_box.pk, {b["id"] for b in self.all_items("/fact-boxes/")}
        )

    def test_contact_details_only_of_contacts_public_pages_show(self):
        self.assertIsNone(self.get(f"/people/{self.quoted.pk}/")["email"])
        self.assertEqual(
            self.get(f"/people/{self.contact.pk}/")["email"], "karin@region.example"
        )
        PageViewRestriction.objects.create(
            page=self.release, restriction_type="password", password="hemligt"
        )
        person = self.get(f"/people/{self.contact.pk}/")
        self.assertIsNone(person["email"])
        self.assertIsNone(person["phone"])

    @override_settings(PAGE_CACHE_ENABLED=True)
    def test_a_page_made_private_or_unpublished_leaves_the_cached_list(self):
        path = f"/releases/?area={self.area.pk}"
        first = self.client.get(API + path)
        self.assertEqual(first["X-Cache"], "MISS")
        self.assertEqual(self.client.get(API + path)["X-Cache"], "HIT")
        self.assertIn(self.release.pk, {i["id"] for i in first.json()["items"]})
        PageViewRestriction.objects.create(page=self.release, restriction_type="login")
        ids = {i["id"] for i in self.get(path)["items"]}
        self.assertEqual(ids, {self.swedish_only.pk})
        self.swedish_only.unpublish()
        self.assertEqual(self.get(path)["items"], [])
        self.get(f"/releases/{self.swedish_only.pk}/", status=404)


class PagingTests(ApiTestCase):
    def test_keyset_pages_walk_the_feed_order_once(self):
        releases = [
            make_release(title_sv=f"Nyhet {n}", related_areas__m2m=[self.area])
            for n in range(5)
        ]
        expected = [
            r.pk
            for r in sorted(
                [*releases, self.release, self.swedish_only],
                key=lambda r: (r.publication_date, r.pk),
                reverse=True,
            )
        ]
        first = self.get(f"/releases/?area={self.area.pk}&limit=2")
        self.assertEqual(len(first["items"]), 2)
        self.assertIn("cursor=", first["next"])
        walked = [
            i["id"] for i in self.all_items(f"/releases/?area={self.area.pk}&limit=2")
        ]
        self.assertEqual(walked, expected)

    def test_query_count_does_not_grow_with_the_page_size(self):
        image = CustomImage.objects.exclude(file="").first()
        for n in range(12):
            make_release(
                title_sv=f"Bildnyhet {n}",
                title_en=f"Picture news {n}",
                image=image,
                related_areas__m2m=[self.area],
            )
        self.get("/releases/?limit=100")  # makes the renditions once
        counts = []
        for limit in (2, 20):  # not yet in the page cache
            with CaptureQueriesContext(connection) as queries:
                self.get(f"/releases/?limit={limit}")
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 10)
        with CaptureQueriesContext(connection) as queries:
            self.get(f"/releases/{self.release.pk}/")
        self.assertLessEqual(len(queries), 14)


class InputAndHttpTests(ApiTestCase):
    def test_bad_input_gets_a_400_in_the_clients_language(self):
        for query in (
            "limit=0",
            "limit=abc",
            "limit=101",
            "month=3",
            "kind=opinion",
            "year=10000",
            "updated_since=igår",
            "cursor=inte-en-markör",
        ):
            with self.subTest(query):
                swedish = self.get(f"/releases/?{query}", status=400)
                self.assertEqual(swedish["status"], 400)
                english = self.get(f"/releases/?{query}&lang=en", status=400)
                self.assertNotEqual(swedish["detail"], english["detail"])
        self.assertIn("Ogiltigt", self.get("/releases/?limit=0", status=400)["detail"])
        self.get("/releases/99999999999/", status=400)
        self.get("/areas/%0B8/", status=400)
        self.assertEqual(
            self.get("/releases/2147483647/", status=404)["detail"],
            "Det finns inget sådant objekt.",
        )

    def test_conditional_get_and_cors(self):
        response = self.client.get(f"{API}/releases/{self.release.pk}/")
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        self.assertTrue(response["Last-Modified"])
        again = self.client.get(
            f"{API}/releases/{self.release.pk}/", HTTP_IF_NONE_MATCH=response["ETag"]
        )
        self.assertEqual(again.status_code, 304)
        preflight = self.client.options(
            f"{API}/releases/",
            HTTP_ORIGIN="https://www.karlskrona.se",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        )
        self.assertEqual(preflight.status_code, 204)
        self.assertIn("If-None-Match", preflight["Access-Control-Allow-Headers"])
        self.assertNotIn("sessionid", response.cookies)

    @override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=60)
    def test_too_many_requests_get_429_with_retry_after(self):
        # Three different requests (a cache hit costs nothing and is not counted).
        for limit in (1, 2, 3):
            self.get(f"/areas/?limit={limit}")
        response = self.client.get(f"{API}/areas/?lang=en")
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Retry-After"], "60")
        self.assertIn("Too many requests", response.json()["detail"])
        self.assertIn(
            "För många", self.client.get(f"{API}/areas/?lang=sv").json()["detail"]
        )

    def test_the_served_openapi_document_is_the_committed_one(self):
        served = self.get("/openapi.json")
        committed = json.loads(OPENAPI.read_text())
        self.assertEqual(
            served,
            committed,
            "The API changed: run `make openapi` and commit docs/openapi.json.",
        )
