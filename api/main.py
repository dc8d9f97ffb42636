"""The API itself: its routes (`api.routes`, a list and a detail per resource)
and its errors, each a JSON body in the language asked for (``?lang=en``), else
Swedish.

Built on django-ninja (which Wagtail 8 itself depends on) rather than Wagtail's
API v3 preview: v3 serves one locale's pages per request (this site keeps both
languages in one page through modeltranslation), exposes write endpoints and
the page tree, pages by offset, and has no snippets. Ninja gives the typed
parameters, the response validation and the OpenAPI 3.1 document."""

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from ninja import NinjaAPI
from ninja.errors import ValidationError

from . import cursors
from .responses import BadRequest
from .routes import organisations, people, releases, strategy


class Api(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # The view's name (list_releases, get_release): stable and readable,
        # where ninja's default prefixes the module path.
        return operation.view_func.__name__


api = Api(
    title="Region Blekinge newsroom API",
    version="1.0.0",
    description=(
        "Read-only: the region's live, public press releases, news, strategy "
        "areas, projects, people, fact boxes and organisations, in Swedish and "
        "English. See docs/api.md."
    ),
    urls_namespace="api_v1",
    openapi_url="/openapi.json",
    # The interactive docs load their script from a CDN, which the site's
    # Content-Security-Policy forbids: docs/api.md documents the API instead.
    docs_url=None,
)


def error_language(request) -> str:
    return "en" if request.GET.get("lang") == "en" else "sv"


def error(request, status: int, message) -> tuple[int, dict]:
    with translation.override(error_language(request)):
        return status, {"status": status, "detail": str(message())}


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    names = sorted({str(item["loc"][-1]) for item in exc.errors if item.get("loc")})
    status, body = error(
        request,
        400,
        lambda: (
            _("Invalid value for: %(names)s.") % {"names": ", ".join(names)}
            if names
            else _("Invalid request.")
        ),
    )
    return api.create_response(request, body, status=status)


@api.exception_handler(cursors.BadCursor)
def bad_cursor(request, exc):
    status, body = error(
        request, 400, lambda: _("The cursor is not valid: start from the first page.")
    )
    return api.create_response(request, body, status=status)


@api.exception_handler(BadRequest)
def bad_request(request, exc):
    status, body = error(request, 400, lambda: exc.message)
    return api.create_response(request, body, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    status, body = error(request, 404, lambda: _("No such item."))
    return api.create_response(request, body, status=status)


api.add_router("/releases/", releases.router)
api.add_router("/", strategy.router)
api.add_router("/", people.router)
api.add_router("/", organisations.router)
