"""The image form for the admin (WAGTAILIMAGES_IMAGE_FORM_BASE).

Kept apart from cms.forms because Wagtail's image forms need the models loaded.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Alt text is required: a Swedish description of what the image shows, unless
    the image is ticked as decorative."""

    def clean(self):
        cleaned = super().clean()
        # The multiple uploader first posts only the file; its per-image form (shown
        # right after) asks for the description, so the check applies there.
        if "description_sv" not in self.fields or "description_sv" not in self.data:
            return cleaned
        if (
            not cleaned.get("is_decorative")
            and not (cleaned.get("description_sv") or "").strip()
        ):
            self.add_error(
                "description_sv",
                _(
                    "Describe what the image shows for people who cannot see it, or "
                    "tick “decorative” if it adds no information."
                ),
            )
        return cleaned
