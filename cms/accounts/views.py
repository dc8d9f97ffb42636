"""Misslyckade inloggningar: failed logins and lockouts, for administrators, who can
let a locked-out editor in again."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log

from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset

from ..editorial.roles import ADMINS, user_roles


def can_see_security(user) -> bool:
    return user.is_superuser or ADMINS in user_roles(user)


class FailuresColumn(Column):
    """The number of failures in a row, and whether that locks the username."""

    cell_template_name = "cms/admin/failures_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["locked"] = instance.failures_since_start >= settings.AXES_FAILURE_LIMIT
        return context


class UnlockColumn(Column):
    cell_template_name = "cms/admin/unlock_cell.html"


class FailedLoginsReportView(ReportView):
    """Current failures and lockouts (django-axes), newest first; the recent
    failed logins below them. A POST with ``unlock`` lets a username in again."""

    page_title = gettext_lazy("Failed logins")
    header_icon = "lock"
    template_name = "cms/admin/failed_logins.html"
    index_url_name = "cms_failed_logins"
    index_results_url_name = "cms_failed_logins_results"
    paginate_by = 100
    columns = [
        Column("username", label=gettext_lazy("Username")),
        Column("ip_address", label=gettext_lazy("Address")),
        FailuresColumn("failures_since_start", label=gettext_lazy("Failures")),
        DateColumn("attempt_time", label=gettext_lazy("Last attempt")),
        UnlockColumn("unlock", label=gettext_lazy("Action")),
    ]
    list_export = ["username", "ip_address", "failures_since_start", "attempt_time"]
    export_headings = {
        "username": gettext_lazy("Username"),
        "ip_address": gettext_lazy("Address"),
        "failures_since_start": gettext_lazy("Failures"),
        "attempt_time": gettext_lazy("Last attempt"),
    }
    no_results_message = gettext_lazy("No failed logins right now.")

    def dispatch(self, request, *args, **kwargs):
        if not can_see_security(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AccessAttempt.objects.order_by("-attempt_time")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["limit"] = settings.AXES_FAILURE_LIMIT
        context["failures"] = AccessFailureLog.objects.order_by("-attempt_time")[:100]
        return context

    def post(self, request, *args, **kwargs):
        username = request.POST.get("unlock", "")
        if username:
            reset(username=username)
            log(
                instance=request.user,
                action="cms.login_unlocked",
                user=request.user,
                data={"username": username},
            )
            messages.success(
                request, _("%(username)s can log in again.") % {"username": username}
            )
        return redirect("cms_failed_logins")
