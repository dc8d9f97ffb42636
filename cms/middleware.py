"""Security headers and one structured log line per request.

The Content-Security-Policy is set here rather than with django-csp because the
site needs two policies: a strict one for readers (no inline script at all, nothing
from other origins) and a looser one for the Wagtail admin, whose widgets still use
inline scripts. Django's own CSP support arrives with Django 6 (Python 3.12).
"""

import json
import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

logger = logging.getLogger("cms.requests")

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), "
    "interest-cohort=()"
)


def _sources(*extra: str) -> str:
    return " ".join(["'self'", *[source for source in extra if source]])


def public_policy() -> str:
    media = getattr(settings, "MEDIA_ORIGIN", "")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {_sources('data:', media)}",
            "font-src 'self'",
            "connect-src 'self'",
            # Videos load from these only after the reader clicks play.
            "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
            f"media-src {_sources(media)}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def preview_policy() -> str:
    """The readers' policy for a page preview, which the editor shows in a frame of
    the admin (Wagtail renders it through the site's own middleware)."""
    return public_policy().replace("frame-ancestors 'none'", "frame-ancestors 'self'")


def admin_policy() -> str:
    media = getattr(settings, "MEDIA_ORIGIN", "")
    return "; ".join(
        [
            "default-src 'self'",
            # Wagtail's admin widgets (date pickers, inline panels) and
            # wagtail-modeltranslation's language toggles use inline scripts.
            "script-src 'self' 'unsafe-inline'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src {_sources('data:', 'blob:', media)}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            # The page editor shows its live preview in a frame of the admin.
            "frame-ancestors 'self'",
        ]
    )


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = public_policy()
        self.preview = preview_policy()
        self.admin = admin_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy_for(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def policy_for(self, request) -> str:
        # Wagtail's preview runs a made-up request for the page's own address
        # (flagged is_dummy) through this middleware, inside an admin request.
        if getattr(request, "is_dummy", False):
            return self.preview
        if request.path.startswith("/admin/"):
            return self.admin
        return self.public


class RequestLogMiddleware:
    """One JSON line per request: method, path, status, time and cache result.

    No addresses, query strings or user names are logged (readers' searches and
    feedback stay out of the logs).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            logger.info(
                json.dumps(
                    {
                        "method": request.method,
                        "path": request.path[:300],
                        "status": response.status_code,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "cache": response.get("X-Cache", ""),
                        "lang": getattr(request, "LANGUAGE_CODE", ""),
                    },
                    ensure_ascii=False,
                )
            )
        return response


class AdminBadInputMiddleware:
    """An admin form posted without the fields it needs answers 400, not 500.

    Wagtail's admin views read their formsets' management fields (and a few other
    fields) straight from the POST data, so a hand-made or truncated request raises
    a KeyError deep inside Wagtail; a snippet's "revert" view saves a draft without
    Wagtail 8's deferred validation and so lets the model's ValidationError out.
    Three Wagtail 8.0 views also fail on an empty POST: the external-link chooser,
    a chooser's create view for a model that has no creation form, and the
    redirects import's confirmation. Nothing is stored in any of these cases.
    """

    # URL name: the exception Wagtail raises there on an empty POST.
    UPSTREAM_EMPTY_POST_BUGS = {
        "wagtailadmin_choose_page_external_link": AttributeError,
        "create": AttributeError,
        "process_import": KeyError,
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not request.path.startswith("/admin/"):
            return None
        match = getattr(request, "resolver_match", None)
        known_bug = match is not None and isinstance(
            exception, self.UPSTREAM_EMPTY_POST_BUGS.get(match.url_name, ())
        )
        bad_input = isinstance(exception, MultiValueDictKeyError | ValidationError)
        if not (bad_input or known_bug):
            return None
        logger.warning(
            "admin form posted without its fields: %s %r",
            request.path[:200],
            exception,
        )
        return HttpResponseBadRequest(
            _("The form was incomplete. Reload the page and try again."),
            content_type="text/plain; charset=utf-8",
        )
