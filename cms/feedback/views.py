"""The feedback endpoints readers post to (answer, then an optional comment).

Without JavaScript the form posts and redirects back with a message (the comment
step carries a signed, short-lived token in the URL, not a cookie); with
JavaScript the same endpoint answers JSON and the page does not reload.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Page

from ..reader_input import parse_number
from .models import Feedback
from .services import (
    HONEYPOT,
    MAX_COMMENT,
    TOKEN_MAX_AGE,
    TOKEN_SALT,
    FeedbackError,
    check_origin,
    check_rate_limit,
    check_size,
    notify_owner,
)


def _page(request):
    page_id = parse_number(request.POST.get("page", ""))
    if page_id is None:
        raise FeedbackError(_("The page is missing."))
    # Pages of the site only: the tree's root (depth 1) is no page anyone reads.
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=1).first()
    if page is None:
        raise FeedbackError(_("The page does not exist."), 404)
    return page


def _comment(request) -> str:
    comment = request.POST.get("comment", "").replace("\x00", "").strip()
    if len(comment) > MAX_COMMENT:
        limit = number_format(MAX_COMMENT, force_grouping=True)
        raise FeedbackError(
            _("The comment may be at most %(max)s characters.") % {"max": limit}
        )
    return comment


# --- Views ---------------------------------------------------------------------------


def _wants_json(request) -> bool:
    return "application/json" in request.META.get("HTTP_ACCEPT", "")


def _page_url(page, query: dict) -> str:
    url = page.get_url() or "/"
    return f"{url}?{urlencode(query)}#feedback"


def _error(request, error: FeedbackError):
    if _wants_json(request):
        response = JsonResponse(
            {"ok": False, "message": error.message}, status=error.status
        )
    else:
        response = HttpResponse(
            _error_page(request, error.message),
            status=error.status,
            content_type="text/html",
        )
    if error.status == 429:
        response["Retry-After"] = str(settings.FEEDBACK_RATE_WINDOW)
    response["Cache-Control"] = "no-store"
    return response


def _error_page(request, message: str) -> str:

    back = reverse("wagtail_serve", args=[""])
    page_id = parse_number(request.POST.get("page", ""))
    if page_id is not None:
        page = Page.objects.live().public().filter(pk=page_id).first()
        if page is not None:
            back = page.get_url() or back
    return render_to_string(
        "cms/feedback_error.html",
        {"message": message, "back_url": back},
        request=request,
    )


def _protect(request) -> None:
    check_size(request)
    check_origin(request)
    if request.POST.get(HONEYPOT):
        raise FeedbackError(_("The answer could not be saved."))
    check_rate_limit(request)


@csrf_exempt
@require_POST
def answer(request):
    """Store a yes/no answer for a page."""
    try:
        _protect(request)
        page = _page(request)
        choice = request.POST.get("answer")
        if choice not in ("yes", "no"):
            raise FeedbackError(_("Choose “Yes” or “No”."))
        comment = _comment(request)
    except FeedbackError as error:
        return _error(request, error)
    feedback = Feedback.objects.create(
        page=page,
        language=translation.get_language(),
        helpful=choice == "yes",
        comment=comment,
    )
    token = signing.dumps(feedback.pk, salt=TOKEN_SALT)
    if comment and not feedback.helpful:
        notify_owner(feedback)
    if _wants_json(request):
        return JsonResponse(
            {"ok": True, "token": token, "message": _("Thank you for your answer!")}
        )
    return HttpResponseRedirect(_page_url(page, {"feedback": token}), status=303)


@csrf_exempt
@require_POST
def comment(request):
    """Add the optional comment to an answer given within the hour."""
    try:
        _protect(request)
        page = _page(request)
        try:
            pk = signing.loads(
                request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE
            )
        except signing.BadSignature as error:
            raise FeedbackError(
                _("The answer could not be found. Please answer again.")
            ) from error
        feedback = Feedback.objects.filter(pk=pk, page=page).first()
        if feedback is None:
            raise FeedbackError(
                _("The answer could not be found. Please answer again."), 404
            )
        text = _comment(request)
        if not text:
            raise FeedbackError(
                _("Write a comment, or leave the box empty and close it.")
            )
        if feedback.comment:
            raise FeedbackError(_("This answer already has a comment."))
    except FeedbackError as error:
        return _error(request, error)
    feedback.comment = text
    feedback.save(update_fields=["comment"])
    if not feedback.helpful:
        notify_owner(feedback)
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": _("Thank you for your comment!")})
    return HttpResponseRedirect(_page_url(page, {"feedback": "thanks"}), status=303)
