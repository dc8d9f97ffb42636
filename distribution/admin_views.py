"""The press office's page for a scheduled release: send personal preview links
to journalists on the press list, see who was sent what and who opened it, and
withdraw links (one, all of a journalist's, or all of the release's)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from wagtail.models import Page

from cms.reader_input import parse_number
from press.models import PressReleasePage

from . import previews
from .models import Journalist, PreviewLink
from .tasks import send_preview


def _ids(request, name) -> list[int]:
    return [n for n in map(parse_number, request.POST.getlist(name)) if n is not None]


def _withdrawn(request, count: int) -> None:
    messages.success(
        request,
        ngettext("%(count)d link withdrawn.", "%(count)d links withdrawn.", count)
        % {"count": count},
    )


def press_previews(request, page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not isinstance(page.specific, PressReleasePage):
        raise Http404
    page = page.specific
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    revision = previews.scheduled_revision(page)
    links = PreviewLink.objects.filter(page=page)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "send" and revision is not None:
            chosen = Journalist.objects.filter(pk__in=_ids(request, "journalists"))
            sent = previews.create(page, revision, chosen, request.user)
            for link in sent:
                send_preview.enqueue(link.pk)
            messages.success(
                request,
                ngettext(
                    "A preview link is being sent to %(count)d journalist.",
                    "Preview links are being sent to %(count)d journalists.",
                    len(sent),
                )
                % {"count": len(sent)},
            )
        elif action == "revoke":
            count = previews.revoke(
                links.filter(pk__in=_ids(request, "link")), request.user
            )
            _withdrawn(request, count)
        elif action == "revoke_journalist":
            count = previews.revoke(
                PreviewLink.objects.filter(journalist__in=_ids(request, "journalist")),
                request.user,
            )
            _withdrawn(request, count)
        elif action == "revoke_all":
            count = previews.revoke(links, request.user)
            _withdrawn(request, count)
        return redirect("distribution_press_previews", page.pk)
    return TemplateResponse(
        request,
        "distribution/admin/previews.html",
        {
            "page": page,
            "revision": revision,
            "embargo": (
                previews.embargo_text(revision.approved_go_live_at, "sv")
                if revision
                else ""
            ),
            "journalists": Journalist.objects.all(),
            "links": links.select_related("journalist"),
        },
    )
