"""Klarspråk in the admin: the checks in Wagtail's checker, the word list and
the report of published pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PlainWord
from .report import PlainLanguageReportView
from .userbar import PlainLanguageCheckerItem


@hooks.register("construct_wagtail_userbar")
def add_plain_language_checks(request, items, page):
    """Wagtail's checker, with the klarspråk rules, in the editor's "Checks"
    panel and in the userbar of a preview."""
    items[:] = [
        PlainLanguageCheckerItem(page=page, in_editor=item.in_editor)
        if isinstance(item, ContentCheckerItem)
        else item
        for item in items
    ]


class PlainWordViewSet(SnippetViewSet):
    model = PlainWord
    icon = "spell-check"
    menu_label = _("Bureaucratic words")
    add_to_settings_menu = True
    menu_order = 900
    list_display = ["word", "replacement", "language"]
    list_filter = ["language"]
    search_fields = ["word", "replacement"]


register_snippet(PlainWordViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "plain-language/",
            PlainLanguageReportView.as_view(),
            name="cms_plain_language_report",
        ),
        path(
            "plain-language/results/",
            PlainLanguageReportView.as_view(results_only=True),
            name="cms_plain_language_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_plain_language_report():
    return MenuItem(
        _("Plain language"),
        reverse("cms_plain_language_report"),
        name="plain-language",
        icon_name="spell-check",
        order=730,
    )
