"""The route cache: which page a host, language and path led to.

Finding a page costs a query per path segment plus the site's, and Wagtail checks
view restrictions with two more. ``serve`` (our front for Wagtail's view) remembers,
for the current cache generation, which page a host, language and path led to, the
page as loaded, and whether it has view restrictions, so a known address costs no
query at all; it comes in the same cache round trip as the page's fragments.
Wagtail has no route cache to configure; this hands the remembered route to its own
``serve`` through the request attribute it already caches on.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from cms import routing

from .fragments import no_fragments, prefetch
from .generation import GENERATION_KEY, request_generation

ROUTE_FORMAT = 3
SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def serve(request, path):
    """Wagtail's page view, with the route looked up in the route cache first."""
    if (
        getattr(settings, "ROUTE_CACHE_ENABLED", False)
        and request.method in ("GET", "HEAD")
        and not hasattr(request, "_wagtail_route_for_request")
    ):
        _cached_route(request, path)
    routing.route_for_request(request, path)
    return wagtail_views.serve(request, path)


def _route_key(request, path: str) -> str:
    raw = f"{request.get_host()}|{request.get_port()}|{get_language()}|{path}"
    # The version changes with the entry's shape, so a deploy never reads entries
    # an older release wrote.
    return f"route:v{ROUTE_FORMAT}:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def _cached_route(request, path: str) -> None:
    key = _route_key(request, path)
    # One round trip with the generation and fragments (prefetch keeps both on the
    # request).
    values = prefetch(request, [key])
    generation = values.get(GENERATION_KEY)
    entry = values.get(key)
    if entry and generation and entry["generation"] == generation:
        result = _restore(request, entry)
        if result is not None:
            request._wagtail_route_for_request = result
            if not entry["unrestricted"]:
                no_fragments(request)
            return
    routing.route_for_request(request, path)
    result = request._wagtail_route_for_request
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None:
        return  # an unknown address is not remembered (nor can it fill the cache)
    page, args, _kwargs = result
    # View restrictions (the page's and its ancestors') invalidate the cache when
    # they change, so their absence can be remembered too.
    unrestricted = not page.get_view_restrictions().exists()
    if not unrestricted:
        no_fragments(request)
    subpath = getattr(request, "_cms_subpath", None)
    if args and subpath is None:
        return
    cache.set(
        key,
        {
            "generation": request_generation(request),
            "site": {name: getattr(site, name) for name in SITE_FIELDS},
            # The page as routing loaded it (before any rendering): its live
            # fields change only by publishing, which starts a new generation.
            "page": page,
            "subpath": subpath if args else None,
            "unrestricted": unrestricted,
        },
        settings.PAGE_CACHE_TIMEOUT,
    )


def _restore(request, entry):
    page = entry["page"]
    if not isinstance(page, Page) or not page.live:
        return None
    request._wagtail_site = Site(**entry["site"])
    page._cms_unrestricted = entry["unrestricted"]
    if entry["subpath"] is None:
        return RouteResult(page)
    try:
        resolver_match = page.resolve_subpage(entry["subpath"])
    except Http404:
        return None
    request.routable_resolver_match = resolver_match
    view, args, kwargs = resolver_match
    return RouteResult(page, args=(view, args, kwargs))
