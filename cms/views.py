"""Admin viewsets for cms snippets (registered in press.wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "party", "email"]
    search_fields = ["name", "organisation"]
