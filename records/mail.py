"""The registrar's e-mail about a request for an archived page."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Site

from cms.site_settings import SiteSettings


def registrar_address() -> str:
    if settings.REGISTRAR_EMAIL:
        return settings.REGISTRAR_EMAIL
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).email if site else ""


def archive_request(data: dict, language: str) -> EmailMessage | None:
    to = registrar_address()
    if not to:
        return None
    with translation.override("sv"):
        subject = _("Request for an archived web page")
        body = "\n".join(
            [
                _("Someone asks for a page of the website as it was (public record)."),
                "",
                _("Page: %(page)s") % {"page": data["page"]},
                _("Date: %(date)s") % {"date": data.get("date") or "–"},
                _("Reply to: %(reply)s")
                % {"reply": data.get("reply_to") or _("(anonymous)")},
                _("Written in: %(language)s")
                % {"language": dict(settings.LANGUAGES).get(language, language)},
                "",
                data.get("message") or "",
                "",
                _("The web archive: %(url)s")
                % {"url": settings.WAGTAILADMIN_BASE_URL + reverse("records_index")},
            ]
        )
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        reply_to=[data["reply_to"]] if data.get("reply_to") else None,
    )
