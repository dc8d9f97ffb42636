"""The translation model's own records: the stored status of each published page
and snippet, and the workflow step "Översättning klar"."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, Page, TaskState

TRANSLATION_STATUS_CHOICES = [
    ("sv_only", _("Swedish only")),
    ("incomplete", _("English incomplete")),
    ("outdated", _("English outdated")),
    ("complete", _("English complete")),
]


class TranslationStatus(models.Model):
    """Translation state of one published page or snippet, kept up to date on
    publish (see cms.bilingual.status). ``field_changes`` records, per translated
    field and language, when its published value last changed."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=255)
    section = models.ForeignKey(
        Page,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TRANSLATION_STATUS_CHOICES, db_index=True
    )
    missing_fields = models.JSONField(_("missing English fields"), default=list)
    outdated_fields = models.JSONField(_("outdated English fields"), default=list)
    field_changes = models.JSONField(default=dict)
    value_hashes = models.JSONField(default=dict)
    swedish_changed_at = models.DateTimeField(_("Swedish last changed"), null=True)
    english_changed_at = models.DateTimeField(_("English last changed"), null=True)
    checked_at = models.DateTimeField(_("English checked"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_translation_status"
            )
        ]
        indexes = [models.Index(fields=["status", "content_type"])]

    def __str__(self) -> str:
        return f"{self.title}: {self.get_status_display()}"


class TranslationNotReady(PermissionDenied):
    """The step "Översättning klar" was asked to pass while the English is not
    complete; the message says what is missing."""


class TranslationReadyTask(AbstractGroupApprovalTask):
    """Workflow step "Översättning klar": passes when the English version is
    complete (EnglishReadinessMixin) or the page is marked Swedish-only.

    It passes by itself when the workflow reaches it and the page is ready already
    (the editor wrote both languages). Otherwise it waits for a person: the
    translator (or a reviewer) clicks "Markera översättningen som klar", which
    saves what they typed and passes the step only if nothing is missing. It never
    passes on a save or an autosave, so it cannot move on (and lock the page) while
    the translator is still typing. Until then the edit view lists what is missing
    and the task's groups may edit the page.
    """

    class Meta:
        verbose_name = _("translation ready task")
        verbose_name_plural = _("translation ready tasks")

    @staticmethod
    def latest(obj):
        if hasattr(obj, "get_latest_revision_as_object"):
            return obj.get_latest_revision_as_object()
        return obj

    @classmethod
    def missing_fields(cls, obj) -> list[str]:
        obj = cls.latest(obj)
        if getattr(obj, "swedish_only", False) or not hasattr(
            obj, "missing_english_labels"
        ):
            return []
        return obj.missing_english_labels()

    @classmethod
    def readiness_comment(cls, obj) -> str:
        if getattr(cls.latest(obj), "swedish_only", False):
            return str(_("Marked as Swedish only."))
        return str(_("The English version is complete."))

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        if hasattr(obj, "specific"):
            obj = obj.specific
        if not self.missing_fields(obj):
            # Ready already: record an approved step without notifying anyone.
            task_state = TaskState(
                workflow_state=workflow_state,
                task=self,
                revision=obj.get_latest_revision(),
                status=TaskState.STATUS_APPROVED,
                finished_at=timezone.now(),
                comment=self.readiness_comment(obj),
            )
            task_state.save()
            task_state.log_state_change_action(user, "approve")
            return task_state
        return super().start(workflow_state, user=user)

    def user_can_access_editor(self, obj, user):
        return user.is_superuser or self._user_in_groups(user)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or self._user_in_groups(user))

    def get_actions(self, obj, user):
        # "Approve" is always offered: the editor's action menu is drawn when the
        # page is opened, before the translator has typed anything, and an
        # autosave does not redraw it. on_action says what is still missing.
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Mark translation ready"), False),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            missing = self.missing_fields(task_state.workflow_state.content_object)
            if missing:
                raise TranslationNotReady(
                    _("The English version is not complete yet. Missing: %(fields)s.")
                    % {"fields": ", ".join(missing)}
                )
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Passes when every required English field is filled in (no block "
            "without text) or the page is marked Swedish only, and a translator "
            "marks it ready. Members of the chosen groups may edit the page."
        )
