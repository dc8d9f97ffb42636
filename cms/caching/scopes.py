"""Targeted invalidation for press release pages: a publish of one release keeps
every release page it did not change in the page cache.

Written by hand: Wagtail has no dependency tracking for cached pages, and Django's
cache versions are per key, not per dependency.

Every other cached page depends on the site-wide generation (cms.caching), which
every change bumps: a listing, feed or search shows any release. A release page
shows only itself, the releases related to it (by a shared area, project or tag:
press.related), the site's chrome (menus, footer, settings) and the snippets it
quotes. So its page-cache entry records:

- the *site generation*, bumped by every change except a release's publish or
  unpublish, a change of a snippet with ``cache_scoped`` and a publish of another
  page that shows as it did (``shown_differently``): settings, images, menus,
  moves, deletes, privacy, another page renamed, moved in or out of menus;
- its *scopes*: ``page:<pk>`` and ``area:<pk>``, ``project:<pk>``, ``tag:<pk>``
  of what it is linked to, and ``snippet:<model>:<pk>`` of the snippets it shows
  (``cache_snippets``: a change of one bumps that scope alone);
- the *clock* read before the page was made: a counter in the cache that every
  scope bump increments.

An entry is fresh while the site generation is the same and no scope of it was
bumped after its clock. Publishing or unpublishing release R bumps R's page and
every area, project and tag R is linked to now *or was* when last published
(remembered in the cache): each release that shows R, or showed it, shares one of
them. As the generation does, a change inside a transaction bumps again on commit,
so a page read from before the commit cannot outlive it.

A missing scope or clock (a flushed or evicting cache) counts as changed: the entry
is rendered again, never served stale.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import transaction

from wagtail.fields import StreamField

logger = logging.getLogger(__name__)

SITE_GENERATION_KEY = "pagecache:site-generation"
CLOCK_KEY = "pagecache:clock"
# v2: with the snippets a release shows. The key without a version (links,
# menus and teaser only) is still read as a release's last publish.
_LINKS_KEY = "pagecache:links:v2:{pk}"
_OLD_LINKS_KEY = "pagecache:links:{pk}"
# Entries made before they listed the snippets they show are never fresh.
ENTRY_FORMAT = 2
_SHOWN_KEY = "pagecache:shown:{pk}"


def scope_key(scope: str) -> str:
    return f"pagecache:scope:{scope}"


def page_scope(pk) -> str:
    return f"page:{pk}"


def _new_site_generation(since: int | None = None) -> str:
    # As the generation's: when it began, then a random part.
    return f"{since or int(time.time())}-{uuid.uuid4().hex}"


def bump_site(since: int | None = None) -> None:
    """Every scoped entry is stale (a change that is not a release's publish)."""
    cache.set(SITE_GENERATION_KEY, _new_site_generation(since), None)


def bump(scopes) -> None:
    """Mark ``scopes`` changed now, and again when the transaction commits."""
    scopes = sorted(set(scopes))
    _bump(scopes)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(scopes))


def _bump(scopes) -> None:
    try:
        tick = cache.incr(CLOCK_KEY)
    except ValueError:
        # No clock (a flushed cache): entries' clocks cannot be compared with a
        # new one, so every scoped entry goes with the site generation.
        cache.add(CLOCK_KEY, 0, None)
        tick = cache.incr(CLOCK_KEY)
        bump_site()
    stamp = (tick, int(time.time()))
    cache.set_many({scope_key(scope): stamp for scope in scopes}, None)
    logger.info("page cache scopes bumped: %s", " ".join(scopes))


def snippet_scope(model, pk) -> str:
    return f"snippet:{model._meta.concrete_model._meta.label_lower}:{pk}"


def shows_snippets_scoped(model) -> bool:
    """Whether a change of ``model`` (a snippet) makes stale only the release pages
    that show it: ``cache_scoped`` on the snippet's model."""
    return getattr(model, "cache_scoped", False)


def snippets_in_streams(obj) -> list[str]:
    """The scopes of the scoped snippets that ``obj``'s StreamFields show, in
    every language. (Links to pages show only an address, and a changed
    address leaves a redirect, whose save bumps the site generation.) Found with
    Wagtail's block API ``extract_references`` (what its reference index uses),
    not the reference index itself: a queued task fills that, so a snippet
    published just after a page could miss the page."""
    found = set()
    for field in obj._meta.concrete_fields:
        if isinstance(field, StreamField):
            value = field.value_from_object(obj)
            for model, pk, _path, _content in field.stream_block.extract_references(
                value
            ):
                if shows_snippets_scoped(model):
                    found.add(snippet_scope(model, pk))
    return sorted(found)


def linked_scopes(page) -> list[str]:
    """The scopes a release page depends on: itself and what picks its related
    news, as stored (the model says which: ``cache_links``)."""
    return [page_scope(page.pk), *sorted(page.cache_links())]


def _remembered(page) -> tuple:
    """What a publish of ``page`` compares with the last one: its scopes, whether
    it is in a menu, and how other pages show it (``cache_teaser``); then the
    snippets it shows (``cache_snippets``), which only its own entries depend on."""
    return (
        linked_scopes(page),
        page.show_in_menus,
        page.cache_teaser(),
        page.cache_snippets(),
    )


# What an unpublished release is remembered as: nothing shows it, it shows nothing.
_UNPUBLISHED = ([], False, None, [])


