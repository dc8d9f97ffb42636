"""Limits on login and password reset that django-axes does not give.

django-axes locks one username at one address after a few failures. Two things
remain: *password spraying* (one address trying one password on many usernames,
never failing twice on the same one) and *password reset mail* (each request sends
an e-mail). Both are counted per address (cms.network.client_ip), and reset mail
per e-mail address too, in the shared cache, for an hour.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _

from ..network import client_ip

logger = logging.getLogger(__name__)
WINDOW = 60 * 60


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{kind}:{digest}"


def _count(key: str, add: bool) -> int:
    try:
        if add:
            return 1 if cache.add(key, 1, WINDOW) else (cache.incr(key) or 0)
        return cache.get(key) or 0
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return 1
    except Exception:
        logger.exception("login throttle unavailable")
        return 0


def record_failed_login(sender, credentials=None, request=None, **kwargs):
    if request is not None:
        _count(_key("login", client_ip(request)), add=True)


user_login_failed.connect(record_failed_login, dispatch_uid="cms-login-throttle")


class LoginThrottleBackend:
    """First in AUTHENTICATION_BACKENDS: refuses every login attempt from an address
    that has failed LOGIN_FAILURES_PER_ADDRESS times within the hour, whatever the
    username."""

    def authenticate(self, request, **credentials):
        if request is None:
            return None
        failures = _count(_key("login", client_ip(request)), add=False)
        if failures >= settings.LOGIN_FAILURES_PER_ADDRESS:
            raise PermissionDenied  # stops Django trying the other backends
        return None

    def get_user(self, user_id):
        # Sessions name the backend that logged a user in (force_login picks the
        # first one); it must be able to load the user back.
        return ModelBackend().get_user(user_id)


class PasswordResetThrottleMiddleware:
    """At most PASSWORD_RESETS_PER_ADDRESS reset requests an hour from one address
    and PASSWORD_RESETS_PER_EMAIL for one e-mail address; then 429. Placed after
    CsrfViewMiddleware, so forged requests (refused there) count for nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "POST"
            and match is not None
            and match.url_name == "wagtailadmin_password_reset"
        ):
            address = _count(_key("reset-ip", client_ip(request)), add=True)
            email = _count(_key("reset-mail", request.POST.get("email", "")), add=True)
            if (
                address > settings.PASSWORD_RESETS_PER_ADDRESS
                or email > settings.PASSWORD_RESETS_PER_EMAIL
            ):
                response = HttpResponse(
                    _(
                        "Too many password reset requests. Wait an hour and try "
                        "again, or ask an administrator."
                    ),
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(WINDOW)
                return response
        return None
