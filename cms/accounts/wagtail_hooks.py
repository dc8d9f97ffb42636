"""The failed-logins report in the admin (administrators only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import can_see_security, failed_logins


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("failed-logins/", failed_logins, name="cms_failed_logins")]


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
