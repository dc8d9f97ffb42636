"""Misslyckade inloggningar: failed logins and lockouts, for administrators, who can
let a locked-out editor in again."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset

from ..editorial.roles import ADMINS, user_roles


def can_see_security(user) -> bool:
    return user.is_superuser or ADMINS in user_roles(user)


def failed_logins(request):
    """Failed logins and current lockouts, for administrators; unlock on request."""
    if not can_see_security(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("unlock"):
        username = request.POST["unlock"]
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
    return TemplateResponse(
        request,
        "cms/admin/failed_logins.html",
        {
            "attempts": AccessAttempt.objects.order_by("-attempt_time")[:100],
            "failures": AccessFailureLog.objects.order_by("-attempt_time")[:100],
            "limit": settings.AXES_FAILURE_LIMIT,
        },
    )
