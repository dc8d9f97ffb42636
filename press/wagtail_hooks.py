"""Admin menu: the newsroom's reusable content in one group."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.views import PersonViewSet
from specialisation.views import FactBoxViewSet, OrganisationViewSet


class NewsroomSnippetGroup(SnippetViewSetGroup):
    """People, fact boxes and organisations that press releases and strategy pages
    reuse."""

    menu_label = _("Reusable content")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (PersonViewSet, FactBoxViewSet, OrganisationViewSet)


register_snippet(NewsroomSnippetGroup)
