"""One snapshot: what readers got at one address in one language at one moment,
kept in a WARC file (ISO 28500) on the records storage."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def records_storage():
    # A callable: the storage is looked up when used, so tests and production can
    # set STORAGES["records"] (private, never served by the web server).
    return storages["records"]


class Snapshot(models.Model):
    PUBLISHED = "published"
    SCHEDULED = "scheduled"
    UNPUBLISHED = "unpublished"
    EXPIRED = "expired"
    RELATED = "related"
    EVENTS = [
        (PUBLISHED, _("Published")),
        (SCHEDULED, _("Published on schedule")),
        (UNPUBLISHED, _("Unpublished")),
        (EXPIRED, _("Expired")),
        (RELATED, _("Shared content changed")),
    ]

    # The page's id stays when the page is deleted (no constraint, no cascade):
    # the record outlives the page (docs/data-protection.md).
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("page"),
    )
    # The page's place in the tree when captured: exports by subtree still find
    # pages since deleted.
    tree_path = models.CharField(max_length=255, db_index=True)
    # A plain number, not a key: purge_revisions must not take the record with it.
    revision_id = models.PositiveIntegerField(_("revision"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=255)
    event = models.CharField(_("event"), max_length=12, choices=EVENTS)
    captured_at = models.DateTimeField(_("captured"), db_index=True)
    published_by = models.CharField(_("by"), max_length=255, blank=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"))
    private = models.BooleanField(
        _("private"),
        default=False,
        help_text=_("The page had a view restriction when it was captured."),
    )
    warc = models.FileField(
        _("WARC file"), storage=records_storage, max_length=300, upload_to="warc"
    )
    warc_sha256 = models.CharField(max_length=64)
    html_sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    resources = models.PositiveIntegerField(_("resources"), default=0)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-captured_at", "-pk"]
        indexes = [models.Index(fields=["page", "-captured_at"])]

    def __str__(self):
        return f"{self.url} {self.captured_at:%Y-%m-%d %H:%M:%S}"
