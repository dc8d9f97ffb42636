"""The image model: translated alt text (``description``), a photographer credit,
and a flag for decorative images."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image

from .i18n import field_in, has_value


class CustomImage(AbstractImage):
    """An image with translated alt text (``description``) and a photographer credit."""

    credit = models.CharField(
        _("photographer credit"),
        max_length=255,
        blank=True,
        help_text=_('Name of the photographer. Shown as "Foto: name" / "Photo: name".'),
    )
    # Not "decorative": Wagtail sets that attribute on every image instance (for
    # ImageBlock), which would hide the stored value.
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only if the image adds no information (it then gets an empty alt "
            "text and screen readers skip it)."
        ),
    )

    # The press media bank (press.media_bank): images journalists may download,
    # with the terms they may use them on.
    LICENCE_EDITORIAL = "editorial"
    LICENCE_CC_BY = "cc-by"
    LICENCE_WITH_RELEASE = "with-release"
    LICENCE_CHOICES = [
        (
            LICENCE_EDITORIAL,
            _("Free for editorial use, with the photographer's name"),
        ),
        (LICENCE_CC_BY, _("Creative Commons Attribution 4.0 (CC BY 4.0)")),
        (LICENCE_WITH_RELEASE, _("Only with reporting on the release it belongs to")),
    ]
    press_image = models.BooleanField(
        _("press image"),
        default=False,
        help_text=_(
            "Tick to list the image in the press images (the media bank), for "
            "journalists to download in web, print and social media sizes."
        ),
    )
    licence = models.CharField(
        _("terms of use"),
        max_length=20,
        choices=LICENCE_CHOICES,
        default=LICENCE_EDITORIAL,
        # Blank (a form or an upload that leaves it out) means the default.
        blank=True,
        help_text=_("Shown beside every download of the image."),
    )

    admin_form_fields = (
        "title",
        "file",
        "description_sv",
        "description_en",
        "is_decorative",
        "credit",
        "press_image",
        "licence",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    # Pages show it: saving it makes cached pages stale (cms.caching).
    invalidates_page_cache = True

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = Image._meta.permissions

    @property
    def alt_text(self) -> str:
        """Alt text in the active language; empty for decorative images."""
        if self.is_decorative:
            return ""
        return field_in(self, "description") or ""

    @property
    def alt_lang(self) -> str | None:
        """ "sv" when the alt text shown on an English page is the Swedish one, else
        None (templates pass it as ``lang=``, and None leaves the attribute out)."""
        lang = get_language()
        if (
            lang != "sv"
            and not self.is_decorative
            and not has_value(getattr(self, f"description_{lang}", ""))
        ):
            return "sv"
        return None

    @property
    def default_alt_text(self) -> str:
        return self.alt_text


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


# Teaser images in lists: a release's thumbnail beside its teaser
# (press/includes/release_teaser.html) and an area's picture on its card
# (specialisation/includes/area_card.html).
TEASER_IMAGE = "fill-320x180"
CARD_IMAGE = "fill-640x320"


def teaser_renditions(spec: str = TEASER_IMAGE) -> Prefetch:
    """The ``spec`` renditions of the listed pages' ``image``: one query for a whole
    list (its images come with ``select_related("image")``)."""
    return Prefetch(
        "image__renditions",
        queryset=CustomRendition.objects.filter(filter_spec=spec),
    )
