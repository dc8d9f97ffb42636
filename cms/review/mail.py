"""The weekly review reminder: plain text, in the recipient's language (a
person's admin language; a functional mailbox gets the site's)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..i18n import absolute
from .dates import DUE, ESCALATED, OVERDUE, SOON

HEADINGS = {
    ESCALATED: lambda: _("Overdue for more than a month (the web editors are told)"),
    OVERDUE: lambda: _("Overdue"),
    DUE: lambda: _("Due now"),
    SOON: lambda: _("Due within 30 days"),
}


def _line(page) -> str:
    edit = absolute(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    reviewed = absolute(reverse("cms_review_confirm", args=[page.pk]))
    when = (
        formats.date_format(page.next_review_at, "DATE_FORMAT")
        if page.next_review_at
        else "–"
    )
    lines = [f"- {page.title_sv or page.title}", f"  {_('Next review')}: {when}"]
    if page.translation_status == "outdated":
        lines.append(
            "  " + _("The English text is older than the last Swedish change.")
        )
    lines += [f"  {_('Edit')}: {edit}", f"  {_('Reviewed, no changes')}: {reviewed}"]
    return "\n".join(lines)


def reminder(digest) -> EmailMessage:
    with translation.override(digest.language):
        count = sum(len(pages) for _state, pages in digest.items())
        subject = ngettext(
            "%(count)s page to review", "%(count)s pages to review", count
        ) % {"count": count}
        parts = [
            _(
                "These pages of the website are yours to keep true. Read each one: "
                "change what no longer holds and publish, or choose “Reviewed, no "
                "changes” if it still holds."
            )
        ]
        for name, pages in digest.items():
            parts.append(HEADINGS[name]() + "\n" + "\n\n".join(map(_line, pages)))
        parts.append(
            _("All pages and their review dates: %(url)s")
            % {"url": absolute(reverse("cms_review_report"))}
        )
        return EmailMessage(
            subject=subject,
            body="\n\n".join(parts) + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[digest.recipient],
        )
