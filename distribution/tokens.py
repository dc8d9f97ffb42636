"""Signed links in the mails: no login, no cookie. A link names the subscriber and
carries their current key, so a new key (on confirmation) makes older links
useless; the confirmation link also expires after SUBSCRIPTION_CONFIRM_DAYS."""

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM = "distribution.confirm"
MANAGE = "distribution.manage"


class LinkExpired(Exception):
    pass


def make(subscriber: Subscriber, salt: str) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=salt)


def load(token: str, salt: str) -> Subscriber | None:
    """The subscriber a link names, None for a link that is not (or no longer)
    valid; LinkExpired for a confirmation link older than its days."""
    max_age = settings.SUBSCRIPTION_CONFIRM_DAYS * 86400 if salt == CONFIRM else None
    try:
        pk, key = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(key, str):
        return None
    return Subscriber.objects.filter(pk=pk, key=key).first()
