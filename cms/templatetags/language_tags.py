"""Language versions of a page: hreflang links, the language switcher, canonical
addresses, the SEO title and ``lang`` attributes for Swedish shown on English pages."""

from dataclasses import replace

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Page

from cms.i18n import (
    absolute,
    alternates_for_page,
    alternates_for_path,
    lang_if_fallback,
    page_url_in,
    value_and_lang,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page in each language: for hreflang links and the language switcher.
    A list keeps its filters in the other language (``url``; the hreflang
    ``full_url`` stays the list's own address); a "not found" page links to the
    other language's start page, not to another address that is not found."""
    request = context.get("request")
    page = context.get("page")
    if page is not None and isinstance(page, Page) and page.pk:
        versions = [
            _at_subpage(context, version)
            for version in alternates_for_page(page, request)
        ]
        if not getattr(page, "cache_content", True) and request is not None:
            versions = [_with_filters(request, version) for version in versions]
        return versions
    if request is None:
        return []
    if context.get("not_found"):
        return [_start_page(version) for version in alternates_for_path(request)]
    return alternates_for_path(request)


def _with_filters(request, version):
    """The list's filters (not its page number: the other language may have
    fewer items) on the switcher's link."""
    query = request.GET.copy()
    query.pop("page", None)
    if not version.available or not version.url or not query:
        return version
    return replace(version, url=f"{version.url}?{query.urlencode()}")


def _start_page(version):
    with translation.override(version.code):
        url = reverse("wagtail_serve", args=[""])
    return replace(version, url=url, full_url=absolute(url), available=True)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    page = context.get("page")
    if page is not None and isinstance(page, Page) and page.pk:
        language = translation.get_language()
        if not page.is_available_in(language):
            language = "sv"
        url = page_url_in(page, language, request) or ""
        return absolute(url + context.get("subpage_path", "") if url else "", request)
    return absolute(request.path) if request else ""


def _at_subpage(context, version):
    """A page's routable subpage (an archive month) in each language: the same
    sub-address under the page's translated address, where it has content."""
    subpath = context.get("subpage_path")
    if not subpath or not version.url:
        return version
    return replace(
        version,
        url=version.url + subpath,
        full_url=version.full_url + subpath,
        available=version.available
        and version.code in context.get("subpage_languages", ()),
    )


@register.simple_tag(takes_context=True)
def url_in(context, page, language):
    return page_url_in(page, language, context.get("request"))


@register.filter
def lang_attr(obj, field_name):
    """` lang="sv"` when ``obj.field_name`` is shown in Swedish on an English page."""
    lang = lang_if_fallback(obj, field_name)
    return format_html(' lang="{}"', lang) if lang else mark_safe("")


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return absolute(url, context.get("request"))


@register.simple_tag
def html_title(page):
    """The SEO title in the active language if there is one, else the page title."""
    seo_title, lang = value_and_lang(page, "seo_title")
    if seo_title and lang == translation.get_language():
        return seo_title
    return page.title
