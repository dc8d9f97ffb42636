"""Review dates in the admin: "Reviewed, no changes" on each page, the report,
the dashboard panel and the history entry."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from ..pages import BasePage
from .services import REVIEWED_ACTION
from .views import ReviewPanel, ReviewReportView, confirm_reviewed


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("review/", ReviewReportView.as_view(), name="cms_review_report"),
        path(
            "review/results/",
            ReviewReportView.as_view(results_only=True),
            name="cms_review_report_results",
        ),
        path(
            "review/<int:page_id>/reviewed/",
            confirm_reviewed,
            name="cms_review_confirm",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report():
    return MenuItem(
        _("Page reviews"),
        reverse("cms_review_report"),
        name="page-reviews",
        icon_name="calendar-alt",
        order=720,
    )


class ReviewedButton(PageMenuItem):
    label = _("Reviewed, no changes")
    icon_name = "calendar-check"
    url_name = "cms_review_confirm"
    priority = 46

    def is_shown(self, user):
        page = self.page
        if not page.live or not issubclass(page.specific_class or type(page), BasePage):
            return False
        specific = page.specific_deferred
        return (
            bool(specific.review_months())
            and page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def page_header_reviewed_button(page, user, view_name, next_url=None):
    yield ReviewedButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def page_listing_reviewed_button(page, user, next_url=None):
    yield ReviewedButton(page=page)


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    panels.append(ReviewPanel(request.user))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        REVIEWED_ACTION,
        _("Reviewed, no changes"),
        _("Reviewed: the content still holds"),
    )
