"""The image and document forms of the admin (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE).

Kept apart from cms.bilingual.forms because Wagtail's image and document forms need the
models loaded.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtail.models import Page, ReferenceIndex

from .editorial.roles import may_publish

LOCKED_FILE_HELP = _(
    "It is shown on published pages, so only reviewers replace its file. Upload "
    "a new version instead and choose it on the page; the change is reviewed with "
    "the page."
)


def used_on_live_pages(obj) -> bool:
    """Whether a live page refers to ``obj`` (Wagtail's reference index)."""
    if obj.pk is None:
        return False
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=list(page_ids)).exists()


class ReviewedFileMixin:
    """A file shown on published pages is replaced only by those who may publish:
    anything else would change a live page without review."""

    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if (
            "file" in self.fields
            and not may_publish(user)
            and used_on_live_pages(self.instance)
        ):
            self.fields["file"].disabled = True
            self.fields["file"].help_text = LOCKED_FILE_HELP


class ImageForm(ReviewedFileMixin, BaseImageForm):
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


class DocumentForm(ReviewedFileMixin, BaseDocumentForm):
    pass
