from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from api import urls as api_urls
from cms import health, sitemaps, views
from cms.caching import routes
from cms.feedback import views as feedback
from cms.search.views import search_view
from distribution import urls as distribution_urls
from press import urls as press_urls
from records import urls as records_urls

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap, name="sitemap_section"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The public read API, outside the language prefixes: both languages in
    # one response (docs/api.md).
    *api_urls.urlpatterns,
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Swedish at /, English at /en/ with translated slugs.
urlpatterns += i18n_patterns(
    # Translated address: /sok/ in Swedish, /en/search/ in English.
    path(_("search/"), search_view, name="search"),
    path("feedback/", feedback.answer, name="feedback"),
    path("feedback/comment/", feedback.comment, name="feedback_comment"),
    *distribution_urls.urlpatterns,
    *press_urls.urlpatterns,
    *records_urls.urlpatterns,
    # Wagtail's helper views for private pages (the password form, the login
    # redirect) first: the page route below matches every address.
    *[p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"],
    # Wagtail's page view behind the route cache (cms.caching.routes.serve).
    re_path(serve_pattern, routes.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
