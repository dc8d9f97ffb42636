"""Filtered, paginated listings for index pages (news index, project index)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .caching.generation import request_generation
from .reader_input import parse_number

# A deep page starts its walk at the nearest mark: every MARK_PAGES-th page's
# first item, kept for the generation.
MARK_PAGES = 5


def lazy_list(make):
    """A list made (by calling ``make``) only when a template first uses it, so a
    page whose content comes from the fragment cache runs none of its queries."""
    return SimpleLazyObject(lambda: list(make()))


class KeysFirstPaginator(Paginator):
    """Finds the keys of a page's items first, then loads only those rows.

    Deep pages of a long listing (page 400 of 10,000 releases) otherwise make the
    database sort and skip thousands of whole rows; sorting keys alone takes half
    the time (docs/performance.md). Django's Paginator has no such option.

    ``start_at(items, offset)``, when given, returns a queryset that starts
    nearer to the page and the offset left in it (see ``DeepPageMarks``)."""

    def __init__(self, object_list, per_page, *, start_at=None):
        super().__init__(object_list, per_page)
        self.start_at = start_at

    def page(self, number):
        if self.start_at is None:
            return super().page(number)
        # Paginator.page, with the slice taken from where start_at begins.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        items, skip = self.start_at(self.object_list, bottom)
        return self._get_page(items[skip : skip + top - bottom], number, self)

    def _get_page(self, object_list, number, paginator):
        keys = list(object_list.values_list("pk", flat=True))
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        items = [rows[key] for key in keys if key in rows]
        return super()._get_page(items, number, paginator)


def before_in_order(fields, values, *, inclusive: bool) -> Q:
    """Items at (``inclusive``) or after ``values`` in a listing ordered by two
    descending ``fields`` (a date, then the id). The outer ``<=`` on the first
    field lets the database start its walk of that field's index there: an OR
    alone made PostgreSQL read every newer item first."""
    (first, first_value), (second, second_value) = zip(fields, values, strict=True)
    last = "lte" if inclusive else "lt"
    return Q(**{f"{first}__lte": first_value}) & (
        Q(**{f"{first}__lt": first_value}) | Q(**{f"{second}__{last}": second_value})
    )


class DeepPageMarks:
    """Where a deep page of a listing starts, so that page 400 of 10,000 releases
    costs what page 1 costs.

    SQL's OFFSET walks every item before the page, so a deep page's cost grew
    with the archive (12.7 ms of PostgreSQL's CPU at page 400 against 3.8 ms
    for page 1). The first item of every MARK_PAGES-th page (the values it is
    ordered by) is kept in the cache for the generation, which every publish,
    unpublish, move and privacy change renews: a deep page then walks at most
    MARK_PAGES pages from its mark. Finding the marks reads every key once per
    generation, which is what each deep page cost before. Keyset pagination
    would need no marks, but readers and search engines know the numbered
    pages (?page=400). Only for listings ordered by two descending fields (a
    date, then the id); others keep OFFSET."""

    def __init__(self, request, page, per_page: int):
        self.request, self.page = request, page
        self.every = per_page * MARK_PAGES

    def _key(self) -> str:
        query = "&".join(
            f"{name}={value}"
            for name, value in sorted(self.request.GET.items())
            if name != "page"
        )
        raw = f"{self.request.path}?{query}"
        digest = hashlib.sha256(raw.encode()).hexdigest()[:24]
        generation = request_generation(self.request)
        return f"listing-marks:{self.page.pk}:{get_language()}:{digest}:{generation}"

    def __call__(self, items, offset: int):
        order = items.query.order_by
        if (
            offset < self.every
            or len(order) != 2
            or not all(isinstance(name, str) and name.startswith("-") for name in order)
        ):
            return items, offset
        fields = [name[1:] for name in order]
        key = self._key()
        marks = cache.get(key)
        if marks is None:
            marks = list(items.values_list(*fields))[:: self.every]
            cache.set(key, marks, settings.PAGE_CACHE_TIMEOUT)
        index = min(offset // self.every, len(marks) - 1)
        if index <= 0:
            return items, offset
        at_or_after = before_in_order(fields, marks[index], inclusive=True)
        return items.filter(at_or_after), offset - index * self.every


def render_listing(
    page,
    request,
    form,
    items,
    *,
    name: str,
    per_page: int,
    context=None,
    count=None,
    deep_pages: bool = False,
):
    """Render ``page`` with ``items`` filtered by ``form`` and paginated.

    Page numbers that make no sense (``abc``, ``0``, past the end) are a 404, and
    filter values that make no sense a 400 that shows the form's errors in the
    reader's language; neither is ever a 500. ``count``, when the caller knows
    how many ``items`` there are, saves the paginator counting them.
    """
    if form.is_bound:
        items = form.filter(items) if form.is_valid() else items.none()
    start_at = DeepPageMarks(request, page, per_page) if deep_pages else None
    paginator = KeysFirstPaginator(items, per_page, start_at=start_at)
    if count is not None and (not form.is_bound or form.is_valid()):
        paginator.count = count
    number = parse_number(request.GET.get("page", "1"))
    if number is None or not 1 <= number <= paginator.num_pages:
        raise Http404("No such page of results")
    response = page.render(
        request,
        context_overrides={
            **(context or {}),
            "filter_form": form,
            name: paginator.page(number),
            "paginator": paginator,
            "query_string": form.query_string() if form.is_bound else "",
        },
    )
    if form.is_bound and not form.is_valid():
        response.status_code = 400
    return response
