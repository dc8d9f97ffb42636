"""Wagtail hooks for the language policy and the admin."""

from django.template.response import TemplateResponse
from django.utils import translation

from wagtail import hooks

from .i18n import page_url_in


@hooks.register("before_serve_page")
def answer_untranslated_pages_plainly(page, request, serve_args, serve_kwargs):
    """At the English address of a page that is not available in English, say so
    (in English) and link to the Swedish page, instead of showing Swedish text as if
    it were English. A hook rather than a ``serve()`` override, so it applies to every
    page type in one place."""
    language = translation.get_language()
    is_available = getattr(page, "is_available_in", None)
    if is_available is None or is_available(language):
        return None
    response = TemplateResponse(
        request,
        "cms/not_translated.html",
        {
            "page": page,
            "self": page,
            "not_translated": True,
            "source_url": page_url_in(page, "sv", request),
        },
    )
    # Search engines should index the Swedish page, not this notice.
    response["X-Robots-Tag"] = "noindex"
    return response
