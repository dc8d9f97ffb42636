"""sitemap.xml: every live page in each language it exists in, with hreflang
alternates (x-default = Swedish) and lastmod. Pages under embargo are not live, and
pages not available in English are left out of the English set."""

from django.contrib.sitemaps import Sitemap

from wagtail.models import Page


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = ["sv", "en"]
    limit = 10_000

    def items(self):
        # Bodies are not needed (and 10,000 of them would cost memory).
        return list(
            Page.objects.live()
            .public()
            .filter(depth__gte=2)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_languages_for_item(self, item):
        # The stored flag of the live version: no field of the page is read.
        if getattr(item, "english_ready", False):
            return ["sv", "en"]
        return ["sv"]

    def location(self, item):
        return item.get_url()

    def lastmod(self, item):
        return item.last_published_at
