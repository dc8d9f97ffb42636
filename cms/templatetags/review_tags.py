"""What readers see of a page's review: when it was last reviewed, and a notice
when an editor asked for one and the review is overdue."""

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def review_info(page) -> dict | None:
    """``last`` (date) for pages that are reviewed, and ``overdue`` when the page
    asks to tell readers and its next review date has passed. No query: the
    dates are fields of the page."""
    months = getattr(page, "review_months", None)
    if not callable(months) or not months() or not page.last_reviewed_at:
        return None
    overdue = bool(
        page.review_notice
        and page.next_review_at
        and page.next_review_at < timezone.localdate()
    )
    return {"last": page.last_reviewed_at, "overdue": overdue}
