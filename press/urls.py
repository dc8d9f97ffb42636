"""Reader addresses of the newsroom outside the page tree, in both languages; the
root URLconf puts them inside its language patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import media_views
from .contact_cards import contact_card

urlpatterns = [
    path(
        _("press-contact/<int:person_id>.vcf"),
        contact_card,
        name="press_contact_card",
    ),
    path(_("press-images/"), media_views.media_bank, name="press_images"),
    path(
        _("press-images/<int:image_id>-<str:size>.jpg"),
        media_views.bank_image,
        name="press_image",
    ),
    path(_("press-kit/<int:page_id>.zip"), media_views.press_kit, name="press_kit"),
    path(
        _("press-kit/<int:page_id>/<int:image_id>-<str:size>.jpg"),
        media_views.release_image,
        name="press_release_image",
    ),
]
