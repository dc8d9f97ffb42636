"""``make soak``: a bounded soak test of the whole stack, readers and editors at once.

1. Builds a site of its own: a private PostgreSQL cluster (initdb into a temporary
   directory, as the ``postgres`` OS user when run as root) with the database
   ``cms_soak``, a private redis-server, ``migrate``, ``load_demo`` and
   ``collectstatic``. Nothing shared is touched; everything listens on 127.0.0.1.
2. Serves it with gunicorn (2 workers) and production settings, page cache on.
3. For SOAK_SECONDS (300) runs 32 anonymous readers (threads, urllib) over a mix of
   pages in both languages, listings, feeds, search, the sitemap and robots.txt,
   and 2 editors that keep editing and publishing press releases through the ORM
   (each owns a few releases and changes their Swedish and English leads) and now
   and then create and publish a new release. Progress every 10 seconds.
4. Prints requests, requests/s, status counts and p50/p95/p99 latency, and checks:
   no 5xx (or unanswered request); every revision an editor saved exists exactly
   once with the content it saved; each page's latest and live revision is the last
   one its editor saved; the live page, in the database and over HTTP in both
   languages, shows the last published lead.

Exit status: 0 when every check passes, 1 when one fails, 2 when the soak itself
could not run. Knobs (environment): SOAK_SECONDS (300), SOAK_READERS (32),
SOAK_EDIT_PAUSE (seconds between an editor's publishes, 1.0), SOAK_KEEP (keep the
temporary directory with the gunicorn, PostgreSQL and Redis logs).
"""

import collections
import html
import os
import random
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import uuid
from pathlib import Path

import harness
from harness import (
    Gunicorn,
    HarnessError,
    PrivatePostgres,
    PrivateRedis,
    build_site,
    env_flag,
    env_number,
    free_port,
    production_env,
    stop_on_sigterm,
)

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "cms_soak"


SECONDS = max(1, round(env_number("SOAK_SECONDS", 300)))
READERS = max(1, int(env_number("SOAK_READERS", 32)))
EDITORS = 2
EDIT_PAUSE = max(0.0, env_number("SOAK_EDIT_PAUSE", 1.0))
KEEP = env_flag("SOAK_KEEP")
RELEASES_PER_EDITOR = 3
NEW_RELEASE_EVERY = 6  # every 6th publish of an editor is a new release
PROGRESS_EVERY = 10
REQUEST_TIMEOUT = 60  # longer than gunicorn's --timeout 30


class SoakError(HarnessError):
    """The soak itself could not run (as opposed to a failed check)."""


def fetch(url: str, timeout: float = REQUEST_TIMEOUT) -> tuple[int, bytes]:
    """(status, body); status 0 when there was no HTTP answer at all."""
    status, _headers, body = harness.fetch(url, timeout, agent="cms-soak")
    return status, body


class Readers:
    """Anonymous readers picking URLs at random from a weighted mix."""

    def __init__(self, base_url: str, urls: list[str], count: int):
        self.base_url = base_url
        self.urls = urls  # appended to (new releases) while the readers run
        self.stop = threading.Event()
        # One list of (ended, status, seconds, url) per reader: no shared lock.
        self.results: list[list[tuple[float, int, float, str]]] = [
            [] for _ in range(count)
        ]
        self.threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True)
            for n in range(count)
        ]

    def _run(self, number: int) -> None:
        chooser = random.Random(number)  # noqa: S311 - load, not security
        mine = self.results[number]
        while not self.stop.is_set():
            url = chooser.choice(self.urls)
            began = time.monotonic()
            status, body = fetch(self.base_url + url)
            ended = time.monotonic()
            mine.append((ended, status, ended - began, url))
            if status >= 500 or status == 0:
                failures.append((url, status, body[:500]))

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(REQUEST_TIMEOUT + 5)

    def since(self, moment: float) -> list[tuple[float, int, float, str]]:
        return [r for results in self.results for r in list(results) if r[0] >= moment]

    def all(self) -> list[tuple[float, int, float, str]]:
        return [r for results in self.results for r in results]


