"""The page cache for anonymous readers: the outermost middleware, and a WSGI
wrapper that serves hits before Django builds a request (see cms.caching)."""

import hashlib
import json
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from . import scopes
from .generation import GENERATION_KEY, current_generation, generation_time
from .rules import cacheable_environ

logger = logging.getLogger(__name__)
request_logger = logging.getLogger("cms.requests")
# Headers that belong to one response only.
UNSTORED_HEADERS = {"set-cookie", "date", "x-cache", "content-length"}


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


def lookup(key: str) -> tuple[dict | None, dict | None]:
    """The current entry for ``key`` (or None) and what was read with it: the
    generation, the site generation and the clock (one round trip to the cache;
    a second the first time this process reads an entry with scopes)."""
    try:
        values = cache.get_many(
            [
                GENERATION_KEY,
                scopes.SITE_GENERATION_KEY,
                scopes.CLOCK_KEY,
                key,
                *scopes.known_scope_keys(key),
            ]
        )
    except Exception:
        logger.exception("page cache read failed")
        return None, None
    entry = values.pop(key, None)
    generation = values.get(GENERATION_KEY)
    if generation is not None and generation_time(generation) is None:
        return None, None  # from before generations had a time: replaced by the miss
    if entry is None or generation is None:
        return None, values
    if "scopes" in entry:
        try:
            current = scopes.fresh(entry, values, key)
        except Exception:
            logger.exception("page cache read failed")
            return None, None
    else:
        current = entry.get("generation") == generation
    return (entry if current else None), values


# Files (press images and kits) are not kept: they are large, and pages, feeds and
# API answers are what the cache is for.
UNCACHED_TYPES = ("image/", "application/zip")


def cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.get("Content-Type", "").startswith(UNCACHED_TYPES):
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


def store(key: str, response, last_modified: int, made_in: dict) -> None:
    """Store ``response`` (already given its cache headers) under ``key``, as made
    in ``made_in`` (its generation, or its site generation, clock and scopes,
    read before the response was made)."""
    entry = {
        **made_in,
        "content": response.content,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ],
        "etag": response["ETag"],
        "last_modified": last_modified,
    }
    try:
        cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
    except Exception:
        logger.exception("page cache write failed")


def prepare(response, generation: str, changed: int = 0) -> int:
    """Give a cacheable response its shared-cache headers; return its
    Last-Modified: when the generation it was made in began, that is when anything
    readers see last changed. Every process shares the generation, so every worker
    gives the same time for the same content, and a conditional request with only
    If-Modified-Since can get 304."""
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
    last_modified = max(generation_time(generation) or int(time.time()), changed)
    response["Cache-Control"] = _shared_cache_control()
    response["ETag"] = (
        '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
    )
    response["Last-Modified"] = http_date(last_modified)
    return last_modified


def not_modified(environ, entry) -> bool:
    """As Django's get_conditional_response decides for GET: If-None-Match when
    sent, else If-Modified-Since."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH", "")
    if if_none_match:
        # Weak comparison (RFC 9110 13.1.2), as Django does: a proxy that compresses
        # the page (nginx's gzip) sends the ETag on as W/"...".
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return entry["etag"] in tags or if_none_match.strip() == "*"
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and entry_time(entry) <= since


def entry_time(entry) -> int:
    # Entries stored before Last-Modified followed the generation have stored_at.
    return int(entry.get("last_modified") or entry.get("stored_at") or 0)


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
        entry, values = lookup(key)
        if entry is not None:
            response = self._from_entry(request, entry)
            log_hit(request.META, response.status_code, started)
            return response
        # Read before the page is made, never after (see the module docstring).
        values = values or {}
        generation = values.get(GENERATION_KEY) or current_generation()
        request._cms_cache_generation = generation
        response = self.get_response(request)
        if cacheable_response(response):
            made_in, last_modified = self._made_in(request, response, values)
            store(key, response, last_modified, made_in)
            response["X-Cache"] = "MISS"
            return get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=last_modified,
                response=response,
            )
        return response

    @staticmethod
    def _made_in(request, response, values):
        """What the entry depends on, and its Last-Modified: a release page its
        scopes (cms.caching.scopes), any other page the generation."""
        page = getattr(request, "_cms_cache_page", None)
        generation = request._cms_cache_generation
        since = generation_time(generation)
        # Started on any page (a flushed cache), so release pages are scoped
        # from the next request on.
        started = scopes.current(values, since)
        if page is None or started is None:
            return {"generation": generation}, prepare(response, generation)
        site, tick = started
        depends_on = scopes.scopes_for(page)
        changed = scopes.stamp(depends_on)
        made_in = {
            "format": scopes.ENTRY_FORMAT,
            "site": site,
            "clock": tick,
            "scopes": depends_on,
        }
        return made_in, prepare(response, site, changed)

    @staticmethod
    def _from_entry(request, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Cache"] = "HIT"
        return get_conditional_response(
            request,
            etag=entry["etag"],
            last_modified=entry_time(entry),
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
            entry, _values = lookup(entry_key(environ))
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
