"""Wagtail Page fields that wagtail-modeltranslation translates."""

TRANSLATED_PAGE_FIELDS = ("title", "slug", "url_path", "seo_title", "search_description")
