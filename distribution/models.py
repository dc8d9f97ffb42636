"""Subscribers to the newsroom's e-mail alerts, and one delivery per subscriber and
page (the record that makes a second mail about the same page impossible)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    return secrets.token_urlsafe(16)


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, suppressed_at__isnull=True)


class Subscriber(models.Model):
    """A reader or journalist who asked for alerts and confirmed the address.

    Only what sending needs is stored: the address, the choices and when the
    sign-up was made and confirmed. No name, no IP address, no opens or clicks.
    Unsubscribing deletes the row and every delivery with it."""

    SWEDISH, ENGLISH, BOTH = "sv", "en", "both"
    LANGUAGE_CHOICES = [
        (SWEDISH, _("Swedish")),
        (ENGLISH, _("English")),
        (BOTH, _("Swedish and English")),
    ]
    IMMEDIATE, DAILY, WEEKLY = "immediate", "daily", "weekly"
    FREQUENCY_CHOICES = [
        (IMMEDIATE, _("At once, one e-mail per item")),
        (DAILY, _("A daily digest")),
        (WEEKLY, _("A weekly digest (Mondays)")),
    ]

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=4, choices=LANGUAGE_CHOICES, default=SWEDISH
    )
    areas = models.ManyToManyField(
        "specialisation.SpecialisationAreaPage",
        verbose_name=_("specialisation areas"),
        blank=True,
        related_name="+",
        help_text=_("None chosen: every area."),
    )
    press_releases = models.BooleanField(_("press releases"), default=True)
    news = models.BooleanField(_("news"), default=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=FREQUENCY_CHOICES, default=IMMEDIATE
    )
    # Part of every signed link; a new key makes the old links useless.
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    suppressed_at = models.DateTimeField(
        _("suppressed"),
        null=True,
        blank=True,
        help_text=_("Set when the address bounces or complains; nothing is sent."),
    )
    suppressed_reason = models.CharField(
        _("reason"), max_length=200, blank=True, editable=False
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def languages(self) -> list[str]:
        return ["sv", "en"] if self.language == self.BOTH else [self.language]


class Delivery(models.Model):
    """One page for one subscriber: sent at once, or waiting for the next digest.

    The unique pair is the guarantee against duplicates: a republished page finds
    its row and sends nothing. ``claimed_until`` is a lease taken just before the
    SMTP transaction, so two workers (or a worker and its restarted self) never
    send the same row; a lease left by a crashed worker runs out and the row is
    sent by the next round."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    digest = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "page"], name="one_delivery_per_page"
            )
        ]
        indexes = [models.Index(fields=["sent_at", "digest"])]

    def __str__(self):
        return f"{self.subscriber_id} / {self.page_id}"


# --- Embargoed previews -------------------------------------------------------


class Journalist(models.Model):
    """One entry of the press list: who may get a release before its embargo."""

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=200)
    email = models.EmailField(_("work e-mail"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[("sv", _("Swedish")), ("en", _("English"))],
        default="sv",
    )

    class Meta:
        verbose_name = _("journalist")
        verbose_name_plural = _("press list")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.outlet})"


class PreviewLink(models.Model):
    """A personal link to one revision of one page before it goes live.

    The link's token is never stored: the row keeps a random nonce, the token is
    an HMAC of it under SECRET_KEY (so the database alone cannot produce a working
    link), and the row is found by the token's SHA-256 digest. Rows are never
    deleted: they are the record of what each journalist was sent (the name,
    outlet and address as they were then)."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    journalist = models.ForeignKey(
        Journalist, on_delete=models.SET_NULL, null=True, related_name="links"
    )
    page_title = models.CharField(max_length=255)
    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(max_length=2, default="sv")
    nonce = models.CharField(max_length=64, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page_title} → {self.name}"
