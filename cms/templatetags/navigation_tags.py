"""The site's navigation: the main menu, the section menu and breadcrumbs, in the
active language (only pages available in English on English pages)."""

from django import template
from django.db.models import Q
from django.utils import translation

from wagtail.models import Page, Site

from cms.pages import available_in_english_sql

register = template.Library()

MENU_FIELDS = ("title", "url_path", "path", "depth", "live", "content_type_id")


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    # Site.find_for_request caches the site on the request; root_page is a FK.
    if not hasattr(request, "_cms_root_page"):
        request._cms_root_page = site.root_page
    return request._cms_root_page


@register.simple_tag(takes_context=True)
def site_root(context):
    return _site_root(context.get("request"))


def _section_path(page, root) -> str | None:
    """The tree path of the top-level section (a child of the site's ``root``)
    that ``page`` is in; None for the root itself or a page outside it."""
    if root is None or page is None or not getattr(page, "pk", None):
        return None
    if page.depth <= root.depth or not page.path.startswith(root.path):
        return None
    return page.path[: len(root.path) + Page.steplen]


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Live children of the home page with "show in menus" ticked.

    In English only pages available in English are listed (not those marked
    Swedish only or missing English fields), as in every English listing. The
    current section's own menu pages come in the same query (``section_menu``);
    a partial index on pages shown in menus (migration cms 0021) keeps it from
    reading the 10,000 releases of the news section.
    """
    request = context.get("request")
    root = _site_root(request)
    if root is None:
        return []
    cache_attr = f"_cms_menu_{translation.get_language()}"
    if hasattr(request, cache_attr):
        return getattr(request, cache_attr)
    current = context.get("page")
    section_path = _section_path(current, root)
    levels = Q(depth=root.depth + 1)
    if section_path:
        levels |= Q(depth=root.depth + 2, path__startswith=section_path)
    pages = (
        Page.objects.filter(levels, path__startswith=root.path)
        .live()
        .in_menu()
        .public()
        .order_by("path")
        # Only what a menu shows and links to: Wagtail's page rows are wide, and
        # modeltranslation doubles the translated columns.
        .only(*MENU_FIELDS)
    )
    if translation.get_language() != "sv":
        pages = pages.filter(available_in_english_sql())
    found = list(pages)
    current_path = getattr(current, "path", "")
    menu = [
        {
            "title": item.title,
            "url": item.get_url(request),
            "path": item.path,
            "active": bool(current_path) and current_path.startswith(item.path),
            "current": current is not None and current.pk == item.pk,
        }
        for item in found
        if item.depth == root.depth + 1
    ]
    setattr(request, cache_attr, menu)
    setattr(
        request, cache_attr + "_section", [p for p in found if p.depth > root.depth + 1]
    )
    return menu


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    """Ancestors of the current page from the home page down: those routing passed
    through on the way to it (cms.routing), else one query."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None) or page.depth <= 2:
        return []
    wanted = [page.path[: Page.steplen * depth] for depth in range(2, page.depth)]
    chain = getattr(context.get("request"), "_cms_route_chain", [])
    on_the_way = [item for item in chain if item.depth >= 2]
    if [item.path for item in on_the_way] == wanted:
        return on_the_way
    return list(page.get_ancestors().filter(depth__gte=2))


@register.simple_tag(takes_context=True)
def section_menu(context):
    """The current top-level section and its pages that are shown in menus, for the
    second navigation row (e.g. the strategy and its specialisation areas)."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return None
    section_path = _section_path(page, _site_root(request))
    if section_path is None:
        return None
    section = next(
        (item for item in main_menu(context) if item["path"] == section_path), None
    )
    if section is None:
        return None
    # Loaded with the main menu, in the same query.
    children = getattr(request, f"_cms_menu_{translation.get_language()}_section", [])
    items = [
        {
            "title": child.title,
            "url": child.get_url(request),
            "current": child.pk == page.pk,
            "active": page.path.startswith(child.path),
        }
        for child in children
    ]
    return {"section": section, "items": items} if items else None
