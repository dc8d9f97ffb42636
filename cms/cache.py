"""A publish-aware page cache for anonymous readers.

Written by hand because wagtail-cache, the usual library, does not support Wagtail 8
(it requires wagtail<8), and Django's per-site cache cannot be invalidated on
publish.

- Only anonymous GET/HEAD requests without a session or CSRF cookie are served from
  or stored in the cache, so editors, previews and the admin never are.
- Each entry records the site-wide *generation* it was made in. Publishing,
  unpublishing, moving or deleting a page, and saving a snippet or setting that
  pages show, bumps the generation (one cache write), so no reader ever gets a stale
  menu, listing, feed, sitemap or related list: a publish changes those all over
  the site, and a new generation is the only way to be never stale without a
  dependency graph. A lookup fetches the generation and the entry in one round trip.
- An entry is stored under the generation its request read *before* it read the
  database, and a change inside a transaction bumps the generation again once the
  transaction commits: a reader who rendered the old page while a publish was
  still uncommitted stores it under a generation that is already gone.
- Cacheable responses get Cache-Control, ETag and Last-Modified, so a CDN or reverse
  proxy can cache too; conditional requests get 304.
- The middleware is the outermost one, so an entry holds every header the site
  adds (security headers included) and a hit runs no other middleware. In
  production, cms.wsgi serves hits before Django builds a request at all.
"""

import hashlib
import json
import logging
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

logger = logging.getLogger(__name__)
request_logger = logging.getLogger("cms.requests")

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
# Headers that belong to one response only.
UNSTORED_HEADERS = {"set-cookie", "date", "x-cache", "content-length"}


def current_generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY) or value
    return value


def invalidate(reason: str = "") -> None:
    """Make every cached page stale at once (a single cache write), and again when
    the current transaction commits: until then other processes still read the old
    content, and what they cache meanwhile must not outlive the commit."""
    _bump(reason)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(f"{reason} (committed)"))


def _bump(reason: str) -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    logger.info("page cache invalidated%s", f": {reason}" if reason else "")


