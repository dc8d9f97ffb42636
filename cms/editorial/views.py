"""The page editor's admin views, made safe for Wagtail 8's autosave and for the
translation step; and the reviewer's task preview in either language.

Wagtail 8 lets page types have admin views of their own (a ``PageViewSet``
registered with the ``register_admin_viewset`` hook). These subclass Wagtail's views
and change only:

- saving: every POST to a page's edit view holds the page row for its whole run,
  so two saves of one page (a click and an autosave in flight, a reviewer and a
  translator) follow each other instead of overwriting each other;
- autosave: a background save never publishes, submits or performs a workflow
  action;
- the step "Översättning klar": when a translator marks the translation ready
  too early, they stay in the editor with their text saved and a list of what is
  missing, instead of getting an error page;
- the task preview: reviewers see a page awaiting review in Swedish or English.
"""

from datetime import datetime

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import (
    PreviewRevisionForTaskView,
    WorkflowActionView,
)
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from ..bilingual.models import TranslationNotReady, TranslationReadyTask
from ..i18n import LANGUAGE_NAMES

# What a form posts to ask for more than a save. Wagtail's workflow-action.js adds
# the hidden "action-workflow-action" and "workflow-action-name" inputs to the
# form when a workflow button is clicked.
ACTION_FIELDS = (
    "action-publish",
    "action-submit",
    "action-workflow-action",
    "workflow-action-name",
    "action-restart-workflow",
    "action-cancel-workflow",
)


def is_autosave(request) -> bool:
    """Wagtail 8's autosave posts the form in the background and asks for JSON."""
    return request.method == "POST" and not request.accepts("text/html")


class PageEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().dispatch(request, *args, **kwargs)
        if is_autosave(request) and any(name in request.POST for name in ACTION_FIELDS):
            # Upstream (Wagtail 8.0): the autosave controller posts the whole form
            # 0.5 s after it changes, and a workflow button's hidden inputs are such
            # a change, so one click on "Godkänn och publicera" was sent twice: the
            # second post found the workflow finished (a 500 in
            # perform_workflow_action) after saving the page row it had loaded
            # before the publish, unpublishing it. cms/static/cms/js/editor.js
            # stops such autosaves in the browser; this refuses any that arrive.
            return self.json_error_response(
                "blocked_by_hook",
                _("An autosave does not publish, submit or approve."),
            )
        page_id = kwargs.get("page_id", args[0] if args else None)
        with transaction.atomic():
            # Hold the page row until this save is done: Wagtail's edit view loads
            # the page first and writes the whole row later, so a save racing a
            # publish could write back the unpublished state it loaded. The next
            # save of the page waits here and then finds the newer revision (an
            # autosave is then refused as out of date, as Wagtail intends).
            Page.objects.select_for_update().filter(pk=page_id).exists()
            return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        newer = None if self.expects_json_response else self.saved_by_someone_else()
        if newer is None:
            return super().post(request, *args, **kwargs)
        # Someone else saved while this person was editing; Wagtail would write
        # over their version without a word (it checks only autosaves). Keep this
        # person's text in the form, say what happened, and let them decide: the
        # form now holds the newer version's id, so saving again overwrites it.
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        self.has_unsaved_changes = True
        messages.error(
            request,
            _(
                "%(user)s saved a newer version of this page at %(time)s while you "
                "were editing. Nothing of yours is lost: it is still in the form. "
                "Open the page in a new tab to compare, then save again to replace "
                "their version with yours."
            )
            % {
                "user": newer.user.get_full_name() or newer.user.get_username()
                if newer.user
                else _("Someone"),
                "time": timezone.localtime(newer.created_at).strftime("%H:%M"),
            },
        )
        return self.render_to_response(self.get_context_data())

    def redirect_away(self):
        # Wagtail goes to the parent's listing, which those who edit only inside a
        # workflow step (translators) may not see: they go to their dashboard.
        if not self.next_url and not user_has_any_page_permission(self.request.user):
            return redirect("wagtailadmin_home")
        return super().redirect_away()

    def saved_by_someone_else(self):
        """The newest revision someone else saved after this person opened the
        page (or None)."""
        try:
            loaded = datetime.fromisoformat(
                self.request.POST.get("loaded_revision_created_at", "")
            )
        except ValueError:
            return None
        return (
            self.real_page_record.revisions.filter(created_at__gt=loaded)
            .exclude(user=self.request.user)
            .select_related("user")
            .order_by("-created_at")
            .first()
        )

    def perform_workflow_action(self):
        task = self.page.current_workflow_task
        task = task.specific if task else None
        try:
            response = super().perform_workflow_action()
        except TranslationNotReady as refusal:
            # What they typed is saved (the form is saved before the action); they
            # stay in the editor and read what is missing.
            messages.error(self.request, str(refusal))
            return self.redirect_and_remain()
        if isinstance(task, TranslationReadyTask) and self.workflow_action == "approve":
            following = Page.objects.get(pk=self.page.pk).current_workflow_task
            if following is not None:
                messages.success(
                    self.request,
                    _(
                        "The translation is marked ready. The page moves on to the "
                        "step “%(task)s”; you can no longer edit it."
                    )
                    % {"task": following.name},
                )
        return response


class PageWorkflowActionView(WorkflowActionView):
    """A workflow action from the dashboard or a task's modal."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except TranslationNotReady as refusal:
            messages.error(request, str(refusal))
            edit_url = reverse("wagtailadmin_pages:edit", args=[self.object.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(
                    request, {"step": "success", "redirect": edit_url}
                )
            return redirect(edit_url)


class WorkflowPreviewView(PreviewRevisionForTaskView):
    """Wagtail's preview of the revision a task is about, in the language the
    reviewer picks (``?mode=en``; Wagtail's own view shows the default mode only).
    The preview bar in base.html links the languages."""

    def get(self, request, *args, **kwargs):
        if not self.task_state:
            self.add_error_message()
            return redirect("wagtailadmin_home")
        if not self.task.get_actions(self.object, request.user):
            return super().get(request, *args, **kwargs)  # Wagtail refuses it
        revision = self.task_state.revision
        page = revision.as_object()
        modes = dict(page.preview_modes)
        mode = request.GET.get("mode")
        if mode not in modes:
            mode = page.default_preview_mode
        here = request.path
        return page.make_preview_request(
            request,
            mode,
            extra_request_attrs={
                "revision_id": revision.id,
                "preview_languages": [
                    (
                        code,
                        LANGUAGE_NAMES.get(code, code),
                        f"{here}?mode={code}",
                        code == mode,
                    )
                    for code in modes
                ],
            },
        )


class BasePageViewSet(PageViewSet):
    """Wagtail's page views with the changes above, for one BasePage type."""

    edit_view_class = PageEditView
    workflow_action_view_class = PageWorkflowActionView
    workflow_preview_view_class = WorkflowPreviewView

    @property
    def parent_models(self):
        # Only the views change; the explorer's listings stay Wagtail's own.
        return []
