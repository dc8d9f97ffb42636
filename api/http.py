"""What every API response gets, around the endpoints: a rate limit (429 with
Retry-After), CORS open for reading, and conditional GET (ETag and
Last-Modified). The page cache (cms.caching.pages, outside this middleware)
stores API responses like pages, under the same generation, so a publish, an
unpublish or a page made private renews them at once; a cache hit is served
before this middleware and costs no rate limit."""

import hashlib
import json
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _

from cms.caching.generation import current_generation, generation_time
from cms.caching.rules import cacheable_environ
from cms.network import client_key, count_hit

PREFIX = "/api/"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
    "Access-Control-Max-Age": "86400",
}


def _json(status: int, detail: str, **headers) -> HttpResponse:
    response = HttpResponse(
        json.dumps({"status": status, "detail": detail}, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )
    for name, value in headers.items():
        response[name] = value
    return response


def _too_many(request) -> HttpResponse | None:
    window = settings.API_RATE_WINDOW
    count = count_hit(f"api-rate:{client_key(request)}", window)
    if count is None or count <= settings.API_RATE_LIMIT:
        return None  # counted, or the cache cannot count: let the client in
    detail = _error_text(
        request, _("Too many requests. Please wait a minute and try again.")
    )
    return _json(429, detail, **{"Retry-After": str(window)})


def _error_text(request, message) -> str:
    """``message`` (a lazy translation) in the client's language: English with
    ``lang=en``, else Swedish."""
    language = "en" if request.GET.get("lang") == "en" else "sv"
    with translation.override(language):
        return str(message)


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":  # a browser's CORS preflight
            response = HttpResponse(status=204)
        elif request.method not in ("GET", "HEAD"):
            detail = _error_text(request, _("The API is read-only: use GET."))
            response = _json(405, detail, Allow="GET, HEAD, OPTIONS")
        else:
            response = _too_many(request) or self._read(request)
        for name, value in CORS.items():
            response[name] = value
        return response

    def _read(self, request):
        # Read before the response is made (as the page cache does), so content
        # changed meanwhile is never dated after its change.
        generation = getattr(request, "_cms_cache_generation", None)
        generation = generation or current_generation()
        response = self.get_response(request)
        if response.status_code == 404 and "json" not in response["Content-Type"]:
            # An address outside the API's routes: Django's HTML error page is
            # no use to a client.
            return _json(404, _error_text(request, _("No such address in the API.")))
        if response.status_code != 200:
            return response
        response["ETag"] = (
            '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
        )
        last_modified = generation_time(generation) or int(time.time())
        response["Last-Modified"] = http_date(last_modified)
        if cacheable_environ(request.META):
            # The page cache stores the 200 and answers If-None-Match itself.
            return response
        response["Cache-Control"] = "public, max-age=60"
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=last_modified,
            response=response,
        )
