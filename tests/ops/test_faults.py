"""Fault injection against a real deployment: gunicorn with production settings on
a private PostgreSQL and a private Redis, under load from a few reader threads.

- The database goes away and comes back: readers get the plain bilingual 503 (with
  Retry-After) only while it is away, never a 500, and the same gunicorn serves 200
  again once it is back.
- Redis goes away and comes back: pages keep answering 200 (uncached), /readyz says
  503 meanwhile, and pages are cached again afterwards.

The servers are started here (initdb/pg_ctl as the ``postgres`` user when the tests
run as root; redis-server on a free port), so nothing shared is stopped or touched.
The module skips only when PostgreSQL's binaries, redis-server or gunicorn are
missing, or when it runs as root on a machine without a ``postgres`` user.
"""

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field

import pytest

from scripts.harness import (
    REQUEST_TIMEOUT,
    Gunicorn,
    PrivatePostgres,
    PrivateRedis,
    Unavailable,
    build_site,
    fetch,
    free_port,
    production_env,
    require,
    wait_for,
)

# Its own PostgreSQL/SQLite and servers, whatever DATABASE_URL says: run once.
pytestmark = pytest.mark.own_servers

SEED_SV = "/nyheter/region-blekinge-satsar-pa-lanets-aterhamtning/"
SEED_EN = "/en/news/region-blekinge-invests-in-the-countys-recovery/"
PAGES = ["/", "/en/", "/nyheter/", SEED_SV, SEED_EN, "/sok/?q=strategi"]
READYZ = "/readyz"
# The page cache (cms.caching) serves anonymous pages from Redis, so while the
# database is away cached pages may still answer 200. The same pages with a query
# parameter the cache does not know ("nocache") are never cached and always reach
# the database.
BYPASS = [url + ("&" if "?" in url else "?") + "nocache={n}" for url in PAGES]
MIX = [*PAGES, READYZ, *BYPASS]

LOAD_THREADS = 4
OUTAGE_SECONDS = 5
# After the database or Redis is back, errors may go on for this long.
RECOVERY_SECONDS = 5
# A request that started this long after the stop must see the outage.
GRACE_SECONDS = 1.0


@dataclass
class Site:
    postgres: PrivatePostgres
    redis: PrivateRedis
    gunicorn: Gunicorn

    @property
    def base_url(self) -> str:
        return self.gunicorn.base_url

    def log_tail(self, lines: int = 60) -> str:
        text = self.gunicorn.log.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def worker_pids(self) -> set[int]:
        return self.gunicorn.worker_pids()

    def ensure_up(self) -> None:
        """Bring back whatever a failed test may have left stopped."""
        if not self.postgres.running():
            self.postgres.start()
        if not self.redis.running():
            self.redis.start()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("faults")
    try:
        require("initdb", "pg_ctl", "redis-server", "gunicorn")
        postgres = PrivatePostgres(prefix="cms-faults-pg-")
        redis = PrivateRedis(workdir)
    except Unavailable as reason:
        pytest.skip(f"fault tests: {reason}")
    gunicorn = None
    try:
        postgres.init()
        postgres.start()
        database_url = postgres.create_database("cms_faults")
        redis.start()
        port = free_port()
        env = production_env(database_url, redis.url, workdir / "media", port)
        build_site(env)
        gunicorn = Gunicorn(env, port, workdir / "gunicorn.log")
        gunicorn.start()
        yield Site(postgres, redis, gunicorn)
    finally:
        try:
            if gunicorn is not None:
                gunicorn.stop()
        finally:
            try:
                redis.stop()
            finally:
                postgres.cleanup()


# --- load ---------------------------------------------------------------------


@dataclass
class Hit:
    url: str  # the URL as listed in MIX (nocache template unexpanded)
    started: float
    ended: float
    status: int
    retry_after: str | None
    x_cache: str | None
    body: bytes  # kept for anything but 200


