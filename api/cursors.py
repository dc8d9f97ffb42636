"""Keyset pagination: a page ends with an opaque cursor holding the sort key of
its last item, and the next page starts after it. Unlike ``?page=400`` (an
OFFSET that reads and drops 8,000 rows), every page costs the same."""

import base64
import binascii
import json

from django.db.models import Q
from django.utils.dateparse import parse_datetime


class BadCursor(ValueError):
    pass


def encode(values: list) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError) as error:
        raise BadCursor(cursor) from error
    if not isinstance(values, list):
        raise BadCursor(cursor)
    return values


def after_release(values: list) -> Q:
    """Releases after (older than) the one with date and id ``values``, in the
    news feed's order: newest first, then highest id."""
    if len(values) != 2 or not isinstance(values[1], int):
        raise BadCursor(values)
    date = parse_datetime(values[0]) if isinstance(values[0], str) else None
    if date is None:
        raise BadCursor(values)
    return Q(publication_date__lt=date) | Q(publication_date=date, pk__lt=values[1])


def after_key(values: list, key: str) -> Q:
    """Items after the one whose unique ``key`` (id, or a page's tree path) is
    ``values[0]``."""
    if len(values) != 1 or not isinstance(values[0], int | str):
        raise BadCursor(values)
    return Q(**{f"{key}__gt": values[0]})


def page(queryset, limit: int, cursor_of) -> tuple[list, str | None]:
    """The first ``limit`` items and the cursor after them (None at the end):
    one query, reading one row more than it shows."""
    items = list(queryset[: limit + 1])
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    return items, encode(cursor_of(items[-1]))
