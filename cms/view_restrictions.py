"""View restrictions read once per reader's request.

Wagtail reads the whole ``PageViewRestriction`` table for every ``public()``
queryset (``PageQuerySet.private_q``: menus, breadcrumbs, related releases, listings
each call it) and makes two more queries for a page's own check
(``Page.get_view_restrictions``): a press release made eight such queries to render.
The table is small and changes rarely, so during a GET or HEAD request it is read
once: ``ViewRestrictionsMiddleware`` opens a memo for the request, and a saved or
deleted restriction or a moved page empties it, so a request that changes them
never works from an old list. Outside a request (the worker, commands) and for
other methods nothing is remembered and Wagtail's own code runs.
``cms.patches`` installs ``private_q``; ``BasePage.get_view_restrictions`` asks
``none_apply``.
"""

import contextvars

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

UPSTREAM_PRIVATE_Q = PageQuerySet.private_q

_memo = contextvars.ContextVar("cms_view_restrictions", default=None)


class _Memo:
    __slots__ = ("rows",)

    def __init__(self):
        self.rows = None


def current() -> list | None:
    """Every view restriction with its page, read once per request; None outside
    a remembering request."""
    memo = _memo.get()
    if memo is None:
        return None
    if memo.rows is None:
        memo.rows = list(PageViewRestriction.objects.select_related("page"))
    return memo.rows


def none_apply() -> bool:
    """True when this request knows there is no view restriction on any page."""
    rows = current()
    return rows is not None and not rows


def private_q(self):
    """Replaces ``wagtail.query.PageQuerySet.private_q`` (Wagtail 8.0.1): the same
    condition, from the request's memo when there is one."""
    rows = current()
    if rows is None:
        return UPSTREAM_PRIVATE_Q(self)
    q = Q()
    for restriction in rows:
        q |= self.descendant_of_q(restriction.page, inclusive=True)
    # Do not match any page if no private section exists (as upstream).
    return q if q else Q(pk__in=[])


def forget(**kwargs) -> None:
    memo = _memo.get()
    if memo is not None:
        memo.rows = None


class ViewRestrictionsMiddleware:
    """Opens the memo for a GET or HEAD request and closes it after."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _memo.set(_Memo())
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            forget, sender=PageViewRestriction, dispatch_uid="cms.view_restrictions"
        )
    post_page_move.connect(forget, dispatch_uid="cms.view_restrictions.moved")
