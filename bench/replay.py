"""A day of readers against the page cache; run by bench/run.py, not by hand.

``python bench/replay.py MODE`` (MODE ``site-wide`` or ``targeted``, set by the
``PAGE_CACHE_TARGETED`` environment variable bench/run.py gives it) replays a day
on the bench database: readers' requests over the live releases, Zipf-distributed
by recency (the newest release is the most read, the 100th a hundredth as
often), a fifth of them in English where the release has English; and a publish
every ten minutes of the day, alternately a new release (linked to areas and tags
as the bench's releases are) and an edit of one of the ten newest. A new release
is read from then on as the newest. Half a day of the same traffic without
publishes fills the cache first (not measured).

Requests go through Django's test client with production settings and Redis:
the page cache's middleware serves hits and stores misses as under gunicorn (the
WSGI wrapper that serves hits before Django is skipped: hit or miss is the same).
It prints one JSON object: requests, hits, hit ratio, first visits (addresses
not read before in the replay, which no cache can serve) and the hit ratio of
the other requests, the process CPU per request
(all, hits and misses: rendering, not PostgreSQL's own time) and per publish.
Everything it writes to the database is rolled back at the end.
"""

import bisect
import itertools
import json
import logging
import os
import random
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REQUESTS = int(os.environ.get("BENCH_REPLAY_REQUESTS", "14400"))
PUBLISHES = int(os.environ.get("BENCH_REPLAY_PUBLISHES", "144"))  # one per 10 min
ZIPF_S = float(os.environ.get("BENCH_REPLAY_ZIPF", "1.0"))
ENGLISH_SHARE = 0.2
HOST = "127.0.0.1"


class Readers:
    """Zipf-distributed choice over the releases, newest first."""

    def __init__(self, rng, releases):
        self.rng = rng
        self.releases = releases  # [(sv url, en url or None)], newest first
        self._weights()

    def _weights(self):
        weights = [1 / (rank + 1) ** ZIPF_S for rank in range(len(self.releases))]
        self.cumulative = list(itertools.accumulate(weights))

    def add_newest(self, urls):
        self.releases.insert(0, urls)
        self._weights()

    def next_url(self) -> str:
        point = self.rng.random() * self.cumulative[-1]
        sv, en = self.releases[bisect.bisect_left(self.cumulative, point)]
        return en if en and self.rng.random() < ENGLISH_SHARE else sv


def release_urls(page) -> tuple[str, str | None]:
    from django.utils import translation

    with translation.override("sv"):
        sv = page.get_url()
    en = None
    if page.english_ready:
        with translation.override("en"):
            en = page.get_url()
    return sv, en


def load_releases(limit: int = 10_000):
    """(sv, en) addresses of the live releases, newest first, from their stored
    paths (one query)."""
    from wagtail.models import Site

    from press.models import PressReleasePage

    root = Site.objects.get(is_default_site=True).root_page
    prefix_sv, prefix_en = len(root.url_path_sv), len(root.url_path_en or "")
    rows = (
        PressReleasePage.objects.live()
        .order_by("-publication_date", "-pk")
        .values_list("url_path_sv", "url_path_en", "english_ready")[:limit]
    )
    return [
        ("/" + sv[prefix_sv:], "/en/" + en[prefix_en:] if ready and en else None)
        for sv, en, ready in rows
    ]


class Editor:
    """Publishes as the newsroom does: a new release, then an edit of a recent one."""

    def __init__(self, rng):
        from press.models import NewsIndexPage, PressReleasePage

        self.rng = rng
        self.model = PressReleasePage
        self.index = NewsIndexPage.objects.get()
        self.count = itertools.count(1)

    def publish(self, readers) -> None:
        n = next(self.count)
        if n % 2:
            self._new(n, readers)
        else:
            self._edit(n)

    def _new(self, n, readers):
        from django.utils import timezone

        model = self.model
        pattern = model.objects.live().order_by("?").first()
        page = model(
            title_sv=f"Dagens nyhet {n}",
            slug_sv=f"dagens-nyhet-replay-{n}",
            title_en=f"Today's news {n}",
            slug_en=f"todays-news-replay-{n}",
            lead_sv="Ingress.",
            lead_en="Lead.",
            body_sv=pattern.body_sv.raw_data,
            body_en=pattern.body_en.raw_data,
            kind=pattern.kind,
            publication_date=timezone.now(),
        )
        self.index.add_child(instance=page)
        page.related_areas.set(pattern.related_areas.all())
        page.tags.set(list(pattern.tags.all()))
        page.save_revision().publish()
        page.refresh_from_db()
        readers.add_newest(release_urls(page))

    def _edit(self, n):
        model = self.model
        recent = list(model.objects.live().order_by("-publication_date")[:10])
        page = self.rng.choice(recent)
        page.lead_sv = f"Rättad ingress {n}."
        page.save_revision().publish()


def replay(mode: str) -> dict:
    from django.db import transaction
    from django.test import Client

    rng = random.Random(22)
    client = Client(HTTP_HOST=HOST)
    readers = Readers(rng, load_releases())
    seen = set()
    for _ in range(REQUESTS // 2):  # yesterday's readers fill the cache
        url = readers.next_url()
        seen.add(url)
        client.get(url)
    editor = Editor(rng)
    every = max(1, REQUESTS // PUBLISHES)
    hits = first_visits = 0
    cpu = {"HIT": 0.0, "MISS": 0.0}
    counts = {"HIT": 0, "MISS": 0}
    publish_cpu = 0.0
    statuses = {}
    began = time.monotonic()
    with transaction.atomic():
        for n in range(REQUESTS):
            if n and n % every == 0:
                started = time.process_time()
                editor.publish(readers)
                publish_cpu += time.process_time() - started
            url = readers.next_url()
            first_visits += url not in seen
            seen.add(url)
            started = time.process_time()
            response = client.get(url)
            spent = time.process_time() - started
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            kind = "HIT" if response.get("X-Cache") == "HIT" else "MISS"
            hits += kind == "HIT"
            cpu[kind] += spent
            counts[kind] += 1
        transaction.set_rollback(True)

    def per(kind):
        return round(cpu[kind] / counts[kind] * 1000, 2) if counts[kind] else None

    return {
        "mode": mode,
        "requests": REQUESTS,
        "publishes": PUBLISHES,
        "zipf_s": ZIPF_S,
        "releases": len(readers.releases),
        "hits": hits,
        "hit_ratio": round(hits / REQUESTS, 4),
        # A page nobody read since the cache was filled cannot be a hit: the
        # long tail's first visits bound the ratio whatever the invalidation.
        "first_visits": first_visits,
        "hit_ratio_of_repeat_requests": round(hits / (REQUESTS - first_visits), 4),
        "cpu_ms_per_request": round(sum(cpu.values()) / REQUESTS * 1000, 2),
        "cpu_ms_per_hit": per("HIT"),
        "cpu_ms_per_miss": per("MISS"),
        "cpu_ms_per_publish": round(publish_cpu / max(1, PUBLISHES) * 1000, 1),
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "seconds": round(time.monotonic() - began, 1),
    }


def main() -> int:
    django.setup()
    logging.getLogger("cms.requests").disabled = True
    for name in ("cms.caching", "wagtail"):
        logging.getLogger(name).setLevel(logging.WARNING)
    mode = sys.argv[1] if len(sys.argv) > 1 else "targeted"
    print(json.dumps(replay(mode)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
