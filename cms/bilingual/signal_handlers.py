"""Keeping the translation status of pages and snippets up to date."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from wagtail.models import DraftStateMixin, Page
from wagtail.signals import published

from .models import TranslationStatus
from .readiness import EnglishReadinessMixin
from .status import update_status


def status_published(sender, instance=None, **kwargs):
    """Wagtail's ``published`` (pages and snippets with drafts)."""
    obj = instance.specific if isinstance(instance, Page) else instance
    update_status(obj)


def status_saved(sender, instance=None, raw=False, **kwargs):
    if not raw:
        update_status(instance)


def status_deleted(sender, instance=None, **kwargs):
    if instance is None or instance.pk is None:
        return
    if isinstance(instance, Page) or is_tracked(type(instance)):
        TranslationStatus.objects.filter(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=str(instance.pk),
        ).delete()


def is_tracked(model) -> bool:
    """Snippets that say what their English needs have a tracked status."""
    return issubclass(model, EnglishReadinessMixin) and not issubclass(model, Page)


def connect() -> None:
    published.connect(status_published, dispatch_uid="bilingual-published")
    post_delete.connect(status_deleted, dispatch_uid="bilingual-deleted")
    for model in apps.get_models():
        # Snippets without drafts change on save rather than on publish.
        if is_tracked(model) and not issubclass(model, DraftStateMixin):
            post_save.connect(
                status_saved,
                sender=model,
                dispatch_uid=f"bilingual-saved-{model._meta.label}",
            )
