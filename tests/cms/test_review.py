"""Review dates as the editors and readers meet them: set on publish per page
type, moved by "Granskad utan ändring" (history entry, no revision), the weekly
reminder to each owner through the real worker and a real SMTP server (in the
owner's language, escalated to the web editors after a month), the dashboard,
the report, and what readers see in Swedish and English."""

import datetime

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import PageLogEntry, Revision
from wagtail.users.models import UserProfile

import pytest

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from cms.review import services
from cms.review.dates import add_months
from cms.review.models import ReviewReminder
from cms.review.tasks import queue_reminders
from press.models import PressReleasePage
from specialisation.models import SpecialisationAreaPage, StrategyPage
from tests.builders import make_page, make_release
from tests.cms.test_editor_path import form_data
from tests.cms.test_workflows import make_user
from tests.distribution.conftest import Inbox, run_worker, smtp  # noqa: F401


def make_area(title, **fields):
    fields.setdefault("short_description_sv", "Kort beskrivning.")
    return make_page(
        StrategyPage.objects.get(), SpecialisationAreaPage, title_sv=title, **fields
    )


def set_next(page, day):
    type(page).objects.filter(pk=page.pk).update(next_review_at=day)
    page.refresh_from_db()
    return page


class ReviewDatesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-granskning", EDITORS)
        cls.reviewer = make_user("granskare-granskning", PUBLISHERS)
        cls.translator = make_user("oversattare-granskning", TRANSLATORS)

    def test_publish_sets_the_dates_of_the_page_type(self):
        today = timezone.localdate()
        area = make_area("Område i test")
        self.assertEqual(area.last_reviewed_at, today)
        self.assertEqual(area.next_review_at, add_months(today, 6))
        release = make_release(title_sv="Nyhet utan granskning")
        self.assertIsNone(release.next_review_at)

    def test_a_reviewer_chooses_an_interval_and_publishes_in_the_admin(self):
        release = make_release(title_sv="Nyhet som ska granskas")
        self.client.force_login(self.reviewer)
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[release.pk]),
            form_data(
                release.get_latest_revision_as_object(),
                review_interval="3",
                review_mailbox="nyheter@region.example",
                **{"action-publish": "action-publish"},
            ),
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        release.refresh_from_db()
        self.assertEqual(release.review_interval, 3)
        self.assertEqual(release.next_review_at, add_months(timezone.localdate(), 3))

    def test_reviewed_without_change_moves_the_date_with_a_history_entry(self):
        area = set_next(make_area("Granskas nu"), timezone.localdate())
        type(area).objects.filter(pk=area.pk).update(
            last_reviewed_at=datetime.date(2025, 1, 2)
        )
        revisions = Revision.page_revisions.filter(object_id=str(area.pk)).count()
        # A reader sees the old date (and the page is cached).
        self.assertContains(self.client.get(area.url), "2 januari 2025")
        self.client.force_login(self.editor)
        url = reverse("cms_review_confirm", args=[area.pk])
        response = self.client.get(url)
        self.assertContains(response, "Ja, sidan stämmer fortfarande")
        response = self.client.post(url, {"next": "/admin/"})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        area.refresh_from_db()
        today = timezone.localdate()
        self.assertEqual(area.last_reviewed_at, today)
        self.assertEqual(area.next_review_at, add_months(today, 6))
        self.assertEqual(
            Revision.page_revisions.filter(object_id=str(area.pk)).count(), revisions
        )
        entry = PageLogEntry.objects.get(page=area, action="cms.review.reviewed")
        self.assertEqual(entry.user, self.editor)
        # Readers see the new date at once, in both languages.
        self.client.logout()
        with translation.override("sv"):
            swedish = self.client.get(area.url)
        self.assertContains(swedish, "Senast granskad")
        self.assertNotContains(swedish, "2 januari 2025")

    def test_english_readers_see_last_reviewed(self):
        area = make_area(
            "Med engelska",
            title_en="With English",
            short_description_en="Short.",
        )
        with translation.override("en"):
            url = area.url
        response = self.client.get(url)
        self.assertContains(response, "Last reviewed")
        self.assertContains(response, timezone.localdate().strftime("%-d %B %Y"))
        release = make_release(title_sv="Ingen granskning", title_en="No review")
        self.assertNotContains(self.client.get(release.url), "Senast granskad")

    def test_those_who_may_not_edit_cannot_mark_it_reviewed(self):
        area = make_area("Skyddad")
        url = reverse("cms_review_confirm", args=[area.pk])
        # Wagtail's admin turns a refusal into the dashboard with a message.
        self.client.force_login(self.translator)
        self.assertRedirects(
            self.client.post(url), "/admin/", fetch_redirect_response=False
        )
        self.client.logout()
        response = self.client.post(url)
        self.assertTrue(response["Location"].startswith("/admin/login/"))
        area.refresh_from_db()
        self.assertFalse(
            PageLogEntry.objects.filter(
                page=area, action="cms.review.reviewed"
            ).exists()
        )
        self.client.force_login(self.editor)
        self.assertEqual(
            self.client.get(reverse("cms_review_confirm", args=[999999])).status_code,
            404,
        )

    def test_an_older_revision_does_not_bring_back_old_dates(self):
        area = make_area("Revisioner")
        old = area.get_latest_revision()
        set_next(area, datetime.date(2030, 1, 1))
        old.publish()
        area.refresh_from_db()
        # Publishing means someone looked: the dates follow the publish, not
        # the revision's stored values.
        self.assertEqual(area.next_review_at, add_months(timezone.localdate(), 6))
        restored = area.with_content_json(old.content)
        self.assertEqual(restored.next_review_at, area.next_review_at)

    def test_readers_are_told_when_an_asked_for_review_is_overdue(self):
        area = make_area(
            "Försenad",
            title_en="Overdue",
            short_description_en="Short.",
            review_notice=True,
        )
        set_next(area, timezone.localdate() - datetime.timedelta(days=3))
        self.assertContains(self.client.get(area.url), "kan vara inaktuellt")
        with translation.override("en"):
            url = area.url
        self.assertContains(self.client.get(url), "may be out of date")
        quiet = set_next(make_area("Inte tillsagd"), datetime.date(2020, 1, 1))
        self.assertNotContains(self.client.get(quiet.url), "kan vara inaktuellt")

    def test_the_dashboard_and_the_report(self):
        mine = make_area("Min sida", review_owner=self.editor)
        set_next(mine, timezone.localdate() + datetime.timedelta(days=10))
        self.client.force_login(self.editor)
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, "Dina sidor att granska")
        self.assertContains(dashboard, "Min sida")
        self.assertContains(dashboard, reverse("cms_review_confirm", args=[mine.pk]))
        report = self.client.get(reverse("cms_review_report"))
        self.assertContains(report, "Min sida")
        self.assertContains(report, "Inom 30 dagar")
        export = self.client.get(reverse("cms_review_report"), {"export": "csv"})
        self.assertEqual(export.status_code, 200)
        self.assertIn("Min sida", export.getvalue().decode())

    def test_english_outdated_counts_as_due(self):
        area = make_area("Engelskan släpar")
        type(area).objects.filter(pk=area.pk).update(translation_status="outdated")
        found = dict(services.pages_to_review(timezone.localdate()))
        self.assertEqual(found[SpecialisationAreaPage.objects.get(pk=area.pk)], "due")


