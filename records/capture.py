"""What readers get: a page answered by the site's own request handler (every
middleware, the page cache included, as a reader's request passes them) and the
files the answer uses, read from where the site keeps them.

Written by hand: archiving tools (Browsertrix, wget --warc-file) crawl a running
site over HTTP from outside; here the snapshot is taken in the worker, inside
the transaction's aftermath, without a network round trip or a browser.
"""

import io
import mimetypes
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote_to_bytes, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest

from wagtail.documents import get_document_model

USER_AGENT = "Regionens webbarkiv (records)"
# A file larger than this is named in the metadata but not copied.
MAX_RESOURCE = 200 * 1024 * 1024


@dataclass
class Answer:
    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class Capture:
    page: Answer
    resources: list[Answer] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


_handler = None


def handler() -> BaseHandler:
    """The middleware chain, loaded once per process (as a WSGI handler does)."""
    global _handler
    if _handler is None:
        _handler = BaseHandler()
        _handler.load_middleware()
    return _handler


def environ_for(url: str) -> dict:
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    environ = {
        "REQUEST_METHOD": "GET",
        # WSGI carries the path as bytes decoded as Latin-1 (PEP 3333).
        "PATH_INFO": unquote_to_bytes(parts.path or "/").decode("iso-8859-1"),
        "QUERY_STRING": parts.query,
        "SERVER_NAME": parts.hostname or "localhost",
        "SERVER_PORT": str(parts.port or (443 if secure else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": parts.netloc,
        "HTTP_USER_AGENT": USER_AGENT,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": parts.scheme or "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy and secure:
        environ[proxy[0]] = proxy[1]
    return environ


def answer_of(url: str, response) -> Answer:
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return Answer(
        url=url,
        status=response.status_code,
        reason=response.reason_phrase,
        headers=[(k, v) for k, v in response.items() if k.lower() != "set-cookie"],
        body=response.content,
    )


def serve(url: str) -> Answer:
    """``url`` as an anonymous reader gets it. Not closing the response on
    purpose: closing sends request_finished, which closes the worker's database
    connection (and a test's transaction) as if a web request had ended."""
    request = WSGIRequest(environ_for(url))
    return answer_of(url, handler().get_response(request))


def serve_private(page, language: str, url: str) -> Answer:
    """A page behind a view restriction as a reader allowed to see it gets it:
    rendered by Wagtail's preview path (the same middleware and template; an
    anonymous request would only get the login form)."""
    return answer_of(url, page.make_preview_request(preview_mode=language))


# --- The files a page uses -----------------------------------------------------------

RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "manifest"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("img", "source"):
            if a.get("src"):
                self.urls.append(a["src"])
            for candidate in (a.get("srcset") or "").split(","):
                if candidate.strip():
                    self.urls.append(candidate.split()[0])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href"):
            if RELS & set((a.get("rel") or "").lower().split()):
                self.urls.append(a["href"])
        elif tag == "a" and a.get("href", "").startswith("/documents/"):
            self.urls.append(a["href"])


CSS_URL = re.compile(rb"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def links_in_html(body: bytes, base: str) -> list[str]:
    parser = _Links()
    parser.feed(body.decode("utf-8", "replace"))
    return [urljoin(base, url) for url in parser.urls]


def links_in_css(body: bytes, base: str) -> list[str]:
    return [
        urljoin(base, m.decode("utf-8", "replace"))
        for m in CSS_URL.findall(body)
        if not m.startswith(b"data:")
    ]


def _read(storage, name: str) -> bytes | None:
    try:
        if storage.size(name) > MAX_RESOURCE:
            return None
        with storage.open(name) as f:
            return f.read()
    except (OSError, ValueError):
        return None


def read_file(url: str) -> Answer | None:
    """A static file, an upload or a document the page uses, from its storage;
    None for what is not this site's (another site's script, a video host)."""
    origin = urlsplit(settings.BASE_URL).netloc
    parts = urlsplit(url)
    path = unquote_to_bytes(parts.path).decode("utf-8", "replace")
    media_origin = getattr(settings, "MEDIA_ORIGIN", "")
    body = None
    if media_origin and url.startswith(media_origin + "/"):
        body = _read(default_storage, url[len(media_origin) + 1 :].split("?")[0])
    elif parts.netloc not in ("", origin):
        return None
    elif path.startswith(settings.STATIC_URL):
        name = path[len(settings.STATIC_URL) :]
        body = _read(staticfiles_storage, name)
        if body is None and (found := finders.find(name)):
            # Development: served from the apps' folders, not collected.
            with open(found, "rb") as f:
                body = f.read()
    elif path.startswith(settings.MEDIA_URL):
        body = _read(default_storage, path[len(settings.MEDIA_URL) :])
    elif m := re.match(r"^/documents/(\d+)/", path):
        document = get_document_model().objects.filter(pk=int(m[1])).first()
        if document is not None:
            body = _read(document.file.storage, document.file.name)
    if body is None:
        return None
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    headers = [("Content-Type", kind), ("Content-Length", str(len(body)))]
    return Answer(url=url, status=200, reason="OK", headers=headers, body=body)


def with_files(page: Answer) -> Capture:
    capture = Capture(page=page)
    if "html" not in {k.lower(): v for k, v in page.headers}.get("content-type", ""):
        return capture
    wanted = links_in_html(page.body, page.url)
    seen = set()
    while wanted:
        url = wanted.pop(0)
        if url in seen:
            continue
        seen.add(url)
        found = read_file(url)
        if found is None:
            capture.skipped.append(url)
            continue
        capture.resources.append(found)
        if found.headers[0][1] == "text/css":
            wanted += links_in_css(found.body, url)
    return capture
