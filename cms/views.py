"""Public views that are not pages: the error page and robots.txt."""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)


def server_error(request):
    """handler500: a plain bilingual page; 503 when the database is unreachable, so
    readers (and load balancers) see a temporary problem, not a broken site. Rendered
    without touching the database or the request context."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("database unavailable: %s", error)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(loader.get_template("500.html").render(), status=500)
    response["Cache-Control"] = "no-store"
    return response


def page_not_found(request, exception=None):
    """handler404: the site's "not found" page, whose language switcher leads to
    the other language's start page (cms.templatetags.language_tags)."""
    return render(request, "404.html", {"not_found": True}, status=404)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "",
        f"Sitemap: {settings.BASE_URL}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
