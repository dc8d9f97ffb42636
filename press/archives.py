"""The newsroom's archives: a year or a month of releases at a readable address
(/nyheter/2023/08/, /en/news/2023/08/), with the years and months that have
releases in the reader's language and their counts."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import get_language

from cms.caching.generation import current_generation, request_generation


def year_range(years: list[int]) -> list[int]:
    """The filter's years: this year back to the first with releases, newest
    first (a year in between without releases is a valid, empty choice)."""
    this_year = timezone.localdate().year
    first = min(years, default=this_year)
    return list(range(max([this_year, *years]), first - 1, -1))


def archive_period(year: int, month: int | None = None) -> dict:
    """Lookups for releases published in a year or a month of it, in the site's
    time zone (a release at 00:30 on 1 September is September's)."""
    period = {"publication_date__year": year}
    if month is not None:
        period["publication_date__month"] = month
    return period


def archive_label(year: int, month: int | None = None) -> dict:
    """The period as readers name it: "2023", "augusti 2023", "August 2023"."""
    label = date_format(datetime.date(year, month, 1), "F Y") if month else str(year)
    return {"year": year, "month": month, "label": label}


def _counts(releases, part, order: str):
    """Releases per year or month of ``publication_date`` (one query)."""
    return (
        releases.order_by()
        .annotate(period=part("publication_date"))
        .values("period")
        .annotate(count=Count("pk"))
        .order_by(order)
    )


def _year_counts(index, request=None) -> list[dict]:
    """Releases per year in the active language. Counting them reads the whole
    archive (30 ms at 10,000 releases, on every news index page), and the counts
    change only when something is published or taken down, which starts a new
    cache generation: so they are kept in the cache for the generation (the
    request's, fetched with its cached fragments, when there is a request)."""
    generation = request_generation(request) if request else current_generation()
    key = f"archive-years:{index.pk}:{get_language()}:{generation}"
    rows = cache.get(key)
    if rows is None:
        rows = list(_counts(index.releases(), ExtractYear, "-period"))
        cache.set(key, rows, settings.PAGE_CACHE_TIMEOUT)
    return rows


def archive_years(index, current: int | None = None, request=None) -> list[dict]:
    """Each year with releases in the active language, newest first, with its
    count (one query, or none when this generation counted them already)."""
    return [
        {
            "label": str(row["period"]),
            "count": row["count"],
            "url": index.url
            + index.reverse_subpage("archive_year", args=[f"{row['period']}"]),
            "current": row["period"] == current,
        }
        for row in _year_counts(index, request)
    ]


def archive_months(index, year: int, current: int | None = None) -> list[dict]:
    releases = index.releases().filter(**archive_period(year))
    return [
        {
            "label": str(MONTHS[row["period"]]),
            "count": row["count"],
            "url": index.url
            + index.reverse_subpage(
                "archive_month", args=[f"{year}", f"{row['period']:02}"]
            ),
            "current": row["period"] == current,
        }
        for row in _counts(releases, ExtractMonth, "period")
    ]
