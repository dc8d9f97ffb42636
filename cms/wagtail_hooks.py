"""Wagtail hooks for the language policy and the admin."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import get_page_models

from .editorial.roles import is_translator_only, may_publish
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


@hooks.register("register_admin_viewset")
def register_page_viewsets():
    """Every page type's editor uses the views of cms.editorial.views."""
    from .editorial.views import BasePageViewSet
    from .models import BasePage

    return [
        BasePageViewSet(f"cms_{model._meta.label_lower.replace('.', '_')}", model=model)
        for model in get_page_models()
        if issubclass(model, BasePage)
    ]


@hooks.register("insert_editor_js")
def editor_js():
    return format_html('<script src="{}"></script>', static("cms/js/editor.js"))


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("cms/css/editor.css")
    )


@hooks.register("register_admin_urls")
def register_translation_admin_urls():
    from . import admin_views

    return [
        path(
            "translation-status/",
            admin_views.TranslationStatusReportView.as_view(),
            name="cms_translation_status",
        ),
        path(
            "translation-status/results/",
            admin_views.TranslationStatusReportView.as_view(results_only=True),
            name="cms_translation_status_results",
        ),
        path(
            "feedback/",
            admin_views.FeedbackReportView.as_view(),
            name="cms_feedback_report",
        ),
        path(
            "feedback/results/",
            admin_views.FeedbackReportView.as_view(results_only=True),
            name="cms_feedback_report_results",
        ),
        path(
            "feedback/detail/", admin_views.feedback_detail, name="cms_feedback_detail"
        ),
        path("failed-logins/", admin_views.failed_logins, name="cms_failed_logins"),
        path(
            "translation/copy-layout/<int:page_id>/",
            admin_views.copy_swedish_layout,
            name="cms_copy_swedish_layout",
        ),
        path(
            "translation-status/<int:content_type_id>/<str:object_id>/check/",
            admin_views.mark_english_checked,
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


class ReviewerMenuItem(MenuItem):
    """Shown to reviewers and administrators (readers' comments may hold personal
    data)."""

    def is_shown(self, request):
        return may_publish(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report():
    return ReviewerMenuItem(
        gettext_lazy("Feedback"),
        reverse("cms_feedback_report"),
        name="feedback",
        icon_name="comment",
        order=710,
    )


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        from .admin_views import can_see_security

        return can_see_security(request.user)


@hooks.register("register_reports_menu_item")
def register_failed_logins_report():
    return AdministratorMenuItem(
        gettext_lazy("Failed logins"),
        reverse("cms_failed_logins"),
        name="failed-logins",
        icon_name="lock",
        order=720,
    )


@hooks.register("register_log_actions")
def register_cms_log_actions(actions):
    actions.register_action(
        "cms.translation_checked",
        gettext_lazy("Mark English as checked"),
        gettext_lazy("English marked as checked after a Swedish edit"),
    )
    actions.register_action(
        "cms.login_unlocked",
        gettext_lazy("Unlock login"),
        gettext_lazy("A locked-out login was unlocked"),
    )


def _no_revert_for_translators(request, *args):
    """Translators may not restore an old revision: it would bring back old Swedish
    text that their English-only form cannot change."""
    match = getattr(request, "resolver_match", None)
    if (
        match
        and match.url_name == "revisions_revert"
        and is_translator_only(request.user)
    ):
        raise PermissionDenied


hooks.register("before_edit_page", _no_revert_for_translators)
hooks.register("before_edit_snippet", _no_revert_for_translators)
