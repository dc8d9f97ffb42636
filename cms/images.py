"""The image model: translated alt text (``description``), a photographer credit,
and a flag for decorative images."""

from django.db import models
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

    admin_form_fields = (
        "title",
        "file",
        "description_sv",
        "description_en",
        "is_decorative",
        "credit",
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
