"""Template fragments (site header, footer, a page's main content) cached per
publish generation: the page cache's second line."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from .generation import GENERATION_KEY, request_generation
from .rules import query_is_cacheable

# The template fragments base.html caches (see the fragment_cache template tag).
FRAGMENTS = ("head", "header", "content", "footer", "feedback_question")


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
