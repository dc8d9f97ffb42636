"""Reader addresses of the newsroom outside the page tree, in both languages; the
root URLconf puts them inside its language patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from .contact_cards import contact_card

urlpatterns = [
    path(
        _("press-contact/<int:person_id>.vcf"),
        contact_card,
        name="press_contact_card",
    ),
]
