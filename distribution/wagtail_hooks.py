"""Distribution in the admin (reviewers and administrators):

- the subscriber list: counts by language, kind, area and frequency through the
  filters, a spreadsheet export and deleting an address with everything stored
  about it. Nobody adds or edits subscribers by hand: consent comes only through
  the double opt-in;
- the press list ("Presslista", under "Återanvändbart innehåll");
- "Förhandsvisning för press" on a release: personal preview links under embargo,
  and their entries in the page's history.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet

from cms.snippets import NewsroomSnippetViewSet
from press.models import PressReleasePage

from . import previews
from .admin_views import press_previews
from .models import Journalist, Subscriber
from .reports import subscriber_counts


class SubscriberIndexView(IndexView):
    """Wagtail's listing with the counts a press officer asks for first."""

    template_name = "distribution/admin/subscribers_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = subscriber_counts()
        return context


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    index_view_class = SubscriberIndexView
    inspect_view_fields = [
        "email",
        "language",
        "press_releases",
        "news",
        "areas",
        "frequency",
        "created_at",
        "confirmed_at",
        "suppressed_at",
        "suppressed_reason",
    ]
    icon = "mail"
    menu_label = _("Subscribers")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["email", "language", "frequency", "created_at", "confirmed_at"]
    list_filter = [
        "language",
        "frequency",
        "press_releases",
        "news",
        "areas",
        "suppressed_at",
        "confirmed_at",
    ]
    list_export = [
        "email",
        "language",
        "frequency",
        "press_releases",
        "news",
        "created_at",
        "confirmed_at",
        "suppressed_at",
        "suppressed_reason",
    ]
    export_filename = "prenumeranter"
    search_fields = ["email"]
    form_fields = ["suppressed_at"]
    inspect_view_enabled = True
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_subscribers():
    return SubscriberViewSet("subscribers")


class JournalistViewSet(NewsroomSnippetViewSet):
    model = Journalist
    icon = "group"
    menu_label = _("Press list")
    menu_order = 40
    list_display = ["name", "outlet", "email", "language"]
    search_fields = ["name", "outlet", "email"]


register_snippet(JournalistViewSet)


@hooks.register("register_admin_urls")
def register_preview_urls():
    return [
        path(
            "distribution/previews/<int:page_id>/",
            press_previews,
            name="distribution_press_previews",
        )
    ]


class PressPreviewButton(PageMenuItem):
    label = _("Previews for the press")
    icon_name = "mail"
    url_name = "distribution_press_previews"
    priority = 45

    def is_shown(self, user):
        return (
            issubclass(self.page.specific_class or type(self.page), PressReleasePage)
            and self.page.permissions_for_user(user).can_publish()
        )


@hooks.register("register_page_header_buttons")
def page_header_preview_button(page, user, view_name, next_url=None):
    yield PressPreviewButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def page_listing_preview_button(page, user, next_url=None):
    yield PressPreviewButton(page=page)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label, message in [
        (previews.SENT, _("Send preview"), _("Preview link sent under embargo")),
        (previews.OPENED, _("Open preview"), _("Preview link opened")),
        (
            previews.DOWNLOADED,
            _("Download from preview"),
            _("Image downloaded from a preview link"),
        ),
        (previews.REVOKED, _("Withdraw preview"), _("Preview link withdrawn")),
    ]:
        actions.register_action(action, label, message)
