"""Review dates: intervals and where a page stands. A leaf (nothing of the project
imported), so page models can use it."""

import calendar
import datetime

from django.utils.translation import gettext_lazy as _

REVIEW_INTERVAL_CHOICES = [
    (0, _("No review")),
    (3, _("Every 3 months")),
    (6, _("Every 6 months")),
    (12, _("Every 12 months")),
    (24, _("Every 24 months")),
]
SOON_DAYS = 30  # the digest lists what falls due within this many days
ESCALATE_DAYS = 30  # overdue this long: the web editors hear of it too
THIS_WEEK_DAYS = 7

# Where a page stands, most urgent first.
ESCALATED = "escalated"
OVERDUE = "overdue"
DUE = "due"
SOON = "soon"
STATES = [ESCALATED, OVERDUE, DUE, SOON]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (31 January + 1 month: 28 or 29 February)."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def next_review(day: datetime.date, months: int | None) -> datetime.date | None:
    return add_months(day, months) if months else None


def state(
    next_review_at: datetime.date | None,
    today: datetime.date,
    english_outdated: bool = False,
) -> str | None:
    """ESCALATED (overdue more than ESCALATE_DAYS), OVERDUE, DUE (within the
    week, or the English text is older than the last Swedish change: Swedish
    and English share one page), SOON (within SOON_DAYS) or None."""
    if next_review_at is not None:
        late = (today - next_review_at).days
        if late > ESCALATE_DAYS:
            return ESCALATED
        if late > 0:
            return OVERDUE
        if -late < THIS_WEEK_DAYS:
            return DUE
    if english_outdated:
        return DUE
    if next_review_at is not None and (next_review_at - today).days <= SOON_DAYS:
        return SOON
    return None
