"""Press images for journalists: the media bank, downloads in three sizes with
the credit and terms beside them, and a press kit per release, in both
languages; nothing of a release that is not public."""

import io
import zipfile

from django.test import TestCase

from wagtail.models import PageViewRestriction

from PIL import Image as PILImage

from cms.images import CustomImage
from cms.people import Person
from tests.builders import make_release


def _image(title: str, **fields) -> CustomImage:
    source = CustomImage.objects.exclude(file="").first()
    return CustomImage.objects.create(
        title=title,
        file=source.file.name,
        width=source.width,
        height=source.height,
        **fields,
    )


class MediaBankTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.press = _image(
            "Hamnen i Karlskrona",
            credit="Anna Fotograf",
            press_image=True,
            licence=CustomImage.LICENCE_CC_BY,
            description_sv="Båtar i hamnen",
            description_en="Boats in the harbour",
        )
        cls.other = _image("Inte en pressbild", credit="Bo Bildsson")

    def test_the_bank_lists_press_images_with_credit_and_terms_in_both_languages(self):
        swedish = self.client.get("/pressbilder/").content.decode()
        self.assertIn("Hamnen i Karlskrona", swedish)
        self.assertIn("Foto: Anna Fotograf", swedish)
        self.assertIn("Creative Commons Erkännande 4.0", swedish)
        self.assertIn(f'href="/pressbilder/{self.press.pk}-print.jpg"', swedish)
        self.assertIn("Tryck (full storlek, 300 dpi)", swedish)
        self.assertNotIn("Inte en pressbild", swedish)
        english = self.client.get("/en/press-images/").content.decode()
        self.assertIn("Photo: Anna Fotograf", english)
        self.assertIn("Creative Commons Attribution 4.0", english)
        self.assertIn(f'href="/en/press-images/{self.press.pk}-social.jpg"', english)
        self.assertIn('alt="Boats in the harbour"', english)
        self.assertEqual(self.client.get("/pressbilder/?page=9").status_code, 404)

    def test_downloads_in_web_print_and_social_sizes(self):
        web = self.client.get(f"/pressbilder/{self.press.pk}-web.jpg")
        self.assertEqual(web["Content-Type"], "image/jpeg")
        self.assertNotIn("X-Cache", web)  # files are not kept in the page cache
        self.assertIn(
            "hamnen-i-karlskrona-foto-anna-fotograf-web.jpg", web["Content-Disposition"]
        )
        with PILImage.open(io.BytesIO(web.content)) as picture:
            self.assertLessEqual(max(picture.size), 1600)
        social = self.client.get(f"/en/press-images/{self.press.pk}-social.jpg")
        with PILImage.open(io.BytesIO(social.content)) as picture:
            self.assertEqual(picture.size, (1200, 630))
        printed = self.client.get(f"/pressbilder/{self.press.pk}-print.jpg")
        with PILImage.open(io.BytesIO(printed.content)) as picture:
            self.assertEqual(picture.size, (self.press.width, self.press.height))
            self.assertEqual(tuple(round(v) for v in picture.info["dpi"]), (300, 300))
        # Not a press image, or no such size: a plain 404.
        self.assertEqual(
            self.client.get(f"/pressbilder/{self.other.pk}-web.jpg").status_code, 404
        )
        self.assertEqual(
            self.client.get(f"/pressbilder/{self.press.pk}-huge.jpg").status_code, 404
        )


class PressKitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.image = _image("Vindkraft i Karlshamn", credit="Cecilia Ljus")
        cls.contact = Person.objects.create(
            name="Karin Presskontakt",
            role_sv="presschef",
            role_en="head of press",
            email="karin@region.example",
        )
        cls.release = make_release(
            title_sv="Vindkraften växer",
            title_en="Wind power grows",
            lead_sv="Fler verk i länet.",
            lead_en="More turbines in the county.",
            image=cls.image,
        )
        cls.release.press_contacts.create(person=cls.contact)
        cls.release.save_revision().publish()
        cls.swedish_only = make_release(title_sv="Bara svensk nyhet", image=cls.image)

    def kit(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertNotIn("X-Cache", response)
        return zipfile.ZipFile(io.BytesIO(response.content))

    def test_the_release_offers_its_material_with_credits_in_both_languages(self):
        with self.settings(PAGE_CACHE_ENABLED=False):
            page = self.client.get(self.release.url).content.decode()
        self.assertIn(f'href="/pressmaterial/{self.release.pk}.zip"', page)
        self.assertIn(
            f'href="/pressmaterial/{self.release.pk}/{self.image.pk}-web.jpg"', page
        )
        self.assertIn("Foto: Cecilia Ljus", page)
        self.assertIn("Fri att använda redaktionellt, med fotografens namn", page)
        english = self.client.get("/en/news/wind-power-grows/").content.decode()
        self.assertIn(f'href="/en/press-kit/{self.release.pk}.zip"', english)
        self.assertIn("Photo: Cecilia Ljus", english)
        image = self.client.get(
            f"/pressmaterial/{self.release.pk}/{self.image.pk}-print.jpg"
        )
        self.assertEqual(image.status_code, 200)

    def test_the_kit_holds_text_images_credits_and_contacts(self):
        kit = self.kit(f"/pressmaterial/{self.release.pk}.zip")
        names = kit.namelist()
        self.assertIn("vindkraften-vaxer.txt", names)
        self.assertIn("bilder/vindkraft-i-karlshamn-foto-cecilia-ljus-print.jpg", names)
        self.assertIn("kontakter/karin-presskontakt.vcf", names)
        text = kit.read("vindkraften-vaxer.txt").decode()
        self.assertIn("Vindkraften växer", text)
        self.assertIn("Fler verk i länet.", text)
        self.assertIn("Foto: Cecilia Ljus", kit.read("bilder/fotografer.txt").decode())
        self.assertIn(
            "TITLE:presschef", kit.read("kontakter/karin-presskontakt.vcf").decode()
        )
        english = self.kit(f"/en/press-kit/{self.release.pk}.zip")
        self.assertIn("wind-power-grows.txt", english.namelist())
        self.assertIn(
            "More turbines in the county.",
            english.read("wind-power-grows.txt").decode(),
        )
        self.assertIn(
            "Photo: Cecilia Ljus", english.read("images/credits.txt").decode()
        )
        self.assertIn(
            "TITLE:head of press",
            english.read("contacts/karin-presskontakt.vcf").decode(),
        )

    def test_nothing_of_a_release_that_is_not_public(self):
        other = _image("Någon annans bild")
        self.assertEqual(
            self.client.get(
                f"/pressmaterial/{self.release.pk}/{other.pk}-web.jpg"
            ).status_code,
            404,
        )
        self.assertEqual(
            self.client.get(f"/en/press-kit/{self.swedish_only.pk}.zip").status_code,
            404,
        )
        self.assertEqual(
            self.client.get(f"/pressmaterial/{self.swedish_only.pk}.zip").status_code,
            200,
        )
        draft = make_release(
            title_sv="Utkast med bild", image=self.image, publish=False
        )
        self.assertEqual(
            self.client.get(f"/pressmaterial/{draft.pk}.zip").status_code, 404
        )
        PageViewRestriction.objects.create(page=self.release, restriction_type="login")
        self.assertEqual(
            self.client.get(f"/pressmaterial/{self.release.pk}.zip").status_code, 404
        )
        self.assertEqual(
            self.client.get(
                f"/pressmaterial/{self.release.pk}/{self.image.pk}-web.jpg"
            ).status_code,
            404,
        )


class TeaserImageTests(TestCase):
    def test_the_news_list_shows_the_image_editors_set(self):
        image = _image("Solceller på taket")
        with_image = make_release(
            title_sv="Med bild i listan", title_en="With a picture", image=image
        )
        without = make_release(
            title_sv="Utan bild i listan", title_en="Without a picture"
        )
        for url in ("/nyheter/", "/en/news/"):
            html = self.client.get(url).content.decode()
            teasers = html.split('<article class="teaser')
            pictured = next(
                t
                for t in teasers
                if str(with_image.url_path_sv.split("/")[-2]) in t
                or "with-a-picture" in t
            )
            plain = next(
                t
                for t in teasers
                if "utan-bild-i-listan" in t or "without-a-picture" in t
            )
            self.assertIn('class="teaser__image"', pictured)
            self.assertIn("fill-320x180", pictured)
            self.assertNotIn("teaser__image", plain)
        self.assertTrue(without.pk)
