"""Routing by translated slug with one query for the whole path.

wagtail-modeltranslation replaces ``route()`` on every translated page type with a
version that loads *every* child page and compares slugs in Python (so that a page
without an English slug is found by its Swedish one). Under a news index with
10,000 releases that is 10,000 rows per request. This version asks the database for
the pages on the path, with the same fallback: one query for all the path's
segments (a page per segment and depth, the chain picked by tree path), and is put
back on our page types after wagtail-modeltranslation has patched them (see
CmsConfig.ready).

The route cache (cms.caching.routes) saves even those queries for known addresses.
"""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Site
from wagtail.url_routing import RouteResult

SOURCE = "sv"
# Segments looked up per query: a made-up address of a thousand segments must not
# become one query of a thousand terms (SQLite refuses them: a 500); deeper paths
# take another query per this many segments.
SEGMENTS_PER_QUERY = 8


def _slug_q(slug: str) -> Q:
    language = get_language() or SOURCE
    if language == SOURCE:
        return Q(slug_sv=slug)
    untranslated = Q(**{f"slug_{language}__isnull": True}) | Q(
        **{f"slug_{language}": ""}
    )
    return Q(**{f"slug_{language}": slug}) | (untranslated & Q(slug_sv=slug))


def pages_on_path(page, path_components) -> list:
    """Candidates for each segment below ``page``: pages at that segment's depth
    under ``page`` whose slug (in the active language, else the Swedish one when
    untranslated) is the segment's, in tree order. One query; ``route`` picks the
    chain, as a child of the page before it."""
    segments = Q()
    for offset, slug in enumerate(path_components, start=1):
        segments |= Q(depth=page.depth + offset) & _slug_q(slug)
    return list(page.get_descendants().filter(segments).order_by("depth", "path"))


def _child(parent, slug: str, candidates: list):
    """The first child of ``parent`` among ``candidates`` with the slug (as
    ``Page.get_children().filter(slug...).first()`` would find it)."""
    language = get_language() or SOURCE
    for candidate in candidates:
        if candidate.depth != parent.depth + 1 or not candidate.path.startswith(
            parent.path
        ):
            continue
        if language == SOURCE:
            if candidate.slug_sv == slug:
                return candidate
            continue
        own = getattr(candidate, f"slug_{language}")
        if own == slug or (not own and candidate.slug_sv == slug):
            return candidate
    return None


def _specific(page):
    """``page.specific``, with the related rows its type's template shows
    (``served_with``, e.g. the lead image) in the same query."""
    model = page.specific_class
    related = getattr(model, "served_with", ())
    if model is None or not related or isinstance(page, model):
        return page.specific
    return model._default_manager.select_related(*related).get(pk=page.pk)


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


def route(self, request, path_components, candidates=None):
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
        # The pages on the way, for the breadcrumbs (navigation_tags), which then
        # need no query of their own.
        request._cms_route_chain = [*getattr(request, "_cms_route_chain", []), self]
        if candidates is None or self.depth >= candidates[0]:
            segments = path_components[:SEGMENTS_PER_QUERY]
            candidates = (self.depth + len(segments), pages_on_path(self, segments))
        child = _child(self, path_components[0], candidates[1])
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
            return route(child, request, rest, candidates)
        return _specific(child).route(request, rest)
    if self.live:
        return RouteResult(self)
    raise Http404


def route_for_request(request, path: str) -> None:
    """Wagtail's ``Page.route_for_request`` (whose result it leaves on the request
    where Wagtail's view looks for it), without loading the home page's own fields
    when the address is below it: Wagtail starts every route with
    ``site.root_page.specific``, a query that only the home page itself needs."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = Site.find_for_request(request)
    if site is None:
        request._wagtail_route_for_request = None  # a 404, as Wagtail answers
        return
    root = site.root_page.localized
    components = [component for component in path.split("/") if component]
    model = root.specific_class
    try:
        if (
            components
            and model is not None
            and model.route is route
            and not _serves_subpage(model, components)
        ):
            result = route(root, request, components)
        else:
            result = root.specific.route(request, components)
    except Http404:
        result = None
    request._wagtail_route_for_request = result
