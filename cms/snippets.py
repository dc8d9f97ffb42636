"""The newsroom's reusable content in the admin: people, organisations and fact boxes
under one menu, "Återanvändbart innehåll". Each app registers its own viewsets
(``menu_hook = REUSABLE_CONTENT_MENU``); this module gives the menu, the common
viewset and the people's."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import CopyView, SnippetViewSet

from .people import Person

# The hook through which snippet viewsets add themselves to the menu below.
REUSABLE_CONTENT_MENU = "register_reusable_content_menu_item"


class SnippetCopyView(CopyView):
    """The "Kopiera" view of a snippet shows the copy's form, which posts to the
    add view. Upstream (Wagtail 8.0): a POST to the copy view itself saves the
    form into the original object (its instance is the original), so a crafted
    request could overwrite, and unpublish, a live fact box without review. Only
    reading is allowed here."""

    http_method_names = ["get", "head", "options"]


class NewsroomSnippetViewSet(SnippetViewSet):
    """The admin views of the newsroom's reusable content (people, organisations,
    fact boxes), listed under "Återanvändbart innehåll"."""

    copy_view_class = SnippetCopyView
    menu_hook = REUSABLE_CONTENT_MENU


class PersonChooserViewSet(SnippetChooserViewSet):
    """The person chooser has a "Skapa" tab: a person quoted for the first time is
    added without leaving the release (for those allowed to add people)."""

    form_fields = [
        "name",
        "role_sv",
        "role_en",
        "party",
        "organisation_sv",
        "organisation_en",
        "email",
        "phone",
    ]


class PersonViewSet(NewsroomSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 1
    list_display = ["name", "role", "party", "email"]
    search_fields = ["name", "organisation"]
    chooser_viewset_class = PersonChooserViewSet
