"""sitemap.xml: every live page in each language it exists in, with hreflang
alternates (x-default = Swedish) and lastmod. Pages under embargo are not live, and
pages not available in English are left out of the English set.

Written by hand rather than with django.contrib.sitemaps: its i18n support builds
every (page, language) pair of the whole site in memory on each request, which at
10,000 press releases costs hundreds of megabytes per worker. Here pages are read
as plain values in chunks of SITEMAP_CHUNK; a larger site gets a sitemap index.
"""

from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, Site

from .reader_input import parse_number

NAMESPACES = (
    'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml"'
)


def _pages():
    return Page.objects.live().public().filter(depth__gte=2).order_by("path")


def _english_ids(rows) -> set[int]:
    """Which of these pages are available in English (the stored flag of each page
    type's table: one query per page type in the chunk)."""
    by_type: dict[int, list[int]] = {}
    for row in rows:
        by_type.setdefault(row["content_type_id"], []).append(row["id"])
    ready = set()
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and hasattr(model, "english_ready"):
            ready.update(
                model.objects.filter(pk__in=ids, english_ready=True).values_list(
                    "pk", flat=True
                )
            )
    return ready


def _location(
    root_paths: dict[str, str], url_path: str, language: str, base: str
) -> str:
    root = root_paths[language]
    if not url_path or not url_path.startswith(root):
        return ""
    with translation.override(language):
        return base + reverse("wagtail_serve", args=[url_path[len(root) :]])


def _urlset(request, rows) -> str:
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    root = site.root_page
    root_paths = {"sv": root.url_path_sv, "en": root.url_path_en or root.url_path_sv}
    base = settings.BASE_URL
    english = _english_ids(rows)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {NAMESPACES}>"]
    for row in rows:
        languages = ["sv", "en"] if row["id"] in english else ["sv"]
        urls = {
            lang: _location(
                root_paths, row[f"url_path_{lang}"] or row["url_path_sv"], lang, base
            )
            for lang in languages
        }
        urls = {lang: url for lang, url in urls.items() if url}
        if "sv" not in urls:
            continue
        lastmod = row["last_published_at"]
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(url)}"/>'
            for lang, url in [*urls.items(), ("x-default", urls["sv"])]
        )
        for url in urls.values():
            parts.append(
                f"<url><loc>{escape(url)}</loc>"
                + (f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else "")
                + links
                + "</url>"
            )
    parts.append("</urlset>")
    return "\n".join(parts)


FIELDS = ("id", "content_type_id", "url_path_sv", "url_path_en", "last_published_at")


def sitemap(request, section: str | None = None):
    chunk = settings.SITEMAP_CHUNK
    pages = _pages()
    if section is None:
        total = pages.count()
        if total <= chunk:
            return _xml(_urlset(request, list(pages.values(*FIELDS))))
        base = settings.BASE_URL
        sections = [
            base + reverse("sitemap_section", args=[n])
            for n in range(1, (total - 1) // chunk + 2)
        ]
        entries = "".join(
            f"<sitemap><loc>{escape(url)}</loc></sitemap>" for url in sections
        )
        return _xml(
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
            "</sitemapindex>"
        )
    number = parse_number(section)
    if number is None or number < 1:
        raise Http404
    rows = list(pages.values(*FIELDS)[(number - 1) * chunk : number * chunk])
    if not rows:
        raise Http404
    return _xml(_urlset(request, rows))


def _xml(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="application/xml; charset=utf-8")
