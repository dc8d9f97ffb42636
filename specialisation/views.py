"""Admin viewsets for the strategy snippets (registered in press.wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _

from cms.editorial.views import NewsroomSnippetViewSet

from .models import FactBox, Organisation


class FactBoxViewSet(NewsroomSnippetViewSet):
    model = FactBox
    icon = "list-ul"
    menu_label = _("Fact boxes")
    list_display = ["title", "live", "last_published_at"]
    search_fields = ["title"]


class OrganisationViewSet(NewsroomSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "url"]
    search_fields = ["name"]
