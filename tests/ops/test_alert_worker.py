"""The queue worker as production runs it: a separate process sending alerts to a
real SMTP server on 127.0.0.1, killed with SIGKILL in the middle of a batch and
started again. Every subscriber gets the alert; nobody gets two messages (a copy
sent again after the kill carries the same Message-ID, see distribution.mail)."""

import os
import signal
import sys
import time
from collections import defaultdict

import pytest
from aiosmtpd.controller import Controller

from scripts.harness import free_port, manage, start_process, stop_group, wait_for
from tests.distribution.conftest import Inbox

SUBSCRIBERS = 200

PUBLISH = f"""
from django.utils import timezone
from distribution.models import Subscriber
from press.models import NewsIndexPage, PressReleasePage
Subscriber.objects.bulk_create([
    Subscriber(email=f"r{{n}}@example.se", confirmed_at=timezone.now())
    for n in range({SUBSCRIBERS})
])
news = NewsIndexPage.objects.get()
release = PressReleasePage(
    title_sv="Krasch mitt i", slug_sv="krasch-mitt-i", lead_sv="Ingress.",
    body_sv=[{{"type": "text", "value": "<p>Text.</p>"}}],
)
news.add_child(instance=release)
release.save_revision().publish()
"""

COUNT = """
from distribution.models import Delivery
print(Delivery.objects.count(), Delivery.objects.filter(sent_at=None).count())
"""

# Its own SQLite database and servers, whatever DATABASE_URL says: run once.
pytestmark = pytest.mark.own_servers


@pytest.fixture
def site(tmp_path):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
        "DEFAULT_FROM_EMAIL": "nyheter@region.example",
        "ALERTS_PER_SECOND": "40",
        "ALERT_BATCH_SIZE": "50",
        "ALERT_LEASE_SECONDS": "3",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        yield env, inbox, tmp_path
    finally:
        controller.stop()


def worker(env, log):
    return start_process(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend",
            "queue",
            "--no-reload",
            "--interval",
            "0.2",
        ],
        env,
        log,
    )


def test_a_worker_killed_mid_batch_loses_and_repeats_nothing(site):
    env, inbox, tmp_path = site
    manage(env, "shell", "-c", PUBLISH)
    log = tmp_path / "worker.log"
    first = worker(env, log)
    try:
        wait_for(lambda: len(inbox.messages) >= 60, 60, "the first 60 alerts")
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # no clean shutdown, mid-batch
        first.wait()
    at_kill = len(inbox.messages)
    assert at_kill < SUBSCRIBERS, "the worker finished before it was killed"

    time.sleep(3.5)  # the killed worker's lease runs out
    manage(env, "distribution_round")  # as the scheduler does every minute
    second = worker(env, log)
    try:
        wait_for(
            lambda: len({r for r, _m in inbox.messages}) >= SUBSCRIBERS,
            90,
            "every subscriber's alert",
        )
        time.sleep(1)
    finally:
        stop_group(second)

    ids = defaultdict(set)
    for recipient, message in inbox.messages:
        ids[recipient].add(message["Message-ID"])
    assert len(ids) == SUBSCRIBERS
    assert all(len(found) == 1 for found in ids.values()), "two different messages"
    assert len(inbox.messages) <= SUBSCRIBERS + 1  # at most the one in flight
    counts = manage(env, "shell", "-c", COUNT).strip().splitlines()[-1]
    total, unsent = map(int, counts.split())
    assert (total, unsent) == (SUBSCRIBERS, 0), log.read_text()[-3000:]
