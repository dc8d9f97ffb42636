"""Public views that are not pages: search, sitemap, robots.txt; and the admin
viewset for people (registered in press.wagtail_hooks)."""

import logging
import sys
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.chooser import SnippetChooserViewSet

from .editorial.views import NewsroomSnippetViewSet
from .i18n import parse_number
from .models import Person
from .search import QueryError, search

logger = logging.getLogger(__name__)


class PersonChooserViewSet(SnippetChooserViewSet):
    """The person chooser has a "Skapa" tab: a person quoted for the first time is
    added without leaving the release (for those allowed to add people)."""

    form_fields = [
        "name",
        "role_sv",
        "role_en",
        "party",
        "organisation_sv",
        "organisation_en",
        "email",
        "phone",
    ]


class PersonViewSet(NewsroomSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "party", "email"]
    search_fields = ["name", "organisation"]
    chooser_viewset_class = PersonChooserViewSet


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


def server_error(request):
    """handler500: a plain bilingual page; 503 when the database is unreachable, so
    readers (and load balancers) see a temporary problem, not a broken site. Rendered
    without touching the database or the request context."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("database unavailable: %s", error)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(loader.get_template("500.html").render(), status=500)
    response["Cache-Control"] = "no-store"
    return response


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
