"""The search page: /sok/?q=... and /en/search/?q=..."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from ..reader_input import parse_number
from .query import QueryError, search


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
            paginator = Paginator(documents, 10)
            number = parse_number(request.GET.get("page", "1"))
            if number is None or not 1 <= number <= max(paginator.num_pages, 1):
                raise Http404("No such page of results")
            context["results"] = paginator.page(number)
            context["paginator"] = paginator
            context["query_string"] = urlencode({"q": query})
    return TemplateResponse(request, "cms/search.html", context, status=status)
