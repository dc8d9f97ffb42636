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
        return list(
            Page.objects.live()
            .public()
            .filter(depth__gte=2)
            .order_by("path")
            .specific()
        )

    def get_languages_for_item(self, item):
        if hasattr(item, "is_available_in"):
            return [code for code in self.languages if item.is_available_in(code)]
        return ["sv"]

    def location(self, item):
        return item.get_url()

    def lastmod(self, item):
        return item.last_published_at
