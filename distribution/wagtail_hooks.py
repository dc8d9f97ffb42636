"""The subscriber list in the admin (reviewers and administrators): counts by
language, kind, area and frequency through the filters, a spreadsheet export and
deleting an address with everything stored about it. Nobody adds or edits
subscribers by hand: consent comes only through the double opt-in."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Subscriber


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
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