def monday_morning():
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return timezone.make_aware(
        datetime.datetime.combine(monday, datetime.time(7, 5))
    ), monday


@pytest.mark.django_db
def test_the_weekly_reminder_reaches_each_owner_in_their_language(smtp):  # noqa: F811
    editor = make_user("redaktor-paminnelse", EDITORS)
    english = make_user("owner-english", EDITORS)
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    web_editor = make_user("granskare-paminnelse", PUBLISHERS)
    now, monday = monday_morning()
    soon = set_next(
        make_area("Snart dags", review_owner=editor),
        monday + datetime.timedelta(days=20),
    )
    set_next(
        make_area("Lite sen", review_owner=english),
        monday - datetime.timedelta(days=5),
    )
    set_next(
        make_area("Mycket sen", review_owner=editor),
        monday - datetime.timedelta(days=45),
    )
    set_next(
        make_area("Funktionsbrevlåda", review_mailbox="s3@region.example"),
        monday,
    )
    set_next(
        make_area("Långt kvar", review_owner=editor),
        monday + datetime.timedelta(days=90),
    )
    # Not on a Tuesday, not before seven on a Monday.
    assert queue_reminders(now + datetime.timedelta(days=1)) == []
    assert queue_reminders(now - datetime.timedelta(hours=1)) == []
    queued = queue_reminders(now)
    ours = {editor.email, english.email, web_editor.email, "s3@region.example"}
    claimed = ReviewReminder.objects.filter(pk__in=queued)
    assert ours <= set(claimed.values_list("recipient", flat=True))
    assert claimed.count() == len(queued)
    run_worker()

    [swedish] = smtp.to(editor.email)
    body = swedish.get_body().get_content()
    assert swedish["Subject"] == "2 sidor att granska"
    assert "Försenad mer än en månad" in body and "Mycket sen" in body
    assert "Inom 30 dagar" in body and "Snart dags" in body
    assert "Långt kvar" not in body
    assert f"/admin/pages/{soon.pk}/edit/" in body
    assert f"/admin/review/{soon.pk}/reviewed/" in body

    [english_mail] = smtp.to(english.email)
    assert english_mail["Subject"] == "1 page to review"
    text = english_mail.get_body().get_content()
    assert "Overdue" in text and "Lite sen" in text

    [escalation] = smtp.to(web_editor.email)
    text = escalation.get_body().get_content()
    assert "Mycket sen" in text
    assert "Lite sen" not in text and "Snart dags" not in text

    [functional] = smtp.to("s3@region.example")
    assert "Funktionsbrevlåda" in functional.get_body().get_content()
    # Nobody is reminded of a page due in three months.
    assert all(
        "Långt kvar" not in m.get_body().get_content() for _r, m in smtp.messages
    )

    # Once a week: a second round (or a second scheduler) sends nothing more.
    smtp.clear()
    queue_reminders(now + datetime.timedelta(minutes=1))
    run_worker()
    assert smtp.messages == []
    assert ReviewReminder.objects.filter(week=monday, sent_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_a_page_reviewed_after_the_round_is_left_out_of_the_mail(smtp):  # noqa: F811
    editor = make_user("redaktor-hann", EDITORS)
    now, monday = monday_morning()
    first = set_next(make_area("Hann granskas", review_owner=editor), monday)
    set_next(make_area("Väntar", review_owner=editor), monday)
    queue_reminders(now)
    services.mark_reviewed(first, editor)
    run_worker()
    [message] = smtp.to(editor.email)
    body = message.get_body().get_content()
    assert "Väntar" in body and "Hann granskas" not in body


@pytest.mark.django_db
def test_pages_without_dates_get_one_and_notices_renew_the_cache():
    from cms.caching.generation import current_generation

    area = make_area("Från förr")
    type(area).objects.filter(pk=area.pk).update(next_review_at=None)
    assert services.fill_missing_dates() >= 1
    area.refresh_from_db()
    assert area.next_review_at == add_months(timezone.localdate(), 6)
    assert not PressReleasePage.objects.filter(next_review_at__isnull=False).exists()

    noticed = make_area("Tillsagd", review_notice=True)
    set_next(noticed, timezone.localdate() - datetime.timedelta(days=1))
    before = current_generation()
    assert services.renew_notices(timezone.localdate()) is True
    assert current_generation() != before
    # Once a day.
    assert services.renew_notices(timezone.localdate()) is False


@pytest.mark.django_db
def test_an_unsent_reminder_is_tried_again_after_a_while_not_every_minute(
    smtp,  # noqa: F811
):
    editor = make_user("redaktor-igen", EDITORS)
    now, monday = monday_morning()
    set_next(make_area("Igen", review_owner=editor), monday)
    [first] = [
        pk
        for pk in queue_reminders(now)
        if ReviewReminder.objects.get(pk=pk).recipient == editor.email
    ]
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # as if the worker never ran it
    # Within RESEND_AFTER: nothing again, however often the round runs.
    for minute in (1, 2, 10):
        assert queue_reminders(now + datetime.timedelta(minutes=minute)) == []
    assert queue_reminders(now + datetime.timedelta(minutes=16)) == [first]
    assert queue_reminders(now + datetime.timedelta(minutes=17)) == []
    assert ReviewReminder.objects.get(pk=first).attempts == 2
    run_worker()
    assert len(smtp.to(editor.email)) == 1
    # A second worker with the same task finds it sent and sends nothing.
    from cms.review.tasks import send_review_digest

    assert send_review_digest.call(first, monday.isoformat()) is False
    assert len(smtp.to(editor.email)) == 1


class ReviewAccessTests(TestCase):
    def test_translators_do_not_get_the_review_report(self):
        self.client.force_login(make_user("oversattare-rapport", TRANSLATORS))
        response = self.client.get(reverse("cms_review_report"))
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_news_has_no_reviewed_button_and_the_view_refuses(self):
        editor = make_user("redaktor-nyhet", EDITORS)
        release = make_release(title_sv="Bara en nyhet")
        self.client.force_login(editor)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[release.pk]))
        url = reverse("cms_review_confirm", args=[release.pk])
        self.assertNotContains(edit, url)
        self.assertRedirects(
            self.client.post(url), "/admin/", fetch_redirect_response=False
        )
        release.refresh_from_db()
        self.assertIsNone(release.last_reviewed_at)
        area = make_area("Med knapp")
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[area.pk]))
        self.assertContains(edit, reverse("cms_review_confirm", args=[area.pk]))
