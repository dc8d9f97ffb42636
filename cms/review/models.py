"""The weekly review reminders sent, one per recipient and week."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    """Claimed before the mail is queued, so two schedulers (or a round run
    twice) never remind anyone twice in a week. The worker claims the sending
    (``sent_at``) before it talks to the mail server and gives it back if the
    server fails; the round queues such a reminder again after a while, at most
    MAX_ATTEMPTS times."""

    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=2, default="sv")
    week = models.DateField(_("week (Monday)"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
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
