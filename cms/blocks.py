"""StreamField blocks shared by every page type.

Child names used in streams (``text``, ``quote``...) and the import paths of these
classes are stored data: renaming or moving them needs a data migration.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .people import format_attribution
from .video_urls import parse_video_url

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


def require_exactly_one(value, *names: str) -> None:
    """Raise a StructBlockValidationError unless exactly one of ``names`` is filled."""
    filled = [name for name in names if value.get(name)]
    if len(filled) == 1:
        return
    message = _("Fill in exactly one of these fields.")
    raise StructBlockValidationError(
        block_errors={name: ValidationError(message) for name in names}
    )


class RenditionImageChooserBlock(ImageChooserBlock):
    """An image chooser whose bulk load also fetches the image's renditions, so a
    stream with many images renders with a fixed number of queries."""

    def bulk_to_python(self, values):
        values = list(values)
        images = (
            get_image_model()
            .objects.prefetch_renditions()
            .in_bulk([value for value in values if value is not None])
        )
        return [images.get(value) for value in values]


class RichTextBlock(blocks.RichTextBlock):
    """Body text with sub-headings (h2/h3), lists and links; never h1."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text_block.html"
        label = _("Text")
        description = _("Paragraphs with sub-headings, lists and links.")
        preview_value = (
            "<h2>Stark uppslutning</h2>"
            "<p>Projektet genomförs tillsammans med sex partner.</p>"
        )


class HeadingValue(blocks.StructValue):
    def anchor(self) -> str:
        return slugify(self.get("text") or "")


class HeadingBlock(blocks.StructBlock):
    """A sub-heading (h2 or h3) that also works as a link target within the page."""

    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
        label=_("level"),
        help_text=_("Use level 2 for sections and level 3 for sub-sections."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading.")
        value_class = HeadingValue
        preview_value = {"text": "Vässa innovationskraften", "level": "h2"}


class ImageValue(blocks.StructValue):
    def credit_text(self) -> str:
        image = self.get("image")
        return self.get("credit") or (image.credit if image else "")


class ImageBlock(blocks.StructBlock):
    """An image with an optional caption and photographer credit."""

    image = RenditionImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(
        label=_("caption"),
        required=False,
        max_length=300,
        help_text=_("Shown under the image. The alt text comes from the image itself."),
    )
    credit = blocks.CharBlock(
        label=_("photographer credit"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the credit saved with the image."),
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        group = _("Media")
        description = _("An image with caption and credit.")
        value_class = ImageValue


class LinkValue(blocks.StructValue):
    def href(self) -> str:
        page = self.get("page")
        if page:
            return page.url
        return self.get("url") or ""


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to a page on this site or to another site."""

    text = blocks.CharBlock(
        label=_("link text"),
        max_length=120,
        help_text=_(
            'Say where the link goes, e.g. "Read the strategy" (not "Click here").'
        ),
    )
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A prominent link button.")
        value_class = LinkValue

    def clean(self, value):
        value = super().clean(value)
        require_exactly_one(value, "page", "url")
        return value


class DocumentValue(blocks.StructValue):
    def link_text(self) -> str:
        document = self.get("document")
        return self.get("title") or (document.title if document else "")

    def file_extension(self) -> str:
        document = self.get("document")
        return document.file_extension.upper() if document else ""

    def file_size(self):
        document = self.get("document")
        try:
            return document.get_file_size() if document else None
        except OSError:
            return None


class DocumentLinkBlock(blocks.StructBlock):
    """A link to an attachment (PDF, Word...) with its type and size shown."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document")
        group = _("Media")
        description = _("A downloadable attachment.")
        value_class = DocumentValue


class VideoValue(blocks.StructValue):
    @cached_property
    def _parsed(self):
        return parse_video_url(self.get("url"))

    def provider(self) -> str:
        return self._parsed[0] if self._parsed else ""

    def embed_url(self) -> str:
        return self._parsed[1] if self._parsed else ""


class VideoEmbedBlock(blocks.StructBlock):
    """A YouTube or Vimeo video that loads nothing from the provider until the
    reader clicks play (no third-party cookies before consent)."""

    url = blocks.URLBlock(
        label=_("video address"),
        help_text=_(
            "A YouTube or Vimeo address, e.g. https://www.youtube.com/watch?v=..."
        ),
    )
    title = blocks.CharBlock(
        label=_("video title"),
        max_length=200,
        help_text=_("Describes the video for everyone, including screen reader users."),
    )
    transcript = blocks.TextBlock(
        label=_("text version"),
        required=False,
        help_text=_("A transcript or description of the video, shown under it."),
    )

    class Meta:
        icon = "media"
        template = "blocks/video_embed_block.html"
        label = _("Video")
        group = _("Media")
        description = _("A video that only loads when the reader clicks play.")
        value_class = VideoValue

    def clean(self, value):
        value = super().clean(value)
        if not parse_video_url(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Only YouTube and Vimeo video addresses are supported.")
                    )
                }
            )
        return value


