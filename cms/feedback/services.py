"""The feedback widget's rules and reports: limits and checks on what readers send,
the e-mail to a page's feedback contact, and the counts and charts of the report.

Written by hand: the usual modules rely on analytics, cookies or reCAPTCHA. Here the
endpoint needs no CSRF cookie; it is protected instead by an Origin/Referer check, a
honeypot field, size limits and a per-client rate limit kept in the cache under a
salted hash (the salt rotates daily and no IP address is ever stored).
"""

import datetime
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from ..network import client_key, count_hit
from .models import Feedback

logger = logging.getLogger(__name__)

MAX_COMMENT = 1000
MAX_BODY = 8 * 1024
HONEYPOT = "website"
TOKEN_SALT = "cms.feedback"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE = 60 * 60  # an answer may get its comment within an hour


class FeedbackError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


# --- Protections ---------------------------------------------------------------------


def check_rate_limit(request) -> None:
    key = f"feedback-rate:{client_key(request)}"
    count = count_hit(key, settings.FEEDBACK_RATE_WINDOW)
    if count is None:  # the cache is down: let the answer in
        return
    if count > settings.FEEDBACK_RATE_LIMIT:
        raise FeedbackError(
            _("You have sent many answers in a short time. Please try again later."),
            429,
        )


def check_origin(request) -> None:
    """The request must come from a page of this site (no CSRF cookie is used)."""
    origin = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    allowed = {request.get_host().lower(), urlsplit(settings.BASE_URL).netloc.lower()}
    try:
        host = urlsplit(origin).netloc.lower()
    except ValueError:  # e.g. "http://[" is not a URL at all
        host = ""
    if not origin or host not in allowed:
        raise FeedbackError(_("The answer must be sent from a page on this website."))


def check_size(request) -> None:
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > MAX_BODY:
        raise FeedbackError(_("The answer is too large."))


def notify_owner(feedback) -> None:
    """Email the page's chosen feedback contact about a "no" with a comment."""
    page = feedback.page.specific
    user = getattr(page, "feedback_contact", None)
    if user is None or not user.email:
        return

    with translation.override("sv"):
        subject = _("Feedback on “%(title)s”") % {"title": page.title}
        body = _(
            "A reader did not find what they were looking for on “%(title)s” "
            "(%(language)s) and wrote:\n\n%(comment)s\n\nAll feedback: %(url)s"
        ) % {
            "title": page.title,
            "language": feedback.language,
            "comment": feedback.comment,
            "url": settings.WAGTAILADMIN_BASE_URL
            + reverse("cms_feedback_detail")
            + f"?page={page.pk}",
        }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except Exception:
        logger.exception("feedback email to %s failed", user.pk)


# --- Template support ----------------------------------------------------------------


def widget_state(request) -> dict:
    """What the widget shows after a no-JavaScript round trip."""
    value = request.GET.get("feedback", "")
    if not value:
        return {"step": "question"}
    if value == "thanks":
        return {"step": "done"}
    try:
        signing.loads(value, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return {"step": "question"}
    return {"step": "comment", "token": value}


# --- Reporting -----------------------------------------------------------------------


def counts(queryset):
    return queryset.aggregate(
        yes=Count("pk", filter=Q(helpful=True)),
        no=Count("pk", filter=Q(helpful=False)),
        comments=Count("pk", filter=~Q(comment="")),
    )


def summary_for_page(page, days: int = 90) -> dict:
    since = timezone.now() - datetime.timedelta(days=days)
    answers = Feedback.objects.filter(page_id=page.pk, created_at__gte=since)
    result = counts(answers)
    total = result["yes"] + result["no"]
    result["total"] = total
    result["share_yes"] = round(100 * result["yes"] / total) if total else None
    result["days"] = days
    result["latest_comments"] = list(
        answers.exclude(comment="").order_by("-created_at")[:3]
    )
    return result


def weekly(queryset, start: datetime.date, end: datetime.date) -> list[dict]:
    """Yes and no per ISO week from ``start`` to ``end`` (both included)."""
    monday = start - datetime.timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append({"start": monday, "yes": 0, "no": 0})
        monday += datetime.timedelta(days=7)
    index = {week["start"]: week for week in weeks}
    for created_at, helpful in queryset.values_list("created_at", "helpful"):
        day = timezone.localtime(created_at).date()
        key = day - datetime.timedelta(days=day.weekday())
        if key in index:
            index[key]["yes" if helpful else "no"] += 1
    return weeks


def _svg(tag: str, text: str = "", **attrs) -> str:
    attributes = " ".join(
        f'{name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in attrs.items()
    )
    return (
        f"<{tag} {attributes}>{escape(text)}</{tag}>"
        if text
        else f"<{tag} {attributes}/>"
    )


def svg_chart(weeks: list[dict], title: str) -> str:
    """A bar chart of yes/no per week, drawn on the server as SVG (no script)."""
    labels = {
        "desc": _(
            "Yes and no answers per week. The same numbers are in the table below."
        ),
        "yes": _("Yes"),
        "no": _("No"),
        "week": _("Week"),
    }
    colours = {"yes": "#1d6b34", "no": "#a11b12"}
    width, height, left, bottom, top = 720, 240, 40, 40, 20
    plot_h = height - bottom - top
    base = top + plot_h
    peak = max([max(w["yes"], w["no"]) for w in weeks] + [1])
    slot = (width - left - 10) / max(len(weeks), 1)
    bar = max(2.0, slot / 2 - 2)
    parts = [
        _svg("title", title, id="chart-title"),
        _svg("desc", labels["desc"], id="chart-desc"),
        _svg("line", x1=left, y1=base, x2=width - 5, y2=base, stroke="#555"),
        _svg("text", str(peak), x=left - 6, y=top + 4, text_anchor="end", font_size=11),
        _svg("text", "0", x=left - 6, y=base, text_anchor="end", font_size=11),
    ]
    for i, week in enumerate(weeks):
        x = left + i * slot + 2
        for offset, key in ((0, "yes"), (bar + 1, "no")):
            h = plot_h * week[key] / peak
            tooltip = f"{week['start']:%Y-%m-%d}: {labels[key]} {week[key]}"
            parts.append(
                f'<rect x="{x + offset:.1f}" y="{base - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colours[key]}">'
                f"<title>{escape(tooltip)}</title></rect>"
            )
        if len(weeks) <= 16 or i % max(1, len(weeks) // 12) == 0:
            parts.append(
                _svg(
                    "text",
                    f"{week['start']:%V}",
                    x=f"{x + bar:.1f}",
                    y=height - bottom + 16,
                    text_anchor="middle",
                    font_size=10,
                )
            )
    parts += [
        _svg("text", labels["week"], x=left, y=height - 6, font_size=11),
        _svg("rect", x=width - 170, y=4, width=10, height=10, fill=colours["yes"]),
        _svg("text", labels["yes"], x=width - 155, y=13, font_size=11),
        _svg("rect", x=width - 100, y=4, width=10, height=10, fill=colours["no"]),
        _svg("text", labels["no"], x=width - 85, y=13, font_size=11),
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'role="img" aria-labelledby="chart-title chart-desc" class="feedback-chart">'
        + "".join(parts)
        + "</svg>"
    )
