"""The public form for requesting an archived page. Like the site's other reader
forms it sets no cookie and has no CSRF token (pages are cached and
cookie-free): the Origin or Referer must be this site, a honeypot field, a size
limit and a per-client rate limit. Nothing is stored: the request goes to the
registrar by e-mail (through the queue), who registers it."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from cms.feedback.services import FeedbackError, check_origin, check_size
from cms.network import client_key, count_hit
from cms.reader_pages import private_page, problem_page

from .forms import HONEYPOT, ArchiveRequestForm
from .tasks import send_archive_request

RATE_WINDOW = 3600


def _page(request, template, context, status=200):
    return private_page(request, template, context, status)


def _problem(request, message, status):
    return problem_page(request, "records/problem.html", message, status, RATE_WINDOW)


@csrf_exempt
def request_archived_page(request):
    if request.method == "GET" and "sent" in request.GET:
        return _page(request, "records/request_sent.html", {})
    if request.method not in ("GET", "POST"):
        return _problem(request, _("Use the form on the page."), 405)
    if request.method == "GET":
        return _page(request, "records/request.html", {"form": ArchiveRequestForm()})
    try:
        check_size(request)
        check_origin(request)
    except FeedbackError:
        return _problem(
            request, _("The form must be sent from a page on this website."), 400
        )
    form = ArchiveRequestForm(request.POST)
    if not form.is_valid():
        return _page(request, "records/request.html", {"form": form}, 400)
    sent = reverse("request_archived_page") + "?sent=1"
    if form.cleaned_data[HONEYPOT]:
        return HttpResponseRedirect(sent, status=303)
    count = count_hit(f"archive-request:{client_key(request)}", RATE_WINDOW)
    if count is not None and count > settings.ARCHIVE_REQUEST_RATE_LIMIT:
        return _problem(
            request,
            _("Many requests have come from your network. Please try again later."),
            429,
        )
    data = {k: v for k, v in form.cleaned_data.items() if k != HONEYPOT}
    send_archive_request.enqueue(data, translation.get_language())
    return HttpResponseRedirect(sent, status=303)
