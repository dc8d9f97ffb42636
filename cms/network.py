"""The reader's network address, the same for every part of the site that needs it
(login lockout, password reset, feedback and sign-up limits), and the anonymous key
the reader input limits count by.

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies that each append the address they
saw to ``X-Forwarded-For``, the client is the entry that many places from the right;
entries further left were written by the client and are not trusted. Without
proxies (or when the header is shorter than it should be) it is ``REMOTE_ADDR``.
"""

import datetime
import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if count:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return remote


def count_hit(key: str, window: int) -> int | None:
    """Count one hit on ``key`` in a window of ``window`` seconds; the number so
    far, or None when the cache cannot count (a limit then lets the reader in
    rather than failing the request)."""
    try:
        return 1 if cache.add(key, 1, window) else cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window)
        return 1
    except Exception:
        logger.exception("rate limit unavailable")
        return None


def _daily_salt(day: datetime.date) -> bytes:
    # Derived from the secret key and the date: rotates every day, never stored.
    return hmac.new(
        settings.SECRET_KEY.encode(), day.isoformat().encode(), "sha256"
    ).digest()


def client_key(request) -> str:
    """An anonymous key for rate limiting: a salted hash of the reader's address
    (cms.network.client_ip), valid for one day. The address itself is never stored.
    Nothing the reader chooses (such as the User-Agent) is part of it, so it
    cannot be changed to get round the limit."""
    salt = _daily_salt(timezone.now().date())
    return hmac.new(salt, client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]