failures: list[tuple[str, int, bytes]] = []  # 5xx and unanswered requests


# --- editors (Django ORM in this process) ------------------------------------------


class Editor(threading.Thread):
    """Publishes new leads for its own releases, and now and then a new release.
    Records every revision it saves: (page id, revision id, lead_sv, lead_en)."""

    def __init__(self, number: int, user_id: int, page_ids: list[int], readers_urls):
        super().__init__(daemon=True)
        self.number = number
        self.user_id = user_id
        self.page_ids = list(page_ids)
        self.readers_urls = readers_urls
        self.records: list[tuple[int, int, str, str]] = []
        self.published: dict[int, int] = {}  # page id: last revision published
        self.created: list[int] = []
        self.conflicts = 0
        self.errors: list[str] = []
        self.halt = threading.Event()

    def run(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.utils import translation

        try:
            with translation.override("sv"):
                user = get_user_model().objects.get(pk=self.user_id)
                count = 0
                while not self.halt.is_set():
                    count += 1
                    if count % NEW_RELEASE_EVERY == 0:
                        self._create(user, count)
                    else:
                        page_id = self.page_ids[count % len(self.page_ids)]
                        self._edit(user, page_id, count)
                    self.halt.wait(EDIT_PAUSE)
        except Exception:  # noqa: BLE001 - reported as a failed check
            self.errors.append(traceback.format_exc())
        finally:
            connection.close()

    def _leads(self, count: int) -> tuple[str, str]:
        token = uuid.uuid4().hex[:10]
        return (
            f"Soaktest redaktör {self.number} version {count} {token}: ny ingress.",
            f"Soak test editor {self.number} version {count} {token}: new lead.",
        )

    def _edit(self, user, page_id: int, count: int) -> None:
        from press.models import PressReleasePage

        page = PressReleasePage.objects.get(pk=page_id)
        page.lead_sv, page.lead_en = self._leads(count)
        self._save_and_publish(user, page)

    def _save_and_publish(self, user, page) -> None:
        revision = page.save_revision(user=user)
        self.records.append((page.pk, revision.pk, page.lead_sv, page.lead_en))
        revision.publish(user=user)
        self.published[page.pk] = revision.pk

    def _create(self, user, count: int) -> None:
        from django.db import IntegrityError
        from django.utils import translation

        from press.models import NewsIndexPage, PressReleasePage

        lead_sv, lead_en = self._leads(count)
        token = uuid.uuid4().hex[:8]
        for _attempt in range(5):
            # Fetched afresh: treebeard computes the new path from the parent.
            news = NewsIndexPage.objects.get()
            page = PressReleasePage(
                kind=PressReleasePage.KIND_NEWS,
                title_sv=f"Soaktest {self.number}-{count}: nyhet",
                slug_sv=f"soaktest-{self.number}-{count}-{token}",
                title_en=f"Soak test {self.number}-{count}: news",
                slug_en=f"soak-test-{self.number}-{count}-{token}",
                lead_sv=lead_sv,
                lead_en=lead_en,
                body_sv=[("text", f"<p>{lead_sv}</p>")],
                body_en=[("text", f"<p>{lead_en}</p>")],
            )
            try:
                news.add_child(instance=page)
            except IntegrityError:
                # Two editors adding a page under the same parent at the same time
                # compute the same tree path; the second insert fails.
                self.conflicts += 1
                time.sleep(random.uniform(0.05, 0.3))  # noqa: S311
                continue
            break
        else:
            raise RuntimeError("could not create a release after 5 path conflicts")
        self._save_and_publish(user, page)
        self.created.append(page.pk)
        self.page_ids.append(page.pk)
        for language in ("sv", "en"):
            with translation.override(language):
                self.readers_urls.append(page.get_url())


def prepare_editors() -> tuple[list[int], list[list[int]]]:
    """Two editor accounts, and the English-ready releases each of them owns."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cms.editorial.roles import PUBLISHERS
    from press.models import PressReleasePage

    # Publishers, as in the newsroom: they may publish without a review.
    publishers = Group.objects.filter(name=PUBLISHERS).first()
    if publishers is None:
        raise SoakError(f"load_demo did not create the group {PUBLISHERS!r}")
    user_model = get_user_model()
    users = []
    for number in range(1, EDITORS + 1):
        user, _created = user_model.objects.get_or_create(
            username=f"soak-editor-{number}",
            defaults={"email": f"soak-editor-{number}@example.org"},
        )
        user.groups.add(publishers)
        users.append(user.pk)
    releases = list(
        PressReleasePage.objects.live()
        .filter(english_ready=True)
        .order_by("-publication_date", "pk")
        .values_list("pk", flat=True)[: EDITORS * RELEASES_PER_EDITOR]
    )
    if len(releases) < EDITORS * RELEASES_PER_EDITOR:
        raise SoakError("the demo content has too few English releases to edit")
    return users, [releases[n::EDITORS] for n in range(EDITORS)]


def reader_urls() -> list[str]:
    """A weighted mix: front pages and listings more often than single pages."""
    from django.urls import reverse
    from django.utils import translation

    from wagtail.models import Page, Site

    from press.models import NewsIndexPage

    urls: list[str] = ["/robots.txt", "/sitemap.xml"]
    news = NewsIndexPage.objects.get()
    for language in ("sv", "en"):
        with translation.override(language):
            home = Site.objects.get(is_default_site=True).root_page.url
            urls += [home] * 6
            urls += [news.url] * 4
            urls += [news.feed_url("rss"), news.feed_url("atom")] * 2
            urls.append(news.url + "?kind=news")
            if news.releases(language).count() > news.per_page:
                urls.append(news.url + "?page=2")
            search = reverse("search")
            terms = ("strategi", "innovation", "blekinge", "energi", "kickstart")
            if language == "en":
                terms = ("strategy", "innovation", "blekinge", "energy", "recovery")
            urls += [f"{search}?q={term}" for term in terms]
            for page in Page.objects.live().public().filter(depth__gt=2).specific():
                available = getattr(page, "is_available_in", None)
                if language == "sv" or (available and available("en")):
                    url = page.url
                    if url:
                        urls.append(url)
    return urls


# --- checks -------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def check_revisions(editors: list[Editor], base_url: str) -> list[str]:
    """Every problem with what the editors saved (empty when all is well)."""
    from django.utils import translation

    from wagtail.models import Revision

    from press.models import PressReleasePage

    problems = []
    for editor in editors:
        by_editor = Revision.objects.filter(user_id=editor.user_id)
        if by_editor.count() != len(editor.records):
            problems.append(
                f"editor {editor.number}: saved {len(editor.records)} revisions, the "
                f"database has {by_editor.count()} by that user"
            )
        last: dict[int, tuple[int, str, str]] = {}
        for page_id, revision_id, lead_sv, lead_en in editor.records:
            matches = list(Revision.objects.filter(content__lead_sv=lead_sv))
            if len(matches) != 1:
                problems.append(
                    f"revision {revision_id} of page {page_id}: {len(matches)} "
                    f"revisions hold its lead (lost or duplicated)"
                )
                continue
            found = matches[0]
            if (
                found.pk != revision_id
                or found.object_id != str(page_id)
                or found.content.get("lead_en") != lead_en
            ):
                problems.append(
                    f"revision {revision_id} of page {page_id}: stored as revision "
                    f"{found.pk} of object {found.object_id} with lead_en "
                    f"{found.content.get('lead_en')!r}"
                )
            last[page_id] = (revision_id, lead_sv, lead_en)
        for page_id, (revision_id, lead_sv, lead_en) in last.items():
            page = PressReleasePage.objects.get(pk=page_id)
            if page.latest_revision_id != revision_id:
                problems.append(
                    f"page {page_id}: latest revision {page.latest_revision_id}, its "
                    f"editor last saved {revision_id}"
                )
            if editor.published.get(page_id) != revision_id:
                problems.append(
                    f"page {page_id}: revision {revision_id} was saved but its "
                    f"publication failed (see the editor's error)"
                )
            if page.live_revision_id != revision_id or not page.live:
                problems.append(
                    f"page {page_id}: live revision {page.live_revision_id} "
                    f"(live={page.live}), last published {revision_id}"
                )
            if (page.lead_sv, page.lead_en) != (lead_sv, lead_en):
                problems.append(f"page {page_id}: the live page has another lead")
            for language, lead in (("sv", lead_sv), ("en", lead_en)):
                with translation.override(language):
                    url = page.url
                status, body = fetch(base_url + url)
                text = html.unescape(body.decode(errors="replace"))
                if status != 200 or lead not in text:
                    problems.append(
                        f"page {page_id}: {url} answered {status} without the last "
                        f"published {language} lead"
                    )
    return problems


def tree_problems() -> list[str]:
    """treebeard's own consistency check (paths, depths, numchild)."""
    from wagtail.models import Page

    names = ("bad characters", "bad step length", "orphans", "wrong depth")
    names += ("wrong numchild",)
    return [
        f"{name}: pages {sorted(ids)}"
        for name, ids in zip(names, Page.find_problems(), strict=True)
        if ids
    ]


def progress(readers: Readers, editors: list[Editor], began: float, last: float):
    now = time.monotonic()
    recent = readers.since(last)
    statuses = collections.Counter(status for _e, status, _s, _u in recent)
    p95 = percentile([seconds for _e, _st, seconds, _u in recent], 0.95)
    total = sum(len(results) for results in readers.results)
    revisions = sum(len(editor.records) for editor in editors)
    created = sum(len(editor.created) for editor in editors)
    status_text = " ".join(f"{code}:{n}" for code, n in sorted(statuses.items()))
    print(
        f"[{now - began:4.0f}s] {total} requests, {len(recent) / (now - last):.1f}/s "
        f"({status_text}), p95 {p95 * 1000:.0f} ms; {revisions} revisions "
        f"published, {created} new releases",
        flush=True,
    )
    return now


def soak(base_url: str, gunicorn: Gunicorn) -> bool:
    from django.db import connection

    users, owned = prepare_editors()
    urls = reader_urls()
    connection.close()

    # Every URL of the mix once: it must exist (a 404 is a mistake in the mix).
    for url in sorted(set(urls)):
        status, _body = fetch(base_url + url)
        if status >= 500 or status == 0:
            failures.append((url, status, _body[:500]))
        elif status != 200:
            raise SoakError(f"{url} answers {status} before the soak")
    print(
        f"{READERS} readers over {len(set(urls))} URLs, {EDITORS} editors on "
        f"releases {owned}, for {SECONDS}s"
    )
    workers = gunicorn.worker_pids()
    readers = Readers(base_url, urls, READERS)
    editors = [Editor(n + 1, users[n], owned[n], readers.urls) for n in range(EDITORS)]
    began = time.monotonic()
    readers.start()
    for editor in editors:
        editor.start()
    last = began
    try:
        while (now := time.monotonic()) < began + SECONDS:
            time.sleep(min(PROGRESS_EVERY - (now - last), began + SECONDS - now))
            if time.monotonic() - last >= PROGRESS_EVERY - 0.05:
                last = progress(readers, editors, began, last)
    finally:
        for editor in editors:
            editor.halt.set()
        for editor in editors:
            editor.join(120)
        readers.join()
    elapsed = time.monotonic() - began

    results = readers.all()
    latencies = [seconds for _e, _s, seconds, _u in results]
    statuses = collections.Counter(status for _e, status, _s, _u in results)
    print("\n=== soak summary ===")
    print(f"duration      {elapsed:.0f}s, {READERS} readers, {EDITORS} editors")
    print(f"requests      {len(results)} ({len(results) / elapsed:.1f}/s)")
    print(
        "statuses      " + ", ".join(f"{c}: {n}" for c, n in sorted(statuses.items()))
    )
    print(
        "latency       "
        + ", ".join(
            f"{name} {percentile(latencies, share) * 1000:.0f} ms"
            for name, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))
        )
        + f", max {max(latencies, default=0) * 1000:.0f} ms"
    )
    slow = collections.defaultdict(list)
    for _e, _s, seconds, url in results:
        slow[url.split("?")[0] if "?q=" not in url else url.split("=")[0]].append(
            seconds
        )
    worst = sorted(slow.items(), key=lambda item: -percentile(item[1], 0.95))[:5]
    print(
        "slowest p95   "
        + ", ".join(
            f"{url} {percentile(values, 0.95) * 1000:.0f} ms" for url, values in worst
        )
    )
    for editor in editors:
        print(
            f"editor {editor.number}      {len(editor.records)} revisions published "
            f"({len(editor.created)} new releases, {editor.conflicts} tree-path "
            f"conflicts retried)"
        )

    checks: list[tuple[str, list[str]]] = []
    checks.append(
        (
            "no 5xx or unanswered request",
            [f"{url}: {status} {body[:200]!r}" for url, status, body in failures[:10]]
            + ([f"... {len(failures)} in all"] if len(failures) > 10 else []),
        )
    )
    checks.append(
        (
            "editors ran without errors",
            [f"editor {e.number}: {error}" for e in editors for error in e.errors],
        )
    )
    checks.append(
        (
            "editors published content",
            [f"editor {e.number} published nothing" for e in editors if not e.records],
        )
    )
    checks.append(
        ("revisions neither lost nor duplicated", check_revisions(editors, base_url))
    )
    checks.append(("page tree consistent after concurrent creation", tree_problems()))
    still = gunicorn.worker_pids()
    checks.append(
        (
            "gunicorn workers survived",
            []
            if still == workers
            else [f"workers {sorted(workers)} -> {sorted(still)}"],
        )
    )
    connection.close()
    print()
    ok = True
    for name, problems in checks:
        print(f"{'PASS' if not problems else 'FAIL'}  {name}")
        for problem in problems:
            print(f"      {problem}")
        ok = ok and not problems
    return ok


