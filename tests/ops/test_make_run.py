"""`make run` as a person runs it: the web server, the scheduler and the queue
worker as separate processes, on their own SQLite database, mailing through a real
SMTP server on 127.0.0.1. An embargoed release that the scheduler publishes must
reach every page readers look at (the news index, feeds, home page, sitemap and
search, in both languages) within two minutes of go-live, although all of them were
read, and so cached, before; and the readers who subscribed (and confirmed through
the link in their mail) get it by e-mail in their language then, not before.

Slow (about three minutes, the scheduler runs once a minute) and about the
default set-up only, so it runs on SQLite (the CI run on PostgreSQL skips it).
"""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

import pytest
from aiosmtpd.controller import Controller

from scripts.harness import free_port
from tests.distribution.conftest import Inbox, body

ROOT = Path(__file__).resolve().parents[2]
MARKER = "zqxembargo"
SHOWN = f"Embargo {MARKER}"  # in both titles; search pages echo the bare query
pytestmark = pytest.mark.skipif(
    "postgresql" in settings.DATABASES["default"]["ENGINE"],
    reason="make run's default set-up is SQLite",
)

SCHEDULE = f"""
from datetime import timedelta
from django.utils import timezone
from press.models import NewsIndexPage, PressReleasePage
from cms.models import User
news = NewsIndexPage.objects.get()
release = PressReleasePage(
    title_sv="Embargo {MARKER} släpps", slug_sv="embargo-{MARKER}",
    title_en="Embargo {MARKER} lifted", slug_en="embargo-{MARKER}-en",
    lead_sv="Under embargo till klockslaget.", lead_en="Embargoed until the hour.",
    body_sv=[{{"type": "text", "value": "<p>Text.</p>"}}],
    body_en=[{{"type": "text", "value": "<p>Text.</p>"}}],
    go_live_at=timezone.now() + timedelta(seconds=65),
)
news.add_child(instance=release)
release.save_revision(user=User.objects.get(username="granskare")).publish()
release.refresh_from_db()
assert not release.live
print(release.go_live_at.timestamp())
"""


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310
            return response.read().decode()
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"
    except OSError as error:  # not listening yet, or reset
        return f"no answer: {error}"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def make_run(tmp_path, smtp_server):
    inbox, smtp_port = smtp_server
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SUPERUSER_PASSWORD": "ett-långt-lösenord-för-make-run",
        "PYTHONUNBUFFERED": "1",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DEFAULT_FROM_EMAIL": "nyheter@region.example",
    }
    env.pop("REDIS_URL", None)
    log = (tmp_path / "make-run.log").open("w")
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if process.poll() is not None:
                break
            if fetch(base + "/healthz").startswith("ok"):
                break
            time.sleep(1)
        else:
            pytest.fail("make run did not start")
        assert process.poll() is None, (tmp_path / "make-run.log").read_text()
        yield base, env, tmp_path, inbox
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def expected(path: str) -> str:
    return f"/nyheter/embargo-{MARKER}/" if path == "/sitemap.xml" else SHOWN


def subscribe(base, inbox, email, path, language):
    data = urllib.parse.urlencode(
        {
            "email": email,
            "language": language,
            "kinds": ["press_release", "news"],
            "frequency": "immediate",
        },
        doseq=True,
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - http to the local server
        base + path, data=data, headers={"Origin": base}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
        assert "sent=1" in response.url
    for _ in range(60):  # the worker sends the confirmation within seconds
        if inbox.to(email):
            break
        time.sleep(1)
    (message,) = inbox.to(email)
    (link,) = re.findall(r"http://127\.0\.0\.1:\d+(/\S+)", body(message))
    page = fetch(base + link)
    assert "prenumeration är bekräftad" in page or "subscription is confirmed" in page
    inbox.clear()


def test_embargoed_release_reaches_every_listing_within_two_minutes(make_run):
    base, env, tmp_path, inbox = make_run
    subscribe(base, inbox, "sv@example.se", "/prenumerera/", "sv")
    subscribe(base, inbox, "en@example.org", "/en/subscribe/", "en")
    readers = {
        "news index (sv)": "/nyheter/",
        "news index (en)": "/en/news/",
        "RSS (sv)": "/nyheter/rss/",
        "Atom (en)": "/en/news/atom/",
        "home page (sv)": "/",
        "home page (en)": "/en/",
        "sitemap": "/sitemap.xml",  # lists addresses, see expected()
        "search (sv)": f"/sok/?q={MARKER}",
        "search (en)": f"/en/search/?q={MARKER}",
    }
    # Readers read everything first, so every page is in the caches.
    for path in readers.values():
        fetch(base + path)
        assert expected(path) not in fetch(base + path), path

    scheduled = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCHEDULE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    go_live = float(scheduled.stdout.strip().splitlines()[-1])
    for path in readers.values():
        assert expected(path) not in fetch(base + path), path
    assert inbox.messages == []

    missing = dict(readers)
    while missing and time.time() < go_live + 120:
        time.sleep(5)
        for name, path in list(missing.items()):
            if expected(path) in fetch(base + path):
                del missing[name]
                assert time.time() >= go_live - 1, f"{name} showed it before go-live"
    log = (tmp_path / "make-run.log").read_text()
    assert not missing, f"still missing two minutes after go-live: {missing}\n{log}"
    assert "Embargo zqxembargo släpps" in fetch(base + "/nyheter/embargo-zqxembargo/")

    # The subscribers got it by e-mail, each in their language, once.
    while len(inbox.messages) < 2 and time.time() < go_live + 180:
        time.sleep(2)
    (swedish,) = inbox.to("sv@example.se")
    assert swedish["Subject"] == f"Pressmeddelande: Embargo {MARKER} släpps"
    (english,) = inbox.to("en@example.org")
    assert english["Subject"] == f"Press release: Embargo {MARKER} lifted"
    assert f"/en/news/embargo-{MARKER}-en/" in body(english)
    assert min(inbox.arrivals) >= go_live - 1, "mailed before the embargo lifted"
    time.sleep(3)
    assert len(inbox.messages) == 2
