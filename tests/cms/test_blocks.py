"""Blocks are tested without pages, in both languages (cfpb's habit)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import SimpleTestCase, TestCase
from django.utils import translation

from wagtail.documents import get_document_model

from cms.blocks import (
    CallToActionBlock,
    DocumentLinkBlock,
    HeadingBlock,
    ImageBlock,
    QuoteBlock,
    RichTextBlock,
    VideoEmbedBlock,
    parse_video_url,
)
from specialisation.blocks import EUFundingBlock, FactBoxChooserBlock, PartnerListBlock
from specialisation.models import FactBox
from tests.builders import (
    LANGUAGES,
    make_fact_box,
    make_image,
    make_organisation,
    make_person,
)


def render(block, raw):
    return block.render(block.to_python(raw))


class SimpleBlockTests(SimpleTestCase):
    def test_rich_text_allows_only_h2_h3_lists_links(self):
        features = RichTextBlock().features
        self.assertEqual(features, ["h2", "h3", "bold", "italic", "link", "ol", "ul"])
        self.assertNotIn("h1", features)

    def test_heading_renders_level_and_anchor(self):
        block = HeadingBlock()
        html = render(block, {"text": "Stark uppslutning", "level": "h3"})
        self.assertInHTML('<h3 id="stark-uppslutning">Stark uppslutning</h3>', html)

    def test_quote_with_free_text_name(self):
        block = QuoteBlock()
        raw = {
            "text": "Vi satsar.",
            "name": "Testa Testsson",
            "party": "S",
            "role_sv": "kommunalråd",
            "role_en": "municipal commissioner",
        }
        for language, role in (("sv", "kommunalråd"), ("en", "municipal commissioner")):
            with translation.override(language):
                html = render(block, raw)
            self.assertInHTML(
                f"<figure class='quote'><blockquote><p>Vi satsar.</p></blockquote>"
                f"<figcaption>Testa Testsson (S), {role}</figcaption></figure>",
                html,
            )

    def test_quote_english_role_falls_back_to_swedish_snapshot(self):
        block = QuoteBlock()
        with translation.override("en"):
            html = render(
                block, {"text": "Hej.", "name": "Anna", "role_sv": "ordförande"}
            )
        # Shown in Swedish on an English page, so marked as Swedish.
        self.assertIn('<figcaption lang="sv">Anna, ordförande</figcaption>', html)
        with translation.override("en"):
            html = render(
                block,
                {
                    "text": "Hi.",
                    "name": "Anna",
                    "role_sv": "ordförande",
                    "role_en": "chair",
                },
            )
        self.assertIn("<figcaption>Anna, chair</figcaption>", html)
        html = render(block, {"text": "Hej.", "name": "Anna", "role_sv": "ordförande"})
        self.assertIn("<figcaption>Anna, ordförande</figcaption>", html)

    def test_quote_needs_exactly_one_of_person_and_name(self):
        block = QuoteBlock()
        with self.assertRaises(ValidationError):
            block.clean(block.to_python({"text": "Hej."}))

    def test_call_to_action_needs_page_or_url(self):
        block = CallToActionBlock()
        with self.assertRaises(ValidationError):
            block.clean(block.to_python({"text": "Läs mer"}))
        value = block.clean(
            block.to_python({"text": "Läs mer", "url": "https://example.org/"})
        )
        self.assertInHTML(
            '<p class="cta"><a class="button" href="https://example.org/">Läs mer</a></p>',
            block.render(value),
        )

    def test_video_urls(self):
        self.assertEqual(
            parse_video_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            (
                "YouTube",
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
            ),
        )
        self.assertEqual(parse_video_url("https://youtu.be/dQw4w9WgXcQ")[0], "YouTube")
        self.assertEqual(
            parse_video_url("https://vimeo.com/76979871"),
            ("Vimeo", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
        )
        self.assertIsNone(parse_video_url("https://evil.example/watch?v=x"))
        self.assertIsNone(parse_video_url("javascript:alert(1)"))

    def test_video_loads_nothing_from_the_provider_before_a_click(self):
        block = VideoEmbedBlock()
        raw = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "Om testprojektet",
            "transcript": "Text.",
        }
        for language in LANGUAGES:
            with translation.override(language):
                html = render(block, raw)
            self.assertNotIn("<iframe", html)
            self.assertNotIn("<script", html)
            self.assertIn(
                'data-embed-url="https://www.youtube-nocookie.com/embed/', html
            )
            self.assertIn('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"', html)
        with translation.override("sv"):
            self.assertIn("Spela upp video", render(block, raw))
        with translation.override("en"):
            self.assertIn("Play video", render(block, raw))

    def test_video_rejects_other_providers(self):
        block = VideoEmbedBlock()
        with self.assertRaises(ValidationError):
            block.clean(
                block.to_python({"url": "https://example.org/v.mp4", "title": "X"})
            )


class ModelBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.person = make_person("Testa Testsson", party="M")
        cls.image = make_image(
            "Testbild", alt_sv="En testbild", alt_en="A test image", credit="Testa Foto"
        )

    def test_quote_freezes_role_and_party_when_saved(self):
        block = QuoteBlock()
        value = block.to_python(
            {"text": "Nu tar vi chansen.", "person": self.person.pk}
        )
        stored = block.get_prep_value(value)
        self.assertEqual(stored["role_sv"], "teststrateg på Testregionen")
        self.assertEqual(stored["role_en"], "test strategist at the Test Region")
        self.assertEqual(stored["party"], "M")
        # The person changes office and party later...
        self.person.role_sv = "regionråd"
        self.person.role_en = "regional commissioner"
        self.person.party = "KD"
        self.person.save()
        for language, role in (
            ("sv", "teststrateg på Testregionen"),
            ("en", "test strategist at the Test Region"),
        ):
            with translation.override(language):
                html = block.render(block.to_python(stored))
            self.assertIn(f"<figcaption>Testa Testsson (M), {role}</figcaption>", html)
        # ...and a new quote gets the new role.
        new = block.get_prep_value(
            block.to_python({"text": "Ny.", "person": self.person.pk})
        )
        self.assertEqual((new["role_sv"], new["party"]), ("regionråd", "KD"))

    def test_image_block_alt_caption_credit_in_both_languages(self):
        block = ImageBlock()
        raw = {"image": self.image.pk, "caption": "Bildtext", "credit": ""}
        with translation.override("sv"):
            html = render(block, raw)
        self.assertIn('alt="En testbild"', html)
        self.assertIn("Foto: Testa Foto", html)
        self.assertIn('loading="lazy"', html)
        self.assertIn('type="image/avif"', html)
        with translation.override("en"):
            html = render(block, raw)
        self.assertIn('alt="A test image"', html)
        self.assertIn("Photo: Testa Foto", html)

    def test_decorative_image_gets_empty_alt(self):
        image = make_image("Testdekor", alt_sv="", alt_en="", decorative=True)
        html = render(ImageBlock(), {"image": image.pk, "caption": "", "credit": ""})
        self.assertIn('alt=""', html)

    def test_document_link_shows_type_and_size(self):
        document = get_document_model().objects.create(
            title="Testrapport",
            file=ContentFile(b"%PDF-1.4 " + b"x" * 2048, name="rapport.pdf"),
        )
        for language, size in (("sv", "2,0\xa0kB"), ("en", "2.0\xa0KB")):
            with translation.override(language):
                html = render(
                    DocumentLinkBlock(), {"document": document.pk, "title": ""}
                )
            self.assertIn("Testrapport", html)
            self.assertIn("(PDF, ", html)
            self.assertIn(size, html)

    def test_fact_box_renders_published_version_in_both_languages(self):
        box = make_fact_box(
            title_sv="Testfakta: testområdet",
            title_en="Test facts: the region's test area",
            body_sv="<ul><li>Test – en testpunkt.</li></ul>",
            body_en="<ul><li>Test – a test point.</li></ul>",
        )
        # A later draft is not shown until it is published.
        box.title_sv = box.title_en = "Testutkast"
        box.save_revision()
        block = FactBoxChooserBlock()
        with translation.override("sv"):
            html = block.render(block.to_python(box.pk))
        self.assertIn("Testfakta: testområdet", html)
        self.assertIn("<li>Test – en testpunkt.</li>", html)
        self.assertNotIn("Testutkast", html)
        with translation.override("en"):
            html = block.render(block.to_python(box.pk))
        self.assertIn("Test facts: the region&#x27;s test area", html)
        self.assertIn("<li>Test – a test point.</li>", html)
        self.assertNotIn("Testutkast", html)
        self.assertNotIn('lang="sv"', html)

    def test_fact_box_without_english_is_marked_swedish(self):
        box = FactBox.objects.create(
            title_sv="Bara svensk", body_sv="<p>Svensk text.</p>"
        )
        block = FactBoxChooserBlock()
        with translation.override("en"):
            html = block.render(block.to_python(box.pk))
        self.assertIn('<aside class="fact-box" lang="sv"', html)
        self.assertIn('lang="sv">Bara svensk</h2>', html)

    def test_unpublished_fact_box_is_not_shown(self):
        box = FactBox.objects.create(
            title_sv="Utkast", body_sv="<p>Hemligt.</p>", live=False
        )
        block = FactBoxChooserBlock()
        self.assertNotIn("Hemligt", block.render(block.to_python(box.pk)))

    def test_partner_list_links_organisations(self):
        school = make_organisation(
            "Testhögskolan", "Test University", url="https://hogskola.example/"
        )
        other = make_organisation("Testbolaget", "Test Company")
        block = PartnerListBlock()
        raw = {"heading": "Partner", "organisations": [school.pk, other.pk]}
        with translation.override("en"):
            html = render(block, raw)
        self.assertIn('<a href="https://hogskola.example/">Test University</a>', html)
        self.assertIn("Test Company", html)
        with translation.override("sv"):
            html = render(block, raw)
        self.assertIn('<a href="https://hogskola.example/">Testhögskolan</a>', html)
        self.assertIn("Testbolaget", html)

    def test_eu_funding_block(self):
        block = EUFundingBlock()
        raw = {
            "funder": "European Regional Development Fund",
            "statement": "Co-funded by the European Union.",
            "emblem": self.image.pk,
        }
        with translation.override("en"):
            html = render(block, raw)
        self.assertIn("European Regional Development Fund", html)
        self.assertIn('alt="A test image"', html)
