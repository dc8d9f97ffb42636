"""Review dates: set on publish, moved by "Reviewed, no changes", and who is to
be reminded of what. Mails go out through the queue worker (cms.review.tasks)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import F, Q
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import get_page_models

from ..caching.cdn import purge_frontend_cache
from ..caching.generation import invalidate
from ..editorial.roles import PUBLISHERS
from ..pages import BasePage
from .dates import ESCALATED, STATES, next_review, state
from .models import ReviewReminder

REVIEWED_ACTION = "cms.review.reviewed"
RESEND_AFTER = datetime.timedelta(minutes=15)
MAX_ATTEMPTS = 5


def review_models() -> list[type[BasePage]]:
    return [
        model
        for model in get_page_models()
        if issubclass(model, BasePage) and not model._meta.abstract
    ]


def _with_review(model):
    """The model's live pages that are reviewed at all (news is not, unless an
    editor chose an interval for one page)."""
    pages = model.objects.live()
    if model.default_review_months is None:
        return pages.filter(review_interval__gt=0)
    return pages.exclude(review_interval=0)


def set_dates(page: BasePage, day: datetime.date) -> None:
    """The page was looked at on ``day``: the next review follows its interval.
    Only the live row changes (no revision, no publish)."""
    page.last_reviewed_at = day
    page.next_review_at = next_review(day, page.review_months())
    type(page).objects.filter(pk=page.pk).update(
        last_reviewed_at=page.last_reviewed_at, next_review_at=page.next_review_at
    )


def on_publish(page: BasePage) -> None:
    # Pages without reviews (news) are left alone; one whose review was just
    # turned off loses its next date.
    if page.review_months() or page.next_review_at is not None:
        set_dates(page, timezone.localdate())


def mark_reviewed(page: BasePage, user) -> None:
    """ "Granskad utan ändring": the content still holds. An audit-log entry, no
    new revision; readers see the new date at once (the caches are renewed)."""
    set_dates(page, timezone.localdate())
    log(instance=page, action=REVIEWED_ACTION, user=user)
    invalidate("page reviewed")
    purge_frontend_cache(page)


def fill_missing_dates() -> int:
    """Pages published before review dates existed (or whose interval changed
    from none) get one from their last publication."""
    filled = 0
    for model in review_models():
        for page in _with_review(model).filter(next_review_at__isnull=True):
            published = page.last_published_at or timezone.now()
            set_dates(page, timezone.localdate(published))
            filled += 1
    return filled


@dataclass
class Digest:
    """What one recipient is reminded of: pages per state, most urgent first."""

    recipient: str
    language: str = "sv"
    pages: dict[str, list] = field(default_factory=lambda: defaultdict(list))

    def items(self):
        return [(name, self.pages[name]) for name in STATES if self.pages.get(name)]


def _language_of(user) -> str:
    """The user's admin language (their profile comes with the page's query)."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = (profile.get_preferred_language() if profile else None) or "sv"
    return "en" if language.startswith("en") else "sv"


def _web_editors():
    return (
        get_user_model()
        .objects.filter(groups__name=PUBLISHERS, is_active=True)
        .exclude(email="")
    )


def _owners(page: BasePage) -> list[tuple[str, str]]:
    """(address, language) of those who keep the page true: its owner and
    functional mailbox, else whoever created it."""
    owners = []
    owner = page.review_owner
    if owner and owner.is_active and owner.email:
        owners.append((owner.email, _language_of(owner)))
    if page.review_mailbox:
        owners.append((page.review_mailbox, settings.LANGUAGE_CODE[:2]))
    creator = page.owner
    if not owners and not owner and creator and creator.is_active and creator.email:
        owners.append((creator.email, _language_of(creator)))
    return owners


def pages_to_review(today: datetime.date):
    """(page, state) of every live page due within the digest's horizon."""
    horizon = today + datetime.timedelta(days=30)
    for model in review_models():
        pages = (
            _with_review(model)
            .filter(Q(next_review_at__lte=horizon) | Q(translation_status="outdated"))
            .select_related(
                "review_owner__wagtail_userprofile", "owner__wagtail_userprofile"
            )
        )
        for page in pages:
            found = state(
                page.next_review_at, today, page.translation_status == "outdated"
            )
            if found:
                yield page, found


def digests(today: datetime.date) -> dict[str, Digest]:
    """One digest per address: each owner's pages, and for the web editors the
    pages overdue for more than a month, whoever owns them, and those nobody
    active owns."""
    found: dict[str, Digest] = {}
    editors = None
    for page, page_state in pages_to_review(today):
        recipients = _owners(page)
        if page_state == ESCALATED or not recipients:
            if editors is None:
                editors = [(user.email, _language_of(user)) for user in _web_editors()]
            recipients = [*recipients, *editors]
        for address, language in recipients:
            digest = found.setdefault(address, Digest(address, language))
            if page not in digest.pages[page_state]:
                digest.pages[page_state].append(page)
    return found


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def claim_reminders(now: datetime.datetime) -> list[int]:
    """On Mondays from DIGEST_HOUR: claim this week's reminder per recipient,
    once (later rounds of the week skip the digests), and take back for another
    try those not sent within RESEND_AFTER. Returns the ids to queue
    (cms.review.tasks.queue_reminders queues them)."""
    local = timezone.localtime(now)
    if local.weekday() != 0 or local.hour < settings.DIGEST_HOUR:
        return []
    week = monday(local.date())
    claimed = []
    if cache.add(f"cms-review-week:{week.isoformat()}", 1, 8 * 86400):
        for address, digest in digests(local.date()).items():
            reminder, created = ReviewReminder.objects.get_or_create(
                recipient=address,
                week=week,
                defaults={"language": digest.language, "queued_at": now},
            )
            if created:
                claimed.append(reminder.pk)
    stale = ReviewReminder.objects.filter(
        week=week,
        sent_at__isnull=True,
        queued_at__lt=now - RESEND_AFTER,
        attempts__lt=MAX_ATTEMPTS,
    )
    again = list(stale.values_list("pk", flat=True))
    if again:
        ReviewReminder.objects.filter(pk__in=again).update(
            queued_at=now, attempts=F("attempts") + 1
        )
    return claimed + again


def renew_notices(today: datetime.date) -> bool:
    """Once a day: the pages whose readers are told of an overdue review and
    that became overdue since yesterday are shown anew (cached copies, which
    show no notice yet, are renewed)."""
    if not cache.add(f"cms-review-notices:{today.isoformat()}", 1, 2 * 86400):
        return False
    since = today - datetime.timedelta(days=1)
    changed = [
        page
        for model in review_models()
        for page in _with_review(model).filter(
            review_notice=True, next_review_at__gte=since, next_review_at__lt=today
        )
    ]
    if changed:
        invalidate("review notices")
        for page in changed:
            purge_frontend_cache(page)
    return bool(changed)