def cacheable_environ(environ) -> bool:
    """Whether a request (its WSGI environ / request.META) may use the cache."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", False):
        return False
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    path = environ.get("PATH_INFO", "")
    if path.startswith(EXCLUDED_PREFIXES):
        return False
    cookie_header = environ.get("HTTP_COOKIE", "")
    if cookie_header:
        cookies = SimpleCookie()
        try:
            cookies.load(cookie_header)
        except Exception:  # noqa: BLE001 - an unreadable cookie header: don't cache
            return False
        if (
            settings.SESSION_COOKIE_NAME in cookies
            or settings.CSRF_COOKIE_NAME in cookies
        ):
            return False
    return query_is_cacheable(environ.get("QUERY_STRING", ""))


def query_is_cacheable(query: str) -> bool:
    """Only the listing and search parameters, and not too long: random query
    strings must not fill the cache."""
    if len(query) > MAX_QUERY_LENGTH:
        return False
    names = {name for name, _value in parse_qsl(query, keep_blank_values=True)}
    return names <= ALLOWED_PARAMS


def request_generation(request) -> str:
    """The cache generation, fetched once per request."""
    if not hasattr(request, "_cms_cache_generation"):
        request._cms_cache_generation = current_generation()
    return request._cms_cache_generation


# The template fragments base.html caches (see the fragment_cache template tag).
FRAGMENTS = ("head", "header", "content", "footer")


def _fragment_digest(request) -> str | None:
    """What a page's fragments vary on (host, scheme, language, path, query), as a
    digest; None when they must be rendered afresh (previews, forms, odd query
    strings). Computed once per request."""
    if hasattr(request, "_cms_fragment_digest"):
        return request._cms_fragment_digest
    digest = None
    if (
        getattr(settings, "FRAGMENT_CACHE_ENABLED", False)
        and not getattr(request, "is_preview", False)
        and request.method in ("GET", "HEAD")
        and query_is_cacheable(request.META.get("QUERY_STRING", ""))
    ):
        from django.utils import translation

        raw = "\n".join(
            [
                request.get_host(),
                request.scheme,
                translation.get_language() or "",
                request.path,
                request.META.get("QUERY_STRING", ""),
            ]
        )
        digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    request._cms_fragment_digest = digest
    return digest


def no_fragments(request) -> None:
    """This request renders every fragment afresh and stores none: a private page
    (password, login, group) must never take its content from, or leave it in, a
    cache that another reader of the same address could get."""
    request._cms_fragment_digest = None
    request._cms_fragments = {}


def fragment_key(request, name: str) -> str | None:
    """The cache key of template fragment ``name`` on this request, or None when
    the fragment must be rendered afresh.

    Fragments (site header, footer, a page's main content) are the page cache's
    second line: they serve requests the page cache does not (readers with a
    cookie, editors browsing the site, a CDN's revalidations). Like page entries
    they record their generation, so publishing makes them all stale at once.
    """
    if request is None:
        return None
    digest = _fragment_digest(request)
    return None if digest is None else f"fragment:v2:{name}:{digest}"


def prefetch(request, keys: list[str]) -> dict:
    """Fetch ``keys``, the generation and every fragment this request may use, in
    one round trip to the cache, and keep the generation and fragments on the
    request. Returns the values of ``keys`` that were found."""
    fragment_keys = [fragment_key(request, name) for name in FRAGMENTS]
    fragment_keys = [key for key in fragment_keys if key]
    values = cache.get_many([GENERATION_KEY, *keys, *fragment_keys])
    if values.get(GENERATION_KEY) is not None:
        request._cms_cache_generation = values[GENERATION_KEY]
    request._cms_fragments = {key: values.get(key) for key in fragment_keys}
    return values


def get_fragment(request, name: str) -> str | None:
    key = fragment_key(request, name)
    if key is None:
        return None
    prefetched = getattr(request, "_cms_fragments", {})
    entry = prefetched[key] if key in prefetched else cache.get(key)
    if (
        isinstance(entry, tuple)
        and len(entry) == 2
        and entry[0] == request_generation(request)
    ):
        return entry[1]
    return None


def set_fragment(request, name: str, html: str) -> None:
    key = fragment_key(request, name)
    if key is not None:
        value = (request_generation(request), html)
        cache.set(key, value, settings.PAGE_CACHE_TIMEOUT)


def _scheme(environ) -> str:
    header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if header and environ.get(header[0]) == header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def entry_key(environ) -> str:
    host = environ.get("HTTP_HOST") or (
        f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"
    )
    raw = "|".join(
        [
            _scheme(environ),
            host.lower(),
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        ]
    )
    return (
        "pagecache:"
        + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    )


def lookup(key: str) -> tuple[dict | None, str | None]:
    """The current entry for ``key`` (or None) and the generation (one round trip
    to the cache)."""
    try:
        values = cache.get_many([GENERATION_KEY, key])
    except Exception:
        logger.exception("page cache read failed")
        return None, None
    entry = values.get(key)
    generation = values.get(GENERATION_KEY)
    if entry is None or generation is None or entry.get("generation") != generation:
        return None, generation
    return entry, generation


def cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _shared_cache_control() -> str:
    return (
        f"public, max-age={settings.PAGE_CACHE_MAX_AGE}, "
        f"s-maxage={settings.PAGE_CACHE_S_MAXAGE}"
    )


def store(key: str, response, stored_at: float, generation: str) -> None:
    """Store ``response`` (already given its cache headers) under ``key``, as made
    in ``generation`` (read before the response was made)."""
    entry = {
        "generation": generation,
        "content": response.content,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ],
        "etag": response["ETag"],
        "stored_at": stored_at,
    }
    try:
        cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
    except Exception:
        logger.exception("page cache write failed")


def prepare(response) -> float:
    """Give a cacheable response its shared-cache headers; return the time."""
    # The language comes from the path, not the Accept-Language header, so that
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
    response["Cache-Control"] = _shared_cache_control()
    response["ETag"] = (
        '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
    )
    response["Last-Modified"] = http_date(stored_at)
    return stored_at


def not_modified(environ, entry) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH", "")
    if if_none_match:
        return entry["etag"] in [tag.strip() for tag in if_none_match.split(",")] or (
            if_none_match.strip() == "*"
        )
    return False


def log_hit(environ, status: int, started: float) -> None:
    if request_logger.isEnabledFor(logging.INFO):
        request_logger.info(
            json.dumps(
                {
                    "method": environ.get("REQUEST_METHOD"),
                    "path": environ.get("PATH_INFO", "")[:300],
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "cache": "HIT",
                },
                ensure_ascii=False,
            )
        )


class PageCacheMiddleware:
    """Serve and store anonymous page responses (see the module docstring). It must
    be the first middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Previews (Wagtail's made-up requests, flagged is_dummy) are never cached.
        if getattr(request, "is_dummy", False) or not cacheable_environ(request.META):
            return self.get_response(request)
        started = time.perf_counter()
        request.get_host()  # validate the host (ALLOWED_HOSTS) before any lookup
        key = entry_key(request.META)
        entry, generation = lookup(key)
        if entry is not None:
            response = self._from_entry(request, entry)
            log_hit(request.META, response.status_code, started)
            return response
        # Read before the page is made, never after (see the module docstring).
        generation = generation or current_generation()
        request._cms_cache_generation = generation
        response = self.get_response(request)
        if cacheable_response(response):
            store(key, response, prepare(response), generation)
            response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def _from_entry(request, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Cache"] = "HIT"
        return get_conditional_response(
            request,
            etag=entry["etag"],
            last_modified=int(entry["stored_at"]),
            response=response,
        )


class CachedWSGIApplication:
    """Serves page-cache hits straight from WSGI, before Django builds a request:
    the fastest path for a shared press release during a traffic spike. Misses and
    everything uncacheable go to Django unchanged."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if cacheable_environ(environ):
            started = time.perf_counter()
            entry, _generation = lookup(entry_key(environ))
            if entry is not None:
                headers = [*entry["headers"], ("X-Cache", "HIT")]
                if not_modified(environ, entry):
                    start_response(
                        "304 Not Modified",
                        [
                            (n, v)
                            for n, v in headers
                            if n.lower()
                            in {"etag", "cache-control", "vary", "last-modified"}
                        ],
                    )
                    log_hit(environ, 304, started)
                    return [b""]
                body = entry["content"]
                headers.append(("Content-Length", str(len(body))))
                start_response("200 OK", headers)
                log_hit(environ, 200, started)
                return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]
        return self.application(environ, start_response)
