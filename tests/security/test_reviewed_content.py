"""What published pages show passes the same review as the pages: an editor's
change to a person, an organisation or a file on a live page does not reach
readers until a reviewer publishes it."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from wagtail.images import get_image_model

from PIL import Image as PILImage

from cms.editorial.roles import EDITORS, PUBLISHERS
from cms.models import Person
from press.models import PressContact
from specialisation.models import Organisation
from tests.builders import (
    LANGUAGES,
    make_organisation,
    make_person,
    make_release,
    stream,
    url_in,
)
from tests.cms.test_workflows import make_user


def edit_form(client, edit_url, **changes):
    """The snippet's edit form as the browser posts it, with ``changes``."""
    form = client.get(edit_url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return {**data, **changes}


@override_settings(
    PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False, ROUTE_CACHE_ENABLED=False
)
class ReviewedSnippetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-granskat", EDITORS)
        cls.reviewer = make_user("granskare-granskat", PUBLISHERS)
        cls.contact = make_person(email="testa@example.org")
        cls.organisation = make_organisation(
            "Testorganisationen",
            "The Test Organisation",
            url="https://testorganisation.example/",
        )

        def partners(heading):
            return stream(
                (
                    "partners",
                    {"heading": heading, "organisations": [cls.organisation.pk]},
                )
            )

        release = make_release(
            title_sv="Testpressmeddelande med kontakt",
            title_en="Test press release with a contact",
            body_sv=partners("Testpartner"),
            body_en=partners("Test partners"),
            press_contacts=[PressContact(person=cls.contact)],
        )
        cls.urls = [url_in(release, language) for language in LANGUAGES]

    def person_url(self):
        return reverse(
            Person.snippet_viewset.get_url_name("edit"), args=[self.contact.pk]
        )

    def readers_see(self, text):
        self.client.logout()
        return [text in self.client.get(url).content.decode() for url in self.urls]

    def test_a_new_email_reaches_readers_only_when_a_reviewer_publishes_it(self):
        self.assertEqual(self.readers_see("testa@example.org"), [True, True])
        self.client.force_login(self.editor)
        url = self.person_url()
        data = edit_form(self.client, url, email="falsk@example.net")
        self.client.post(url, data)  # save a draft
        self.client.post(url, {**data, "action-publish": "1"})  # not theirs to do
        self.client.post(url, {**data, "action-submit": "1"})  # to review
        self.assertEqual(self.readers_see("falsk@example.net"), [False, False])
        self.assertEqual(
            Person.objects.get(pk=self.contact.pk).email, "testa@example.org"
        )
        # The reviewer approves: now it is published, in both languages.
        state = Person.objects.get(pk=self.contact.pk).current_workflow_state
        self.assertIsNotNone(state)
        state.current_task_state.approve(user=self.reviewer)
        self.assertEqual(self.readers_see("falsk@example.net"), [True, True])

    def test_an_organisations_new_address_waits_for_review(self):
        organisation = self.organisation
        self.assertEqual(
            self.readers_see("https://testorganisation.example/"), [True, True]
        )
        self.client.force_login(self.editor)
        url = reverse(
            Organisation.snippet_viewset.get_url_name("edit"), args=[organisation.pk]
        )
        data = edit_form(self.client, url, url="https://phishing.example/")
        self.client.post(url, {**data, "action-publish": "1"})
        self.client.post(url, data)
        self.assertEqual(self.readers_see("phishing.example"), [False, False])
        self.assertEqual(
            self.readers_see("https://testorganisation.example/"), [True, True]
        )
        self.assertNotEqual(
            Organisation.objects.get(pk=organisation.pk).url,
            "https://phishing.example/",
        )


@override_settings(
    PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False, ROUTE_CACHE_ENABLED=False
)
class ReviewedFileTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-fil", EDITORS)
        cls.reviewer = make_user("granskare-fil", PUBLISHERS)

    def setUp(self):
        # An image of its own on a live release: replacing a file deletes the old
        # one from storage, which a rolled-back test cannot bring back.
        buffer = io.BytesIO()
        PILImage.new("RGB", (40, 40), (0, 0, 255)).save(buffer, "JPEG")
        self.image = get_image_model().objects.create(
            title="Flaggor",
            file=SimpleUploadedFile("flaggor.jpg", buffer.getvalue(), "image/jpeg"),
            description_sv="Flaggor.",
            credit="Region Blekinge",
        )
        make_release(title_sv="Med flaggor", image=self.image)

    def replace(self, user):
        self.client.force_login(user)
        buffer = io.BytesIO()
        PILImage.new("RGB", (40, 40), (255, 0, 0)).save(buffer, "JPEG")
        url = reverse("wagtailimages:edit", args=[self.image.pk])
        form = self.client.get(url)
        self.assertEqual(form.status_code, 200)
        return self.client.post(
            url,
            {
                "title": self.image.title,
                "file": SimpleUploadedFile("ny.jpg", buffer.getvalue(), "image/jpeg"),
                "description_sv": self.image.description_sv,
                "description_en": self.image.description_en or "",
                "credit": self.image.credit,
                "collection": self.image.collection_id,
                "tags": "",
            },
        )

    def test_an_editor_cannot_swap_the_photo_of_a_live_release(self):
        before = self.image.file.name
        response = self.replace(self.editor)
        self.assertIn(response.status_code, (200, 302))
        self.image.refresh_from_db()
        self.assertEqual(self.image.file.name, before)

    def test_a_reviewer_can(self):
        before = self.image.file.name
        self.replace(self.reviewer)
        self.image.refresh_from_db()
        self.assertNotEqual(self.image.file.name, before)
