"""Embargoed previews for named journalists: personal links to the approved,
scheduled revision of a release, valid until it goes live (then they lead to the
public page) or for PREVIEW_MAX_DAYS, revocable per link, per journalist and for
the whole release. Every send, open, download and revocation is in Wagtail's audit
log with the recipient.

An embargo is a courtesy, not secrecy: what is sent out may be a public record
(allmän handling). The admin says so where links are sent.
"""

import base64
import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Revision

from cms.templatetags.page_tags import long_datetime

from .models import PreviewLink

PREVIEW_MAX_DAYS = 14
SENT = "distribution.preview_sent"
OPENED = "distribution.preview_opened"
DOWNLOADED = "distribution.preview_downloaded"
REVOKED = "distribution.preview_revoked"


def token_for(link: PreviewLink) -> str:
    """The link's token: 256 bits derived from the row's random nonce under the
    secret key (the row alone cannot make a working link)."""
    mac = hmac.new(
        settings.SECRET_KEY.encode(), f"preview:{link.nonce}".encode(), "sha256"
    ).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def scheduled_revision(page) -> Revision | None:
    """The approved revision waiting for its go-live time, if any."""
    return (
        Revision.page_revisions.filter(
            object_id=str(page.pk), approved_go_live_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )


def embargo_text(when: datetime.datetime, language: str) -> str:
    """ "Får inte publiceras före 3 december 2026 kl. 09.00 (CET)" /
    "Embargoed until 3 December 2026, 09:00 CET"."""
    with translation.override(language):
        zone = timezone.localtime(when).strftime("%Z")
        return _("Embargoed until %(time)s %(zone)s") % {
            "time": long_datetime(when),
            "zone": zone,
        }


def create(page, revision, journalists, user) -> list[PreviewLink]:
    go_live = revision.approved_go_live_at
    expires = min(go_live, timezone.now() + datetime.timedelta(days=PREVIEW_MAX_DAYS))
    links = []
    for journalist in journalists:
        link = PreviewLink(
            page=page,
            revision=revision,
            journalist=journalist,
            page_title=page.title,
            name=journalist.name,
            outlet=journalist.outlet,
            email=journalist.email,
            language=journalist.language,
            nonce=secrets.token_urlsafe(32),
            created_by=user,
            expires_at=expires,
        )
        link.digest = digest_of(token_for(link))
        link.save()
        log(instance=page, action=SENT, user=user, data=recipient(link))
        links.append(link)
    return links


def recipient(link: PreviewLink) -> dict:
    return {
        "link": link.pk,
        "name": link.name,
        "outlet": link.outlet,
        "email": link.email,
    }


def find(token: str) -> PreviewLink | None:
    if not token or len(token) > 100:
        return None
    return (
        PreviewLink.objects.select_related("page", "revision")
        .filter(digest=digest_of(token))
        .first()
    )


def revoke(links, user) -> int:
    now = timezone.now()
    count = 0
    for link in links.filter(revoked_at=None).select_related("page"):
        link.revoked_at = now
        link.save(update_fields=["revoked_at"])
        if link.page is not None:
            log(instance=link.page, action=REVOKED, user=user, data=recipient(link))
        count += 1
    return count


def record_open(link: PreviewLink) -> None:
    if link.opened_at is None:
        PreviewLink.objects.filter(pk=link.pk).update(opened_at=timezone.now())
    log(instance=link.page, action=OPENED, user=None, data=recipient(link))


def record_download(link: PreviewLink, image) -> None:
    log(
        instance=link.page,
        action=DOWNLOADED,
        user=None,
        data={**recipient(link), "image": image.pk, "title": image.title},
    )
