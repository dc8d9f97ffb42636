"""The mails: confirmation, alert and digest, in plain text in the reader's
language, with visible manage and unsubscribe links and RFC 8058 one-click
unsubscribe headers. No tracking pixel, no rewritten links: every address in a
mail is the page's own."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Site

from cms.i18n import absolute, page_url_in
from cms.site_settings import SiteSettings
from cms.templatetags.page_tags import long_datetime

from . import tokens
from .models import Subscriber
from .previews import embargo_text


def _domain() -> str:
    return urlsplit(settings.BASE_URL).hostname or "localhost"


def organisation() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    name = SiteSettings.for_site(site).organisation_name if site else ""
    return name or (site.site_name if site else "") or _domain()


def link(name: str, token: str, language: str) -> str:
    with translation.override(language):
        return absolute(reverse(name, args=[token]))


def item(page, language: str) -> dict:
    """What a mail says about one page in one language."""
    with translation.override(language):
        return {
            "language": language,
            "kind": page.kind_label(),
            "date": long_datetime(page.display_date),
            "title": page.title,
            "lead": page.lead,
            "url": page_url_in(page, language, full=True),
        }


def items_for(subscriber: Subscriber, page) -> list[dict]:
    return [
        item(page, language)
        for language in subscriber.languages()
        if page.is_available_in(language)
    ]


def _message(subscriber, language, subject, template, context) -> EmailMessage:
    token = tokens.make(subscriber, tokens.MANAGE)
    manage = link("subscription_manage", token, language)
    unsubscribe = link("subscription_unsubscribe", token, language)
    with translation.override(language):
        body = render_to_string(
            template,
            {
                **context,
                "organisation": organisation(),
                "manage_url": manage,
                "unsubscribe_url": unsubscribe,
            },
        )
    return _envelope(
        subscriber.email,
        subject,
        body,
        {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<nyheter.{_domain()}>",
        },
    )


def _envelope(address, subject, body, headers) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={
            **headers,
            "Auto-Submitted": "auto-generated",
            "Message-ID": make_msgid(domain=_domain()),
        },
    )


def alert(subscriber: Subscriber, page, delivery_id=None) -> EmailMessage | None:
    """One page for one subscriber, in their language(s); None when the page has
    nothing in any language they read.

    The Message-ID is fixed per delivery: if a worker dies between the server's
    "250 OK" and recording the send (milliseconds; SMTP cannot close that gap),
    the copy sent again carries the same Message-ID, which mail systems treat
    as one message."""
    items = items_for(subscriber, page)
    if not items:
        return None
    first = items[0]
    with translation.override(first["language"]):
        subject = f"{first['kind']}: {first['title']}"
    message = _message(
        subscriber,
        first["language"],
        subject,
        "distribution/mail/alert.txt",
        {"items": items},
    )
    if delivery_id is not None:
        message.extra_headers["Message-ID"] = (
            f"<alert.{delivery_id}.{subscriber.key[:8]}@{_domain()}>"
        )
    return message


def digest(subscriber: Subscriber, pages) -> EmailMessage | None:
    items = [entry for page in pages for entry in items_for(subscriber, page)]
    if not items:
        return None
    language = items[0]["language"]
    with translation.override(language):
        subject = _("News from %(organisation)s: %(count)s new") % {
            "organisation": organisation(),
            "count": len(pages),
        }
    return _message(
        subscriber,
        language,
        subject,
        "distribution/mail/digest.txt",
        {"items": items, "frequency": subscriber.frequency},
    )


def confirmation(subscriber: Subscriber, language: str) -> EmailMessage:
    token = tokens.make(subscriber, tokens.CONFIRM)
    with translation.override(language):
        subject = _("Confirm your subscription to news from %(organisation)s") % {
            "organisation": organisation()
        }
        body = render_to_string(
            "distribution/mail/confirm.txt",
            {
                "organisation": organisation(),
                "confirm_url": link("subscription_confirm", token, language),
                "days": settings.SUBSCRIPTION_CONFIRM_DAYS,
            },
        )
    return _envelope(subscriber.email, subject, body, {})


def already_subscribed(subscriber: Subscriber, language: str) -> EmailMessage:
    """Someone signed up an address that is already confirmed: tell its owner
    (the page said the same as for a new address, so nobody learns who
    subscribes), with the link to change or end the subscription."""
    with translation.override(language):
        subject = _("Your subscription to news from %(organisation)s") % {
            "organisation": organisation()
        }
    return _message(subscriber, language, subject, "distribution/mail/already.txt", {})


def preview(link, token: str) -> EmailMessage:
    """A journalist's personal link to a release before its embargo lifts."""
    # One address for both languages (Swedish, unprefixed); ?mode= picks the first.
    with translation.override("sv"):
        url = absolute(reverse("press_preview", args=[token]))
    url += f"?mode={link.language}"
    with translation.override(link.language):
        when = link.revision.approved_go_live_at or link.expires_at
        subject = _("Under embargo: %(title)s") % {"title": link.page_title}
        body = render_to_string(
            "distribution/mail/preview.txt",
            {
                "link": link,
                "url": url,
                "embargo": embargo_text(when, link.language),
                "organisation": organisation(),
            },
        )
    return _envelope(link.email, subject, body, {})
