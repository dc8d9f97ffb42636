"""The search page: /sok/?q=... and /en/search/?q=..."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property

from ..reader_input import parse_number
from .query import QueryError, search

PER_PAGE = 10


class CountedPaginator(Paginator):
    """A paginator given the page's rows and the total they were counted with
    (a window count in the same query): a common word matches thousands of
    pages, and counting them apart read them all a second time."""

    def __init__(self, rows, total, number):
        super().__init__(rows, PER_PAGE)
        self.total, self.number = total, number

    @cached_property
    def count(self):
        return self.total

    def page(self, number):
        number = self.validate_number(number)
        return self._get_page(self.object_list, number, self)


def results_page(documents, number: int):
    """Page ``number`` of ``documents`` and the paginator; Http404 when there is
    no such page. The first query ranks and counts the matches carrying only
    their keys (whole rows made PostgreSQL spill thousands of leads to disk
    while counting); the second loads the ten shown."""
    start = (number - 1) * PER_PAGE
    keys = list(
        documents.annotate(total=Window(Count("pk"))).values_list("pk", "total")[
            start : start + PER_PAGE
        ]
    )
    if not keys and number != 1:
        raise Http404("No such page of results")
    loaded = {row.pk: row for row in documents.filter(pk__in=[pk for pk, _ in keys])}
    rows = [loaded[pk] for pk, _ in keys if pk in loaded]
    paginator = CountedPaginator(rows, keys[0][1] if keys else 0, number)
    return paginator.page(number), paginator


def search_view(request):
    """Search the site in the reader's language: /sok/?q=... and /en/search/?q=..."""
    query = request.GET.get("q", "")
    context = {"query": query[:200], "results": None, "error": ""}
    status = 200
    if "q" in request.GET:
        try:
            documents = search(query)
        except QueryError as error:
            context["error"] = str(error)
            status = 400 if query.strip() else 200
        else:
            number = parse_number(request.GET.get("page", "1"))
            if number is None or number < 1:
                raise Http404("No such page of results")
            context["results"], context["paginator"] = results_page(documents, number)
            context["query_string"] = urlencode({"q": query})
    return TemplateResponse(request, "cms/search.html", context, status=status)
