"""What readers open: the sign-up form, the confirmation link, the settings page
and the unsubscribe link (also the RFC 8058 one-click POST from mail programs).

No view sets a cookie. The sign-up form has no CSRF token (the site's pages are
cached and cookie-free); it is protected like the feedback form: the Origin or
Referer must be this site, a honeypot field, a size limit and a per-client rate
limit. The links are capabilities: signed, naming one subscriber and their key.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from cms.feedback.services import FeedbackError, check_origin, check_size
from cms.network import client_key, count_hit
from cms.reader_input import parse_number
from cms.reader_pages import private_page, problem_page
from press.models import PressReleasePage
from specialisation.models import SpecialisationAreaPage

from . import tokens
from .forms import HONEYPOT, PreferencesForm, SubscribeForm
from .models import Subscriber, new_key
from .tasks import send_confirmation

RATE_WINDOW = 3600


def _page(request, template, context, status=200):
    return private_page(request, template, context, status)


def _problem(request, message, status):
    return problem_page(
        request, "distribution/problem.html", message, status, RATE_WINDOW
    )


def _foreign_post(request):
    """A problem page for a post that is too large or not from this site, else None."""
    try:
        check_size(request)
        check_origin(request)
    except FeedbackError:
        return _problem(
            request, _("The form must be sent from a page on this website."), 400
        )
    return None


def _rate_limited(request) -> bool:
    count = count_hit(f"subscribe-rate:{client_key(request)}", RATE_WINDOW)
    return count is not None and count > settings.SUBSCRIBE_RATE_LIMIT


def _initial(request) -> dict:
    initial = {
        "language": translation.get_language(),
        "kinds": [kind for kind, _label in PressReleasePage.KIND_CHOICES],
        "frequency": Subscriber.IMMEDIATE,
    }
    area = parse_number(request.GET.get("area", ""))
    if area is not None:
        initial["areas"] = list(
            SpecialisationAreaPage.objects.live().public().filter(pk=area)
        )
    return initial


@csrf_exempt
def subscribe(request):
    """The sign-up form. Every valid sign-up gets the same answer ("check your
    inbox") whether the address is new, waiting or already subscribed."""
    if request.method == "GET" and "sent" in request.GET:
        return _page(request, "distribution/sent.html", {})
    if request.method not in ("GET", "POST"):
        return _problem(request, _("Use the form on the page."), 405)
    if request.method == "GET":
        form = SubscribeForm(initial=_initial(request))
        return _page(request, "distribution/subscribe.html", {"form": form})
    if problem := _foreign_post(request):
        return problem
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _page(request, "distribution/subscribe.html", {"form": form}, 400)
    if form.cleaned_data[HONEYPOT]:
        return HttpResponseRedirect(reverse("subscribe") + "?sent=1", status=303)
    if _rate_limited(request):
        return _problem(
            request,
            _("Many sign-ups have come from your network. Please try again later."),
            429,
        )
    subscriber, _created = Subscriber.objects.get_or_create(
        email=form.cleaned_data["email"]
    )
    if subscriber.confirmed_at is None:
        # Choices of an unconfirmed sign-up follow the latest form; a confirmed
        # subscriber's are changed only through the link in their own mail.
        form.apply(subscriber)
    send_confirmation.enqueue(subscriber.pk, translation.get_language())
    return HttpResponseRedirect(reverse("subscribe") + "?sent=1", status=303)


def confirm(request, token):
    try:
        subscriber = tokens.load(token, tokens.CONFIRM)
    except tokens.LinkExpired:
        return _problem(
            request,
            _("The link has expired. Please sign up again on the news page."),
            404,
        )
    if subscriber is None or subscriber.confirmed_at is not None:
        return _problem(
            request,
            _(
                "The link is not valid or has already been used. If you confirmed "
                "before, your subscription is active."
            ),
            404,
        )
    subscriber.confirmed_at = timezone.now()
    subscriber.key = new_key()  # single use: this link stops working
    subscriber.save(update_fields=["confirmed_at", "key"])
    manage = reverse(
        "subscription_manage", args=[tokens.make(subscriber, tokens.MANAGE)]
    )
    return _page(
        request,
        "distribution/confirmed.html",
        {"manage_url": manage, "subscriber": subscriber},
    )


def _subscriber_or_404(request, token):
    subscriber = tokens.load(token, tokens.MANAGE)
    if subscriber is None:
        return None, _problem(
            request,
            _("The link is not valid. You may already have unsubscribed."),
            404,
        )
    return subscriber, None


@csrf_exempt
def manage(request, token):
    subscriber, problem = _subscriber_or_404(request, token)
    if problem:
        return problem
    saved = False
    if request.method == "POST":
        if problem := _foreign_post(request):
            return problem
        form = PreferencesForm(request.POST)
        if form.is_valid():
            form.apply(subscriber)
            saved = True
    else:
        form = PreferencesForm(initial=PreferencesForm.initial_for(subscriber))
    return _page(
        request,
        "distribution/manage.html",
        {
            "form": form,
            "subscriber": subscriber,
            "saved": saved,
            "unsubscribe_url": reverse("subscription_unsubscribe", args=[token]),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@csrf_exempt
def unsubscribe(request, token):
    """GET asks (link checkers in mail systems open links); POST ends the
    subscription at once and deletes everything stored about the address. The
    POST needs no cookie, token or Origin: mail programs send RFC 8058's
    "List-Unsubscribe=One-Click" from their own servers."""
    subscriber = tokens.load(token, tokens.MANAGE)
    if request.method == "POST":
        if subscriber is not None:
            subscriber.delete()
        return _page(request, "distribution/unsubscribed.html", {})
    if subscriber is None:
        return _problem(
            request,
            _("The link is not valid. You may already have unsubscribed."),
            404,
        )
    return _page(request, "distribution/unsubscribe.html", {"subscriber": subscriber})