def main() -> int:
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    workdir = Path(tempfile.mkdtemp(prefix="cms-soak-"))
    postgres = redis = gunicorn = None
    ok = False
    try:
        postgres = PrivatePostgres(prefix="cms-soak-pg-")
        redis = PrivateRedis(workdir)
        postgres.init()
        postgres.start()
        database_url = postgres.create_database(DATABASE)
        redis.start()
        port = free_port()
        env = production_env(
            database_url,
            redis.url,
            workdir / "media",
            port,
            DB_CONNECT_TIMEOUT="5",
            LOG_LEVEL="WARNING",  # errors only: no line per request or publish
        )
        print(
            f"PostgreSQL on 127.0.0.1:{postgres.port} ({DATABASE}), Redis on "
            f"127.0.0.1:{redis.port}, gunicorn on 127.0.0.1:{port}; logs in {workdir}"
        )
        began = time.monotonic()
        build_site(env)
        print(f"site built in {time.monotonic() - began:.0f}s (migrate, load_demo)")
        gunicorn = Gunicorn(env, port, workdir / "gunicorn.log")
        gunicorn.start()

        # This process edits through the ORM with the same settings and database.
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        ok = soak(f"http://127.0.0.1:{port}", gunicorn)
        if not ok:
            print("\n--- end of the gunicorn log ---\n" + gunicorn.log_tail())
        return 0 if ok else 1
    except HarnessError as error:
        print(f"soak could not run: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 2
    finally:
        for server in (gunicorn, redis):
            if server is not None:
                try:
                    server.stop()
                except Exception as error:  # noqa: BLE001 - stop the others too
                    print(f"stopping {type(server).__name__}: {error}", file=sys.stderr)
        if postgres is not None:
            if (KEEP or not ok) and postgres.log.exists():
                shutil.copy(postgres.log, workdir)
            postgres.cleanup()
        if KEEP or not ok:
            print(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
