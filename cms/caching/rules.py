"""Which requests may be served from, or stored in, the caches."""

from http.cookies import SimpleCookie
from urllib.parse import parse_qsl

from django.conf import settings

# Query parameters that listings and search use; any other parameter (or a very long
# query string) means "don't cache", so random URLs cannot flood the cache.
ALLOWED_PARAMS = frozenset({"page", "kind", "area", "year", "month", "status", "q"})
# The read API's parameters (api.params); its cursors are short.
API_PARAMS = frozenset(
    {"lang", "limit", "cursor", "kind", "area", "project", "year", "month"}
    | {"updated_since", "status"}
)
MAX_QUERY_LENGTH = 200
EXCLUDED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz",
    "/readyz",
    "/feedback/",
    "/en/feedback/",
)


def cacheable_environ(environ) -> bool:
    """Whether a request (its WSGI environ / request.META) may use the cache."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", False):
        return False
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    path = environ.get("PATH_INFO", "")
    if path.startswith(EXCLUDED_PREFIXES):
        return False
    cookie_header = environ.get("HTTP_COOKIE", "")
    if cookie_header:
        cookies = SimpleCookie()
        try:
            cookies.load(cookie_header)
        except Exception:  # noqa: BLE001 - an unreadable cookie header: don't cache
            return False
        if (
            settings.SESSION_COOKIE_NAME in cookies
            or settings.CSRF_COOKIE_NAME in cookies
        ):
            return False
    allowed = API_PARAMS if path.startswith("/api/") else ALLOWED_PARAMS
    return query_is_cacheable(environ.get("QUERY_STRING", ""), allowed)


def query_is_cacheable(query: str, allowed=ALLOWED_PARAMS) -> bool:
    """Only the listing and search parameters (or the API's), and not too long:
    random query strings must not fill the cache."""
    if len(query) > MAX_QUERY_LENGTH:
        return False
    names = {name for name, _value in parse_qsl(query, keep_blank_values=True)}
    return names <= allowed
