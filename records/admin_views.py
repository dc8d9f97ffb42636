"""The web archive in the admin: every snapshot (searchable, for the registrar),
a page's timeline, a snapshot opened as it was, its files and its WARC file."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from wagtail.models import Page

from cms.reader_input import parse_number

from . import replay, warc
from .access import may_see, visible
from .models import Snapshot

PER_PAGE = 50
# The archived page runs no script and sends no form: a sandbox without scripts.
# Same origin stays allowed so that the frame's requests for the archived files
# carry the admin's session (an opaque origin's requests go without cookies).
SANDBOX = (
    "sandbox allow-same-origin; default-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; script-src 'none'"
)


def _snapshot(request, pk) -> Snapshot:
    snapshot = get_object_or_404(Snapshot, pk=pk)
    if not may_see(request.user, snapshot):
        raise PermissionDenied
    return snapshot


def index(request, page_id=None, page=None):
    snapshots = visible(request.user, Snapshot.objects.all())
    query = request.GET.get("q", "").strip()[:200]
    if query:
        found = Q(url__icontains=query) | Q(title__icontains=query)
        snapshots = snapshots.filter(found)
    if page_id is not None:
        snapshots = snapshots.filter(page_id=page_id)
    number = parse_number(request.GET.get("p", "")) or 1
    paginator = Paginator(snapshots.order_by("-captured_at", "-pk"), PER_PAGE)
    results = paginator.get_page(number)
    return TemplateResponse(
        request,
        "records/admin/index.html",
        {"snapshots": results, "query": query, "archived_page": page},
    )


def timeline(request, page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None and not Snapshot.objects.filter(page_id=page_id).exists():
        raise Http404
    return index(request, page_id, page)


def detail(request, pk):
    snapshot = _snapshot(request, pk)
    return TemplateResponse(
        request, "records/admin/detail.html", {"snapshot": snapshot}
    )


def _archived(snapshot):
    archived = replay.load(snapshot)
    if archived["page"] is None:
        raise Http404
    return archived


def _headers_of(response, headers, *names):
    for key, value in headers:
        if key.lower() in names:
            response[key] = value


@xframe_options_sameorigin
def view(request, pk):
    """The archived page for the viewer's frame, its files from the archive."""
    snapshot = _snapshot(request, pk)
    archived = _archived(snapshot)
    response = HttpResponse(replay.rewritten(snapshot, archived))
    _headers_of(response, archived["page"][2], "content-type")
    response["Content-Security-Policy"] = SANDBOX
    response["Cache-Control"] = "private, no-store"
    return response


def raw(request, pk):
    """The archived answer's body, byte for byte, as a download."""
    snapshot = _snapshot(request, pk)
    body = _archived(snapshot)["page"][3]
    response = HttpResponse(body, content_type="application/octet-stream")
    name = f"snapshot-{snapshot.pk}-{snapshot.language}.html"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Security-Policy"] = "sandbox"
    return response


@xframe_options_sameorigin
def archived_file(request, pk, index):
    snapshot = _snapshot(request, pk)
    with snapshot.warc.open("rb") as f:
        found = warc.file_at(f, index)
    if found is None:
        raise Http404
    _status, headers, body = found
    response = HttpResponse(body)
    _headers_of(response, headers, "content-type")
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def download(request, pk):
    snapshot = _snapshot(request, pk)
    name = snapshot.warc.name.rsplit("/", 1)[-1]
    return FileResponse(
        snapshot.warc.open("rb"),
        as_attachment=True,
        filename=name,
        content_type="application/warc",
    )