class QuoteValue(blocks.StructValue):
    def _snapshot(self, name: str) -> str:
        lang = get_language() or "sv"
        return self.get(f"{name}_{lang}") or self.get(f"{name}_sv") or ""

    def speaker(self) -> str:
        person = self.get("person")
        return person.name if person else (self.get("name") or "")

    def role(self) -> str:
        return self._snapshot("role")

    def role_lang(self) -> str:
        """ "sv" when the role is the Swedish one shown on an English page."""
        lang = get_language() or "sv"
        if lang != "sv" and not self.get(f"role_{lang}") and self.get("role_sv"):
            return "sv"
        return ""

    def attribution(self) -> str:
        return format_attribution(self.speaker(), self.get("party") or "", self.role())


class QuoteBlock(blocks.StructBlock):
    """A quote from a named person, e.g. a regional councillor.

    The person's role and party are saved with the quote the first time it is saved,
    so an old press release keeps the title the person had when quoted.
    """

    text = blocks.TextBlock(label=_("quote"), help_text=_("Without quotation marks."))
    person = SnippetChooserBlock(
        "cms.Person",
        label=_("person"),
        required=False,
        help_text=_("Choose a saved person, or type a name below."),
    )
    name = blocks.CharBlock(
        label=_("name"),
        required=False,
        max_length=120,
        help_text=_("Only if the person is not a saved person."),
    )
    role_sv = blocks.CharBlock(
        label=_("role when quoted (Swedish)"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to save the person's current role with the quote."),
    )
    role_en = blocks.CharBlock(
        label=_("role when quoted (English)"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to save the person's current role with the quote."),
    )
    party = blocks.CharBlock(
        label=_("party when quoted"),
        required=False,
        max_length=12,
        help_text=_("Leave empty to save the person's current party with the quote."),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quote with the name, party and role of the speaker.")
        value_class = QuoteValue
        preview_value = {
            "text": "Nu har Blekinge ett fönster att vässa sin innovationskraft.",
            "name": "Johan Sandberg",
            "party": "M",
            "role_sv": "ordförande i regionala utvecklingsnämnden",
        }

    def clean(self, value):
        value = super().clean(value)
        require_exactly_one(value, "person", "name")
        return value

    def get_api_representation(self, value, context=None):
        # The read API gives the speaker's name with the quote, not only the
        # chosen person's id.
        data = super().get_api_representation(value, context)
        data["name"] = value.speaker()
        return data

    def get_prep_value(self, value):
        # Freeze the person's current role and party into the quote when it is saved
        # (and whenever those fields are left empty), for every save path: admin
        # form, copy, import, demo content.
        person = value.get("person") if value else None
        if person is not None and hasattr(person, "role_sv"):
            for lang in ("sv", "en"):
                key = f"role_{lang}"
                if not value.get(key):
                    value[key] = getattr(person, key) or ""
            if not value.get("party"):
                value["party"] = person.party or ""
        return super().get_prep_value(value)


def quote_of(person, text: str) -> dict:
    """A quote block's raw stream value for a saved person, the role and party frozen
    as ``QuoteBlock.get_prep_value`` does: content written as raw stream data (the
    demo, tests) does not pass through it."""
    return {
        "text": text,
        "person": person.pk,
        "name": "",
        "role_sv": person.role_sv,
        "role_en": person.role_en,
        "party": person.party,
    }


class BaseStreamBlock(blocks.StreamBlock):
    """Blocks every body field offers; domain stream blocks extend it."""

    text = RichTextBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    video = VideoEmbedBlock()

    class Meta:
        block_counts = {}
