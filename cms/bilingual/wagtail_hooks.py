"""The language policy for readers, and the translators' admin: the translation
status report, the layout copy and "Markera engelskan som kontrollerad"."""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ..i18n import page_url_in
from .views import (
    TranslationStatusReportView,
    copy_swedish_layout,
    mark_english_checked,
)


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
    if any(not r.accept_request(request) for r in page.get_view_restrictions()):
        return None  # Wagtail's privacy check answers first, and says nothing more
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


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "translation-status/",
            TranslationStatusReportView.as_view(),
            name="cms_translation_status",
        ),
        path(
            "translation-status/results/",
            TranslationStatusReportView.as_view(results_only=True),
            name="cms_translation_status_results",
        ),
        path(
            "translation/copy-layout/<int:page_id>/",
            copy_swedish_layout,
            name="cms_copy_swedish_layout",
        ),
        path(
            "translation-status/<int:content_type_id>/<str:object_id>/check/",
            mark_english_checked,
            name="cms_mark_english_checked",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_report():
    return MenuItem(
        gettext_lazy("Translation status"),
        reverse("cms_translation_status"),
        name="translation-status",
        icon_name="globe",
        order=700,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "cms.translation_checked",
        gettext_lazy("Mark English as checked"),
        gettext_lazy("English marked as checked after a Swedish edit"),
    )
