"""Admin viewsets for the strategy snippets (registered in .wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _

from cms.snippets import NewsroomSnippetViewSet

from .models import FactBox, Organisation


class FactBoxViewSet(NewsroomSnippetViewSet):
    model = FactBox
    icon = "list-ul"
    menu_label = _("Fact boxes")
    menu_order = 2
    list_display = ["title", "live", "last_published_at"]
    search_fields = ["title"]


class OrganisationViewSet(NewsroomSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 3
    list_display = ["name", "url"]
    search_fields = ["name"]
