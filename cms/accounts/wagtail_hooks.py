"""The failed-logins report in the admin (administrators only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import FailedLoginsReportView, can_see_security


@hooks.register("register_admin_urls")
def register_admin_urls():
    view = FailedLoginsReportView.as_view()
    results = FailedLoginsReportView.as_view(results_only=True)
    return [
        path("failed-logins/", view, name="cms_failed_logins"),
        path("failed-logins/results/", results, name="cms_failed_logins_results"),
    ]


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_security(request.user)


@hooks.register("register_reports_menu_item")
def register_failed_logins_report():
    return AdministratorMenuItem(
        gettext_lazy("Failed logins"),
        reverse("cms_failed_logins"),
        name="failed-logins",
        icon_name="lock",
        order=720,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "cms.login_unlocked",
        gettext_lazy("Unlock login"),
        gettext_lazy("A locked-out login was unlocked"),
    )
