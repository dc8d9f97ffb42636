"""Wagtail hooks for the language policy and the admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail import hooks

from .i18n import page_url_in
from .roles import is_translator_only


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


@hooks.register("after_edit_page")
def pass_translation_step_when_english_is_complete(request, page):
    """When the page waits in "Översättning klar" and the English fields are now
    filled in, the step passes on its own (recorded in the audit log)."""
    from .models import TranslationReadyTask

    task_state = page.current_workflow_task_state
    if task_state is None or task_state.status != task_state.STATUS_IN_PROGRESS:
        return None
    task = task_state.task.specific
    if isinstance(task, TranslationReadyTask) and not task.missing_fields(page):
        task_state.approve(user=request.user, comment=task.readiness_comment(page))
        messages.success(
            request, _("The English version is complete; the page moves on.")
        )
    return None


@hooks.register("before_delete_page")
def translators_do_not_delete(request, page):
    if is_translator_only(request.user):
        raise PermissionDenied
    return None
