"""The weekly review reminders sent, one per recipient and week."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    """Claimed before the mail is queued, so two schedulers (or a round run
    twice) never remind anyone twice in a week; ``sent_at`` stays empty until the
    worker has handed the mail to the mail server."""

    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=2, default="sv")
    week = models.DateField(_("week (Monday)"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "week"], name="one_review_reminder_a_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.week}"