@dataclass
class Load:
    base_url: str
    hits: list[Hit] = field(default_factory=list)
    stop_event: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _reader(self, number: int) -> None:
        counter = 0
        while not self.stop_event.is_set():
            template = MIX[(number * 3 + counter) % len(MIX)]
            counter += 1
            url = template.format(n=f"{number}-{counter}")
            started = time.monotonic()
            status, headers, body = fetch(self.base_url + url)
            hit = Hit(
                template,
                started,
                time.monotonic(),
                status,
                headers.get("Retry-After"),
                headers.get("X-Cache"),
                b"" if status == 200 else body[:4000],
            )
            with self.lock:
                self.hits.append(hit)

    def __enter__(self):
        # Every URL once first, so that the page cache holds the cacheable ones.
        for template in MIX:
            fetch(self.base_url + template.format(n="warm-up"))
        for number in range(LOAD_THREADS):
            thread = threading.Thread(target=self._reader, args=(number,), daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(REQUEST_TIMEOUT + 5)

    def snapshot(self) -> list[Hit]:
        with self.lock:
            return list(self.hits)

    def answered_200_since(self, moment: float) -> set[str]:
        return {
            h.url for h in self.snapshot() if h.started >= moment and h.status == 200
        }


def summarize(name: str, hits: list[Hit], origin: float, **moments: float) -> str:
    """What happened, appended to any failure: requests per URL and status, when
    the 503s were, the slowest requests (times relative to the stop)."""
    counts: dict[tuple[str, int], int] = {}
    for h in hits:
        counts[h.url, h.status] = counts.get((h.url, h.status), 0) + 1
    lines = [f"{name}: {len(hits)} requests"]
    lines.append(
        ", ".join(
            f"{label} {moment - origin:+.2f}s" for label, moment in moments.items()
        )
    )
    unavailable = [h for h in hits if h.status == 503]
    if unavailable:
        first = min(h.started for h in unavailable) - origin
        last = max(h.ended for h in unavailable) - origin
        lines.append(f"503 from {first:+.2f}s to {last:+.2f}s")
    lines += [f"  {status} x{n} {url}" for (url, status), n in sorted(counts.items())]
    slowest = sorted(hits, key=lambda h: h.ended - h.started)[-3:]
    lines.append("slowest:\n" + describe(slowest, origin))
    return "\n".join(lines)


@contextlib.contextmanager
def reported(summary: str):
    try:
        yield
    except AssertionError as error:
        raise AssertionError(f"{error}\n\n{summary}") from None


def describe(hits: list[Hit], origin: float, limit: int = 15) -> str:
    return "\n".join(
        f"  t={h.started - origin:+.2f}s..{h.ended - origin:+.2f}s {h.status} {h.url} "
        f"Retry-After={h.retry_after} X-Cache={h.x_cache} "
        f"body={h.body[:300]!r}"
        for h in hits[:limit]
    )


def wait_until_all_200(load: Load, since: float, timeout: float) -> None:
    wait_for(
        lambda: load.answered_200_since(since) >= set(MIX),
        timeout,
        "every URL to answer 200 again",
    )


# --- tests --------------------------------------------------------------------


def test_database_outage_gives_503_and_the_site_recovers_by_itself(site):
    workers = site.worker_pids()
    try:
        with Load(site.base_url) as load:
            time.sleep(3)
            stop_began = time.monotonic()
            site.postgres.stop("immediate")
            stopped = time.monotonic()
            time.sleep(OUTAGE_SECONDS)
            restart_began = time.monotonic()
            site.postgres.start()
            restarted = time.monotonic()
            wait_until_all_200(load, restarted, 30)
            # Keep loading past the recovery window: all of that must be 200.
            time.sleep(max(0, restarted + RECOVERY_SECONDS - time.monotonic()) + 3)
        hits = load.snapshot()
    finally:
        site.ensure_up()
    log = site.log_tail()
    origin = stop_began
    summary = summarize(
        "database outage",
        hits,
        origin,
        stopped=stopped,
        restart_began=restart_began,
        restarted=restarted,
    )
    with reported(summary):
        # Before the outage: everything answers 200.
        before = [h for h in hits if h.ended < stop_began and h.status != 200]
        assert not before, "errors before the outage:\n" + describe(before, origin)

        # No 5xx but 503, and no request without an answer, ever.
        wrong = [
            h for h in hits if h.status == 0 or (h.status >= 500 and h.status != 503)
        ]
        assert not wrong, (
            "5xx other than 503 (or no answer) during the database outage:\n"
            + describe(wrong, origin)
            + "\n--- gunicorn log ---\n"
            + log
        )

        # 503 only between the stop and shortly after the restart.
        unavailable = [h for h in hits if h.status == 503]
        outside = [
            h
            for h in unavailable
            if h.ended < stop_began or h.started > restarted + RECOVERY_SECONDS
        ]
        assert not outside, "503 outside the outage:\n" + describe(outside, origin)

        # The 503 page is the plain bilingual one, with Retry-After.
        pages_503 = [h for h in unavailable if h.url != READYZ]
        assert pages_503, "no page answered 503 while the database was down"
        bad_503 = [
            h
            for h in pages_503
            if not h.retry_after
            or "tillfälligt otillgänglig" not in h.body.decode(errors="replace")
            or "temporarily unavailable" not in h.body.decode(errors="replace")
        ]
        assert not bad_503, (
            "503 without the bilingual page or Retry-After:\n"
            + describe(bad_503, origin)
        )

        # While the database is away: uncachable pages and /readyz answer 503; cached
        # pages may still answer 200 from Redis, and nothing answers anything else.
        during = [
            h
            for h in hits
            if h.started >= stopped + GRACE_SECONDS and h.ended < restart_began
        ]
        assert len(during) >= 5, f"too little load during the outage ({len(during)})"
        assert any(h.url == READYZ for h in during)
        for h in during:
            expected = {200, 503} if h.url in PAGES else {503}
            assert h.status in expected, (
                f"{h.url} answered {h.status} with the database down:\n"
                + describe([h], origin)
            )
            if h.url == READYZ:
                assert json.loads(h.body)["checks"] == {
                    "database": False,
                    "cache": True,
                }

        # After recovery: every URL answers 200 again, from the same gunicorn.
        late = [h for h in hits if h.started >= restarted + RECOVERY_SECONDS]
        assert late, "no load after the recovery window"
        assert all(h.status == 200 for h in late), describe(
            [h for h in late if h.status != 200], origin
        )
        assert site.gunicorn.running()
        assert site.worker_pids() == workers, "a gunicorn worker died or was replaced"
        for url in MIX:
            status, _headers, body = fetch(site.base_url + url.format(n="after"))
            assert status == 200, (url, status, body[:300])


def test_redis_outage_keeps_pages_up_and_caching_resumes(site):
    workers = site.worker_pids()
    probe = site.base_url + "/nyheter/"
    fetch(probe)
    assert fetch(probe)[1].get("X-Cache") == "HIT", "the page cache is not on"
    try:
        with Load(site.base_url) as load:
            time.sleep(2)
            stop_began = time.monotonic()
            site.redis.stop()
            stopped = time.monotonic()
            time.sleep(OUTAGE_SECONDS)
            during_probe = fetch(probe)
            restart_began = time.monotonic()
            site.redis.start()
            restarted = time.monotonic()
            wait_for(
                lambda: any(
                    h.url == READYZ and h.status == 200 and h.started >= restarted
                    for h in load.snapshot()
                ),
                RECOVERY_SECONDS + 10,
                "/readyz to answer 200 after Redis is back",
            )
            time.sleep(max(0, restarted + RECOVERY_SECONDS - time.monotonic()) + 3)
        hits = load.snapshot()
    finally:
        site.ensure_up()
    log = site.log_tail()
    origin = stop_began
    summary = summarize(
        "Redis outage",
        hits,
        origin,
        stopped=stopped,
        restart_began=restart_began,
        restarted=restarted,
    )
    with reported(summary):
        # Pages never fail, not even with a 503.
        failed = [h for h in hits if h.url != READYZ and h.status != 200]
        assert not failed, (
            "pages failed while Redis was down:\n"
            + describe(failed, origin)
            + "\n--- gunicorn log ---\n"
            + log
        )
        assert during_probe[0] == 200
        assert during_probe[1].get("X-Cache") != "HIT"

        # /readyz: 503 while Redis is away (database fine, cache not), 200 otherwise.
        readyz = [h for h in hits if h.url == READYZ]
        assert {h.status for h in readyz} <= {200, 503}, describe(
            [h for h in readyz if h.status not in (200, 503)], origin
        )
        during = [
            h
            for h in readyz
            if h.started >= stopped + GRACE_SECONDS and h.ended < restart_began
        ]
        assert during, "no /readyz request while Redis was down"
        for h in during:
            assert h.status == 503, describe([h], origin)
            assert json.loads(h.body)["checks"] == {"database": True, "cache": False}
        outside = [
            h
            for h in readyz
            if h.status != 200
            and (h.ended < stop_began or h.started > restarted + RECOVERY_SECONDS)
        ]
        assert not outside, "/readyz failing outside the outage:\n" + describe(
            outside, origin
        )
        assert any(h.started > restarted + RECOVERY_SECONDS for h in readyz), (
            "no /readyz request after the recovery window"
        )

        # Caching resumes: a repeated anonymous GET is a hit again.
        statuses = []
        for _attempt in range(5):
            status, headers, _body = fetch(probe)
            statuses.append((status, headers.get("X-Cache")))
            if headers.get("X-Cache") == "HIT":
                break
            time.sleep(0.2)
        assert statuses[-1] == (200, "HIT"), statuses
        assert fetch(site.base_url + SEED_EN)[0] == 200
        assert fetch(site.base_url + SEED_EN)[1].get("X-Cache") == "HIT"
        assert site.gunicorn.running()
        assert site.worker_pids() == workers, "a gunicorn worker died or was replaced"
