"""Template tags for the site chrome: navigation, language versions, dates."""

import datetime
import json

from django import template
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Page, Site

from cms.cache import fragment_key, get_fragment, set_fragment
from cms.i18n import (
    absolute,
    alternates_for_page,
    alternates_for_path,
    available_in_english_q,
    lang_if_fallback,
    page_url_in,
    value_and_lang,
)

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
def language_versions(context):
    """The page in each language: for hreflang links and the language switcher."""
    request = context.get("request")
    page = context.get("page")
    if page is not None and isinstance(page, Page) and page.pk:
        return alternates_for_page(page, request)
    if request is None:
        return []
    return alternates_for_path(request)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    page = context.get("page")
    if page is not None and isinstance(page, Page) and page.pk:
        language = translation.get_language()
        if not page.is_available_in(language):
            language = "sv"
        return absolute(page_url_in(page, language, request) or "", request)
    return request.build_absolute_uri(request.path) if request else ""


@register.simple_tag(takes_context=True)
def url_in(context, page, language):
    return page_url_in(page, language, context.get("request"))


@register.filter
def lang_attr(obj, field_name):
    """` lang="sv"` when ``obj.field_name`` is shown in Swedish on an English page."""
    lang = lang_if_fallback(obj, field_name)
    return format_html(' lang="{}"', lang) if lang else mark_safe("")


@register.filter
def long_date(value):
    """31 augusti 2021 / 31 August 2021, in the active language."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


@register.simple_tag
def html_title(page):
    """The SEO title in the active language if there is one, else the page title."""
    seo_title, lang = value_and_lang(page, "seo_title")
    if seo_title and lang == translation.get_language():
        return seo_title
    return page.title


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    """Ancestors of the current page from the home page down (one query)."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return absolute(url, context.get("request"))


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block; <, > and & are escaped so no value can close
    the script element."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    safe_text = mark_safe(text)  # noqa: S308 (escaped above)
    return format_html('<script type="application/ld+json">{}</script>', safe_text)


@register.filter
def verbose_name(model) -> str:
    """The model's verbose name, capitalised (for labels in search results)."""
    if model is None:
        return ""
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]


@register.simple_tag(takes_context=True)
def feedback_state(context):
    from cms.feedback import widget_state

    request = context.get("request")
    return widget_state(request) if request else {"step": "question"}


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


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, name, condition=None):
        self.nodelist = nodelist
        self.name = name
        self.condition = condition

    def render(self, context):
        # Only on pages: a 404 for a made-up URL must not add cache entries.
        page = context.get("page")
        if not (isinstance(page, Page) and page.pk):
            return self.nodelist.render(context)
        if self.condition is not None and not self.condition.resolve(context):
            return self.nodelist.render(context)
        request = context.get("request")
        if request is None or fragment_key(request, self.name) is None:
            return self.nodelist.render(context)
        html = get_fragment(request, self.name)
        if html is None:
            html = self.nodelist.render(context)
            set_fragment(request, self.name, html)
        return html


@register.tag
def fragment_cache(parser, token):
    """``{% fragment_cache "name" [condition] %}...{% endfragment_cache %}``: cache
    a fragment of a page per host, language, path and allowed query for the current
    cache generation (see cms.cache.fragment_key), if ``condition`` (a template
    variable) is true or absent. Django's ``{% cache %}`` and Wagtail's
    ``{% wagtailcache %}`` need every varying value spelled out in each template and
    know nothing of the publish generation; this tag knows both.
    """
    bits = token.split_contents()
    name = bits[1] if len(bits) in (2, 3) else ""
    if len(name) < 2 or name[0] not in "\"'" or name[0] != name[-1]:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a quoted fragment name and an optional condition"
        )
    condition = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    return FragmentCacheNode(nodelist, name[1:-1], condition)
