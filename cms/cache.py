"""A publish-aware page cache for anonymous readers.

Written by hand because wagtail-cache, the usual library, does not support Wagtail 8
(it requires wagtail<8), and Django's per-site cache cannot be invalidated on
publish.

- Only anonymous GET/HEAD requests without a session or CSRF cookie are served from
  or stored in the cache, so editors, previews and the admin never are.
- Every entry's key includes a site-wide *generation*. Publishing, unpublishing,
  moving or deleting a page, and saving a snippet or setting that pages show, bumps
  the generation (one cache write), so no reader ever gets a stale menu, listing,
  feed, sitemap or related list: a publish changes those all over the site, and a
  new generation is the only way to be never stale without a dependency graph.
- Cacheable responses get Cache-Control, ETag and Last-Modified, so a CDN or reverse
  proxy can cache too; conditional requests get 304.
"""

import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Query parameters that listings and search use; any other parameter (or a very long
# query string) means "don't cache", so random URLs cannot flood the cache.
ALLOWED_PARAMS = frozenset({"page", "kind", "area", "year", "month", "status", "q"})
MAX_QUERY_LENGTH = 200
EXCLUDED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz",
    "/readyz",
    "/feedback/",
    "/en/feedback/",
)
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Vary")


def current_generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY) or value
    return value


def invalidate(reason: str = "") -> None:
    """Make every cached page stale at once (a single cache write)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    logger.info("page cache invalidated%s", f": {reason}" if reason else "")


def _cacheable_request(request) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", False):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if settings.CSRF_COOKIE_NAME in request.COOKIES:
        return False
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return False
    return set(request.GET) <= ALLOWED_PARAMS


def _cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _public_headers(response, etag: str, stored_at: float) -> None:
    response["Cache-Control"] = (
        f"public, max-age={settings.PAGE_CACHE_MAX_AGE}, "
        f"s-maxage={settings.PAGE_CACHE_S_MAXAGE}"
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored_at)


class PageCacheMiddleware:
    """Serve and store anonymous page responses (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        entry = None
        try:
            entry = cache.get(key)
        except Exception:
            logger.exception("page cache read failed")
        if entry is not None:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        if _cacheable_response(response):
            self._store(key, response)
        return response

    @staticmethod
    def _key(request) -> str:
        raw = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(raw.encode()).hexdigest()
        return f"pagecache:{current_generation()}:{digest}"

    def _store(self, key: str, response) -> None:
        # The language comes from the path, not the Accept-Language header, so the
        # header is dropped from Vary to let shared caches keep one copy per URL.
        vary = [
            value.strip()
            for value in response.get("Vary", "").split(",")
            if value.strip() and value.strip().lower() != "accept-language"
        ]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif response.has_header("Vary"):
            del response["Vary"]
        patch_vary_headers(response, ("Cookie",))
        stored_at = time.time()
        etag = (
            '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
        )
        _public_headers(response, etag, stored_at)
        entry = {
            "content": response.content,
            "headers": {
                h: response[h] for h in STORED_HEADERS if response.has_header(h)
            },
            "etag": etag,
            "stored_at": stored_at,
        }
        try:
            cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("page cache write failed")
        response["X-Cache"] = "MISS"

    @staticmethod
    def _from_entry(request, entry):
        response = HttpResponse(entry["content"])
        for header, value in entry["headers"].items():
            response[header] = value
        _public_headers(response, entry["etag"], entry["stored_at"])
        response["X-Cache"] = "HIT"
        return get_conditional_response(
            request,
            etag=entry["etag"],
            last_modified=int(entry["stored_at"]),
            response=response,
        )
