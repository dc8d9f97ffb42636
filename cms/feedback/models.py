"""Readers' answers to "Hittade du informationen du sökte?"."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page


class Feedback(models.Model):
    """One reader's answer to "Hittade du informationen du sökte?".

    Only what the answer says is stored: the page, the language, yes or no, an
    optional comment and the time. Nothing that identifies the reader.
    """

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=5)
    helpful = models.BooleanField(_("found what they were looking for"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [models.Index(fields=["page", "created_at"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.language} {'yes' if self.helpful else 'no'}"
