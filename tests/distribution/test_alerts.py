"""Alerts as subscribers receive them: a publish queues them, the real worker
sends them over SMTP to a real server on 127.0.0.1, in the right language, to the
right people, once."""

import datetime
import io
import time

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from distribution import sending
from distribution.models import Delivery, Subscriber
from press.models import PressReleasePage
from specialisation.models import SpecialisationAreaPage
from tests.builders import make_release
from tests.distribution.conftest import body, run_worker

pytestmark = pytest.mark.django_db


def subscriber(email, **fields):
    areas = fields.pop("areas", [])
    fields.setdefault("confirmed_at", timezone.now())
    person = Subscriber.objects.create(email=email, **fields)
    person.areas.set(areas)
    return person


@pytest.fixture
def areas():
    first, second = SpecialisationAreaPage.objects.live().order_by("path")[:2]
    return first, second


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish as the admin does (the alert is queued after the commit), then let
    the worker run."""

    def publish(page=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            if page is None:
                page = make_release(**fields)
            else:
                for name, value in fields.items():
                    setattr(page, name, value)
                page.save_revision().publish()
        run_worker()
        return page

    return publish


def test_language_kind_and_area_routing_and_no_second_mail(smtp, areas, publish):
    area, other = areas
    subscriber("sv@example.se", language="sv")
    subscriber("en@example.org", language="en")
    subscriber("both@example.se", language="both")
    subscriber("news-only@example.se", press_releases=False)
    subscriber("other-area@example.se", areas=[other])
    subscriber("this-area@example.se", areas=[area])
    subscriber("unconfirmed@example.se", confirmed_at=None)
    subscriber(
        "suppressed@example.se", suppressed_at=timezone.now(), suppressed_reason="550"
    )

    release = publish(
        title_sv="Länet satsar på vätgas",
        lead_sv="Regionen bygger en tankstation.",
        related_areas__m2m=[area],
    )
    assert not release.english_ready
    received = {recipient for recipient, _message in smtp.messages}
    assert received == {"sv@example.se", "both@example.se", "this-area@example.se"}
    (message,) = smtp.to("sv@example.se")
    assert message["Subject"] == "Pressmeddelande: Länet satsar på vätgas"
    text = body(message)
    assert "Regionen bygger en tankstation." in text
    assert f"http://testserver/nyheter/{release.slug_sv}/" in text
    assert "Avsluta prenumerationen: http://testserver/prenumeration/" in text
    assert "/avsluta/" in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The reader of both languages got only the Swedish: there is no English.
    assert "Read it on the website" not in body(smtp.to("both@example.se")[0])

    # The English is added and the page republished with the box ticked: the
    # English list gets it now, nobody gets a second mail.
    smtp.clear()
    publish(
        release,
        title_en="The county invests in hydrogen",
        slug_en="county-hydrogen",
        lead_en="The region builds a filling station.",
        body_en=[{"type": "text", "value": "<p>Text.</p>"}],
        notify_subscribers=True,
    )
    assert [recipient for recipient, _m in smtp.messages] == ["en@example.org"]
    (english,) = smtp.to("en@example.org")
    assert english["Subject"] == "Press release: The county invests in hydrogen"
    assert "http://testserver/en/news/county-hydrogen/" in body(english)
    assert "Unsubscribe: http://testserver/en/subscription/" in body(english)
    assert "Pressmeddelande" not in body(english)

    smtp.clear()
    publish(release, notify_subscribers=True)
    assert smtp.messages == []
    assert Delivery.objects.filter(page=release).count() == 4


def test_unticked_box_sends_nothing(smtp, publish):
    subscriber("sv@example.se")
    publish(notify_subscribers=False)
    assert smtp.messages == []
    assert not Delivery.objects.exists()


def test_news_item_reaches_news_subscribers_in_english_and_swedish(smtp, publish):
    subscriber("news-en@example.org", language="en", press_releases=False)
    subscriber("releases-only@example.se", news=False)
    publish(
        kind=PressReleasePage.KIND_NEWS,
        title_sv="Ny nyhet",
        title_en="A news item",
        slug_en="a-news-item",
    )
    assert [r for r, _m in smtp.messages] == ["news-en@example.org"]
    assert smtp.messages[0][1]["Subject"] == "News: A news item"


def test_embargoed_release_goes_out_when_it_goes_live(
    smtp, publish, django_capture_on_commit_callbacks
):
    subscriber("sv@example.se")
    release = publish(
        title_sv="Under embargo",
        go_live_at=timezone.now() + datetime.timedelta(seconds=3),
    )
    release.refresh_from_db()
    assert not release.live
    assert smtp.messages == []
    assert not Delivery.objects.exists()

    # The embargo lifts: the scheduler publishes the approved revision.
    time.sleep(3.5)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    release.refresh_from_db()
    assert release.live
    run_worker()
    (message,) = smtp.to("sv@example.se")
    assert "Under embargo" in message["Subject"]


def test_private_release_is_never_mailed(smtp, publish):
    subscriber("sv@example.se")
    release = make_release(title_sv="Bara för inloggade", publish=False)
    PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.LOGIN
    )
    publish(release)
    assert smtp.messages == []


def test_daily_digest_groups_the_items(smtp, publish):
    subscriber("digest@example.se", frequency="daily")
    subscriber("now@example.se")
    publish(title_sv="Första nyheten")
    publish(title_sv="Andra nyheten")
    assert {r for r, _m in smtp.messages} == {"now@example.se"}

    call_command("distribution_round")
    run_worker()
    (digest,) = smtp.to("digest@example.se")
    assert digest["Subject"] == "Nyheter från Region Blekinge: 2 nya"
    assert "Första nyheten" in body(digest) and "Andra nyheten" in body(digest)
    assert "Dagens nyheter" in body(digest)

    # The next round finds nothing new for this period.
    call_command("distribution_round")
    run_worker()
    assert len(smtp.to("digest@example.se")) == 1


def test_a_bouncing_address_is_suppressed_and_the_rest_still_sent(smtp, publish):
    subscriber("bounce@example.se")
    subscriber("fine@example.se")
    publish(title_sv="Studsar")
    assert [r for r, _m in smtp.messages] == ["fine@example.se"]
    bounced = Subscriber.objects.get(email="bounce@example.se")
    assert bounced.suppressed_at is not None
    assert bounced.suppressed_reason.startswith("550")
    smtp.clear()
    publish(title_sv="Nästa")
    assert [r for r, _m in smtp.messages] == ["fine@example.se"]


def test_a_temporary_refusal_is_tried_again_not_suppressed(smtp, publish):
    subscriber("busy@example.se")
    release = publish(title_sv="Upptaget")
    assert smtp.messages == []
    row = Delivery.objects.get(page=release)
    assert (row.sent_at, row.failed, row.claimed_until) == (None, "", None)
    assert Subscriber.objects.get(email="busy@example.se").suppressed_at is None


def test_a_weekly_english_digest(smtp, publish):
    subscriber("weekly@example.org", language="en", frequency="weekly")
    publish(title_sv="Bara svenska")
    publish(title_sv="Båda språken", title_en="Both languages", slug_en="both-lang")
    assert smtp.messages == []
    call_command("distribution_round")
    run_worker()
    (digest,) = smtp.to("weekly@example.org")
    assert digest["Subject"] == "News from Region Blekinge: 1 new"
    text = body(digest)
    assert "This week's news" in text and "Both languages" in text
    assert "Bara svenska" not in text and "Båda språken" not in text
    assert "Unsubscribe: http://testserver/en/subscription/" in text


def test_rows_a_crashed_worker_left_are_sent_once_by_the_next_round(smtp, publish):
    """A worker killed mid-batch leaves one row under its lease and the rest
    untaken, and its task "running" forever; the minute round queues them again
    when the lease has run out, and each reader gets exactly one mail."""
    from django_tasks_db.models import DBTaskResult

    for n in range(5):
        subscriber(f"r{n}@example.se")
    # The worker planned the rows and died: its batch task is lost with it.
    release = publish(title_sv="Krasch", notify_subscribers=False)
    sending.plan(release.pk)
    rows = Delivery.objects.filter(page=release).order_by("pk")
    assert rows.count() == 5 and smtp.messages == []
    earlier = timezone.now() - datetime.timedelta(minutes=20)
    rows.update(created_at=earlier)
    # The first was mid-send: its lease ran out; one was sent before the crash.
    first, second = rows[0], rows[1]
    Delivery.objects.filter(pk=first.pk).update(claimed_until=earlier)
    Delivery.objects.filter(pk=second.pk).update(sent_at=earlier)

    call_command("distribution_round")
    run_worker()
    received = sorted(r for r, _m in smtp.messages)
    assert received == sorted(
        s.email for s in Subscriber.objects.exclude(pk=second.subscriber_id)
    )
    assert not rows.filter(sent_at=None).exists()
    # A second round finds nothing left: it queues no alert batch at all.
    batches = DBTaskResult.objects.filter(task_path="distribution.tasks.send_alerts")
    before = batches.count()
    call_command("distribution_round")
    assert batches.count() == before
    run_worker()
    assert len(smtp.messages) == 4


def test_mail_server_down_then_back(smtp, publish, settings):
    """The server refuses connections: nothing is lost, the retry sends it."""
    subscriber("later@example.se")
    real_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens on the discard port here
    release = publish(title_sv="Servern nere")
    assert smtp.messages == []
    row = Delivery.objects.get(page=release)
    assert row.sent_at is None
    settings.EMAIL_PORT = real_port
    Delivery.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    call_command("distribution_round")
    run_worker()
    assert [r for r, _m in smtp.messages] == ["later@example.se"]
