"""The site-wide cache *generation*: every cached page, fragment and route records
the generation it was made in, and a change that readers may see starts a new one
(see cms.caching)."""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import transaction

from . import scopes

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


def current_generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is not None and generation_time(value) is None:
        # Written before generations carried their time: replace it once, or
        # every worker would give Last-Modified its own clock.
        _bump("generation without a time")
        value = cache.get(GENERATION_KEY)
    if value is None:
        value = _new_generation()
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY) or value
    return value


def _new_generation() -> str:
    # When the generation began, then a random part: one shared value says when
    # readers' content last changed (Last-Modified), the same in every process.
    return f"{int(time.time())}-{uuid.uuid4().hex}"


def generation_time(generation: str) -> int | None:
    """When ``generation`` began (seconds since the epoch), or None for a value
    written by an older version of this module."""
    stamp, _dash, _rest = str(generation).partition("-")
    return int(stamp) if stamp.isdigit() and _rest else None


def invalidate(reason: str = "", *, site: bool = True) -> None:
    """Make every cached page stale at once (a single cache write), and again when
    the current transaction commits: until then other processes still read the old
    content, and what they cache meanwhile must not outlive the commit.

    ``site=False`` when release pages keep their entries unless the change is
    in their scopes (a release's publish or unpublish, a scoped snippet's
    change) or touches nothing they show (another page published as it was
    shown): cms.caching.scopes."""
    _bump(reason, site)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(f"{reason} (committed)", site))


def _bump(reason: str, site: bool = True) -> None:
    cache.set(GENERATION_KEY, _new_generation(), None)
    if site:
        scopes.bump_site()
    logger.info("page cache invalidated%s", f": {reason}" if reason else "")


def request_generation(request) -> str:
    """The cache generation, fetched once per request."""
    if not hasattr(request, "_cms_cache_generation"):
        request._cms_cache_generation = current_generation()
    return request._cms_cache_generation
