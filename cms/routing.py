"""Routing by translated slug with one query per path segment, and a route cache.

wagtail-modeltranslation replaces ``route()`` on every translated page type with a
version that loads *every* child page and compares slugs in Python (so that a page
without an English slug is found by its Swedish one). Under a news index with
10,000 releases that is 10,000 rows per request. This version asks the database for
the one child, with the same fallback, and is put back on our page types after
wagtail-modeltranslation has patched them (see CmsConfig.ready).

Even so, finding a page costs a query per segment plus the site's, and Wagtail checks
view restrictions with two more. ``serve`` (our front for Wagtail's view) remembers,
for the current cache generation (cms.cache), which page a host, language and path
led to, the page as loaded, and whether it has view restrictions, so a known address
costs no query at all; it comes in the same cache round trip as the page's
fragments. Wagtail has no route cache to configure; this hands the remembered route
to its own ``serve`` through the request attribute it already caches on.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from .cache import GENERATION_KEY, no_fragments, prefetch, request_generation

SOURCE = "sv"


def child_by_slug(page, slug: str):
    language = get_language() or SOURCE
    if language == SOURCE:
        condition = Q(slug_sv=slug)
    else:
        untranslated = Q(**{f"slug_{language}__isnull": True}) | Q(
            **{f"slug_{language}": ""}
        )
        condition = Q(**{f"slug_{language}": slug}) | (untranslated & Q(slug_sv=slug))
    return page.get_children().filter(condition).first()


def _serves_subpage(model, path_components) -> bool:
    """Whether a RoutablePageMixin model has a route of its own for the path (its
    routes are declared on the class, so no page needs loading to tell)."""
    if not issubclass(model, RoutablePageMixin):
        return False
    try:
        model.get_resolver().resolve(_subpath(path_components))
    except Http404:
        return False
    return True


def _subpath(path_components) -> str:
    return "/" + "".join(f"{component}/" for component in path_components)


def route(self, request, path_components):
    if isinstance(self, RoutablePageMixin) and self.live:
        subpath = _subpath(path_components)
        try:
            resolver_match = self.resolve_subpage(subpath)
        except Http404:
            pass
        else:
            request.routable_resolver_match = resolver_match
            request._cms_subpath = subpath
            view, args, kwargs = resolver_match
            return RouteResult(self, args=(view, args, kwargs))
    if path_components:
        child = child_by_slug(self, path_components[0])
        if child is None:
            raise Http404
        rest = path_components[1:]
        model = child.specific_class
        if (
            rest
            and model is not None
            and model.route is route
            and not _serves_subpage(model, rest)
        ):
            # A page on the way to the one requested: its own fields are not needed,
            # so skip the query that loads them.
            return route(child, request, rest)
        return child.specific.route(request, rest)
    if self.live:
        return RouteResult(self)
    raise Http404


def install(models) -> None:
    for model in models:
        model.route = route


ROUTE_FORMAT = 3
SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def serve(request, path):
    """Wagtail's page view, with the route looked up in the route cache first."""
    if (
        getattr(settings, "FRAGMENT_CACHE_ENABLED", False)
        and request.method in ("GET", "HEAD")
        and not hasattr(request, "_wagtail_route_for_request")
    ):
        _cached_route(request, path)
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
    result = Page.route_for_request(request, path)  # remembered on the request
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
