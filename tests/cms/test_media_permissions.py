"""Images and documents for every editorial role, through the real admin views.

Wagtail asks for image permissions on its own ``wagtailimages.Image`` (and documents
on ``wagtaildocs.Document``), whatever the custom image model: these tests log in as
the demo roles (never a superuser) and use the listing, the choosers, the upload and
the edit forms the way a person does, on an image and a document of their own.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from PIL import Image as PILImage

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from tests.builders import make_image
from tests.cms.test_workflows import make_user

ROLES = (EDITORS, PUBLISHERS, TRANSLATORS)


def jpeg(name="foto.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (30, 90, 160)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


class MediaPermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = {
            role: make_user(f"media-{n}", role) for n, role in enumerate(ROLES)
        }
        cls.image = make_image("Testbild för medier", credit="Testa Foto")
        cls.document = get_document_model().objects.create(
            title="Testprojektets plan",
            file=SimpleUploadedFile("projektplan.pdf", b"%PDF-1.4 test"),
        )

    def test_the_demo_site_has_images_to_choose(self):
        # A demo smoke test: the demo's own pictures are in the library too.
        self.assertTrue(get_image_model().objects.exclude(pk=self.image.pk).exists())

    def test_every_role_sees_and_chooses_images(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.client.force_login(user)
                if role != TRANSLATORS:  # the library is for those who upload
                    listing = self.client.get(reverse("wagtailimages:index"))
                    self.assertEqual(listing.status_code, 200)
                    self.assertContains(listing, self.image.title)
                chooser = self.client.get(reverse("wagtailimages_chooser:choose"))
                self.assertEqual(chooser.status_code, 200)
                html = chooser.json()["html"]
                self.assertIn(self.image.title, html)
                self.assertNotIn("inte laddat upp några bilder", html)
                chosen = self.client.get(
                    reverse("wagtailimages_chooser:chosen", args=[self.image.pk])
                )
                self.assertEqual(chosen.status_code, 200)
                self.assertContains(chosen, '"step": "chosen"')

    def test_every_role_sees_and_chooses_documents(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.client.force_login(user)
                chooser = self.client.get(reverse("wagtaildocs_chooser:choose"))
                self.assertEqual(chooser.status_code, 200)
                self.assertIn("Testprojektets plan", chooser.json()["html"])

    def test_editors_and_reviewers_upload_images_with_alt_text(self):
        for n, role in enumerate((EDITORS, PUBLISHERS)):
            with self.subTest(role=role):
                self.client.force_login(self.users[role])
                response = self.client.post(
                    reverse("wagtailimages:add"),
                    {
                        "title": f"Testuppladdning {n}",
                        "file": jpeg(),
                        "description_sv": "Två testpersoner klipper ett band.",
                        "credit": "Testregionen",
                    },
                )
                self.assertEqual(response.status_code, 302, response.content[:3000])
                image = get_image_model().objects.get(title=f"Testuppladdning {n}")
                self.assertEqual(image.credit, "Testregionen")
                self.assertEqual(image.uploaded_by_user, self.users[role])

    def test_editors_correct_a_photo_credit(self):
        self.client.force_login(self.users[EDITORS])
        url = reverse("wagtailimages:edit", args=[self.image.pk])
        form = self.client.get(url)
        self.assertEqual(form.status_code, 200)
        response = self.client.post(
            url,
            {
                "title": self.image.title,
                "description_sv": self.image.description_sv,
                "description_en": self.image.description_en,
                "credit": "Foto: Testa Testsson",
                "collection": self.image.collection_id,
                "tags": "",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.image.refresh_from_db()
        self.assertEqual(self.image.credit, "Foto: Testa Testsson")
        self.assertEqual(
            self.image.description_sv, "Alternativtext för Testbild för medier"
        )

    def test_editors_upload_documents(self):
        self.client.force_login(self.users[EDITORS])
        response = self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Testdokument",
                "file": SimpleUploadedFile("testdokument.pdf", b"%PDF-1.4 test"),
                "collection": self.document.collection_id,
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertTrue(
            get_document_model().objects.filter(title="Testdokument").exists()
        )

    def test_translators_choose_images_but_do_not_change_or_delete_them(self):
        # Wagtail counts deleting as changing, so translators get neither.
        self.client.force_login(self.users[TRANSLATORS])
        for url in (
            reverse("wagtailimages:add"),
            reverse("wagtailimages:edit", args=[self.image.pk]),
        ):
            self.assertEqual(self.client.get(url).status_code, 302, url)
        before = get_image_model().objects.get(pk=self.image.pk)
        self.client.post(
            reverse("wagtailimages:edit", args=[self.image.pk]),
            {"title": "Ändrad titel", "credit": "Någon annan"},
        )
        self.client.post(reverse("wagtailimages:delete", args=[self.image.pk]))
        image = get_image_model().objects.get(pk=self.image.pk)
        self.assertEqual((image.title, image.credit), (before.title, before.credit))