def scopes_for(page) -> list[str]:
    """What the page's cache entries depend on: ``linked_scopes`` and the
    snippets it shows, remembered in the cache until the page is published again
    (they change only then)."""
    key = _LINKS_KEY.format(pk=page.pk)
    remembered = cache.get(key)
    if remembered is None:
        remembered = _remembered(page)
        # add, not set: a publish that wrote since this page was read wins.
        cache.add(key, remembered, None)
    return [*remembered[0], *remembered[3]]


def release_changed(page) -> None:
    """A release was published or unpublished. Its own page changes. The pages
    linked to what it is linked to now, or was before, change too unless it shows
    on them as it did (same links, same teaser: an edit of its body or lead).
    One that is or was in a menu changes every page's header."""
    key = _LINKS_KEY.format(pk=page.pk)
    before = cache.get(key) or cache.get(_OLD_LINKS_KEY.format(pk=page.pk))
    now = _remembered(page) if page.live else ([page_scope(page.pk)], *_UNPUBLISHED[1:])
    if (
        before is None
        and page.live
        and page.first_published_at == page.last_published_at
    ):
        before = _UNPUBLISHED  # its first publish: nothing showed it
    if before is None or before[1] or now[1]:
        # What it was linked to is not known, or menus change: every release
        # page might show it.
        bump_site()
        before = before or _UNPUBLISHED
    shown_as_before = before[0] == now[0] and before[2] == now[2]
    # Release pages show earlier releases only: the newest is on none, unless
    # its date moved (then the pages it was on before change).
    same_date = page.live and (not before[2] or before[2]["date"] == now[2]["date"])
    newest = same_date and not page.cache_shown_elsewhere()
    if shown_as_before or newest:
        bump([page_scope(page.pk)])
    else:
        bump([*before[0], *now[0]])
    cache.set(key, now, None)
    cache.delete(_OLD_LINKS_KEY.format(pk=page.pk))  # read once, at most


def shown_differently(page) -> bool:
    """Whether release pages may show ``page``, a page that is not a release,
    differently since its last publish or unpublish. Release pages show other
    pages in the menus, breadcrumbs and footer and as linked areas and projects:
    as their title and address in both languages, and only if they are live, in
    menus, in English (for English readers). An edit of anything else (a body, a
    description) leaves every release page as it is. Not known (the first
    publish since the cache was emptied) counts as changed."""
    key = _SHOWN_KEY.format(pk=page.pk)
    now = (
        page.live,
        page.show_in_menus,
        page.title_sv,
        page.title_en,
        page.url_path_sv,
        page.url_path_en,
        getattr(page, "english_ready", None),
    )
    before = cache.get(key)
    # Remembered once committed: a rolled-back publish must not be compared with.
    transaction.on_commit(lambda: cache.set(key, now, None))
    return before != now


def current(values: dict, since: int | None = None) -> tuple[str, int] | None:
    """The site generation and the clock in ``values`` (read before the page was
    made), starting either when the cache has none; None when they had to be
    started (the page is then stored as unscoped). A new site generation takes
    the time ``since`` (the generation's), so that Last-Modified stays the same."""
    site, tick = values.get(SITE_GENERATION_KEY), values.get(CLOCK_KEY)
    if site is not None and tick is not None:
        return site, tick
    if tick is None and cache.add(CLOCK_KEY, 0, None):
        # A new clock starts below the ticks that scopes may still hold. Nothing
        # readers see changed: Last-Modified stays the generation's.
        bump_site(since)
    elif site is None:
        cache.add(SITE_GENERATION_KEY, _new_site_generation(since), None)
    return None


# Which scope keys an entry had, per entry key, learned from earlier lookups in
# this process: a lookup then fetches them with the entry, in one round trip
# (a second one cost a cached release a third of its throughput). A hint only:
# freshness is always judged on the entry's own scopes. Bounded; emptied when full.
_KNOWN_SCOPE_KEYS: dict[str, list[str]] = {}
_KNOWN_LIMIT = 20_000


def known_scope_keys(entry_key: str) -> list[str]:
    return _KNOWN_SCOPE_KEYS.get(entry_key, [])


def fresh(entry: dict, values: dict, entry_key: str = "") -> bool:
    """Whether a scoped entry is current; ``values`` holds the site generation
    and the scope stamps fetched with the entry (the rest are fetched now)."""
    if entry.get("format") != ENTRY_FORMAT:
        return False  # from before entries listed the snippets they show
    if entry.get("site") != values.get(SITE_GENERATION_KEY):
        return False
    keys = [scope_key(scope) for scope in entry["scopes"]]
    stamps = {key: values[key] for key in keys if key in values}
    missing = [key for key in keys if key not in stamps]
    if missing:
        stamps.update(cache.get_many(missing))
    if entry_key:
        if len(_KNOWN_SCOPE_KEYS) >= _KNOWN_LIMIT:
            _KNOWN_SCOPE_KEYS.clear()
        _KNOWN_SCOPE_KEYS[entry_key] = keys
    if len(stamps) != len(keys):
        return False  # a scope was never stamped, or was evicted
    return all(tick <= entry["clock"] for tick, _when in stamps.values())


def stamp(scopes) -> int:
    """Make sure each scope has a stamp (a new scope starts at the current clock,
    so it never makes an older entry look fresh), and return the latest time one
    of them changed."""
    keys = [scope_key(scope) for scope in scopes]
    stamps = cache.get_many(keys)
    missing = [key for key in keys if key not in stamps]
    if missing:
        now = cache.get(CLOCK_KEY) or 0
        for key in missing:
            cache.add(key, (now, 0), None)
    return max((when for _tick, when in stamps.values()), default=0)
