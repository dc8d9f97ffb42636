"""The reader's network address, the same for every part of the site that needs it
(login lockout, password reset and feedback limits).

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies that each append the address they
saw to ``X-Forwarded-For``, the client is the entry that many places from the right;
entries further left were written by the client and are not trusted. Without
proxies (or when the header is shorter than it should be) it is ``REMOTE_ADDR``.
"""

from django.conf import settings


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
