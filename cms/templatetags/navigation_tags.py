"""The site's navigation: the main menu, the section menu and breadcrumbs, in the
active language (only pages available in English on English pages)."""

from django import template
from django.utils import translation

from wagtail.models import Page, Site

from cms.pages import available_in_english_q

register = template.Library()


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


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Live children of the home page with "show in menus" ticked.

    In English only pages available in English are listed (not those marked
    Swedish only or missing English fields), as in every English listing.
    """
    request = context.get("request")
    root = _site_root(request)
    if root is None:
        return []
    cache_attr = f"_cms_menu_{translation.get_language()}"
    if hasattr(request, cache_attr):
        return getattr(request, cache_attr)
    pages = root.get_children().live().in_menu().public()
    if translation.get_language() != "sv":
        pages = pages.filter(available_in_english_q())
    items = list(pages)
    current = context.get("page")
    current_path = getattr(current, "path", "")
    menu = [
        {
            "title": item.title,
            "url": item.get_url(request),
            "path": item.path,
            "active": bool(current_path) and current_path.startswith(item.path),
            "current": current is not None and current.pk == item.pk,
        }
        for item in items
    ]
    setattr(request, cache_attr, menu)
    return menu


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    """Ancestors of the current page from the home page down (one query)."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2))


@register.simple_tag(takes_context=True)
def section_menu(context):
    """The current top-level section and its pages that are shown in menus, for the
    second navigation row (e.g. the strategy and its specialisation areas)."""
    request = context.get("request")
    page = context.get("page")
    if (
        request is None
        or page is None
        or not getattr(page, "pk", None)
        or page.depth < 3
    ):
        return None
    section_path = page.path[: Page.steplen * 3]
    section = next(
        (item for item in main_menu(context) if item["path"] == section_path), None
    )
    if section is None:
        return None
    children = (
        Page.objects.filter(path__startswith=section_path, depth=4).live().in_menu()
    )
    if translation.get_language() != "sv":
        children = children.filter(available_in_english_q())
    items = [
        {
            "title": child.title,
            "url": child.get_url(request),
            "current": child.pk == page.pk,
            "active": page.path.startswith(child.path),
        }
        for child in children.public().order_by("path")
    ]
    return {"section": section, "items": items} if items else None
