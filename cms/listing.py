"""Filtered, paginated listings for index pages (news index, project index)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import SimpleLazyObject

from .reader_input import parse_number


def lazy_list(make):
    """A list made (by calling ``make``) only when a template first uses it, so a
    page whose content comes from the fragment cache runs none of its queries."""
    return SimpleLazyObject(lambda: list(make()))


class KeysFirstPaginator(Paginator):
    """Finds the keys of a page's items first, then loads only those rows.

    Deep pages of a long listing (page 400 of 10,000 releases) otherwise make the
    database sort and skip thousands of whole rows; sorting keys alone takes half
    the time (docs/performance.md). Django's Paginator has no such option."""

    def _get_page(self, object_list, number, paginator):
        keys = list(object_list.values_list("pk", flat=True))
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        items = [rows[key] for key in keys if key in rows]
        return super()._get_page(items, number, paginator)


def render_listing(
    page, request, form, items, *, name: str, per_page: int, context=None, count=None
):
    """Render ``page`` with ``items`` filtered by ``form`` and paginated.

    Page numbers that make no sense (``abc``, ``0``, past the end) are a 404, and
    filter values that make no sense a 400 that shows the form's errors in the
    reader's language; neither is ever a 500. ``count``, when the caller knows
    how many ``items`` there are, saves the paginator counting them.
    """
    if form.is_bound:
        items = form.filter(items) if form.is_valid() else items.none()
    paginator = KeysFirstPaginator(items, per_page)
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
