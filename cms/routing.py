"""Routing by translated slug with one query per path segment.

wagtail-modeltranslation replaces ``route()`` on every translated page type with a
version that loads *every* child page and compares slugs in Python (so that a page
without an English slug is found by its Swedish one). Under a news index with
10,000 releases that is 10,000 rows per request. This version asks the database for
the one child, with the same fallback, and is put back on our page types after
wagtail-modeltranslation has patched them (see CmsConfig.ready).

The route cache (cms.caching.routes) saves even those queries for known addresses.
"""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.url_routing import RouteResult

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
        # The pages on the way, for the breadcrumbs (navigation_tags), which then
        # need no query of their own.
        request._cms_route_chain = [*getattr(request, "_cms_route_chain", []), self]
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
