"""Public views that are not pages: search, sitemap, robots.txt; and the admin
viewset for people (registered in press.wagtail_hooks)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person
from .search import QueryError, search


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "party", "email"]
    search_fields = ["name", "organisation"]


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
            number = request.GET.get("page", "1")
            if not number.isdigit() or not 1 <= int(number) <= max(
                paginator.num_pages, 1
            ):
                raise Http404("No such page of results")
            context["results"] = paginator.page(int(number))
            context["paginator"] = paginator
            context["query_string"] = urlencode({"q": query})
    return TemplateResponse(request, "cms/search.html", context, status=status)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
