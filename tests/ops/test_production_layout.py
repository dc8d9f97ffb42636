"""The documented production set-up without Redis: production settings, gunicorn with
two workers and the scheduler as a separate process, on PostgreSQL. Whatever one
process changes (an unpublish, a privacy change, the scheduler's expiry and
go-live) reaches every reader at once, through whichever worker answers.

The servers are private (a throw-away PostgreSQL cluster, free ports); the module
skips only where PostgreSQL's binaries or gunicorn are missing.
"""

import json
import re
import sys
import time

import pytest

from scripts.harness import (
    Gunicorn,
    PrivatePostgres,
    Unavailable,
    build_site,
    fetch,
    free_port,
    manage,
    production_env,
    require,
    start_process,
    stop_group,
    wait_for,
)

# Its own PostgreSQL/SQLite and servers, whatever DATABASE_URL says: run once.
pytestmark = pytest.mark.own_servers

SEED = "/nyheter/region-blekinge-satsar-pa-lanets-aterhamtning/"
READS = 20  # enough that both workers answer, many times each


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("layout")
    try:
        require("initdb", "pg_ctl", "gunicorn")
        postgres = PrivatePostgres(prefix="cms-layout-pg-")
    except Unavailable as reason:
        pytest.skip(f"production layout: {reason}")
    gunicorn = scheduler = None
    try:
        postgres.init()
        postgres.start()
        port = free_port()
        # The README's set-up without Redis.
        env = production_env(
            postgres.create_database("cms_layout"), "", workdir / "media", port
        )
        build_site(env)
        gunicorn = Gunicorn(env, port, workdir / "gunicorn.log", workers=2)
        gunicorn.start()
        scheduler = start_process(
            [sys.executable, "manage.py", "run_scheduler", "--interval", "5"],
            env,
            workdir / "scheduler.log",
        )
        yield gunicorn.base_url, env
    finally:
        stop_group(scheduler)
        if gunicorn is not None:
            gunicorn.stop()
        postgres.cleanup()


def shell(env, code: str) -> str:
    return manage(env, "shell", "-c", code, timeout=120)


def statuses(url: str, reads: int = READS) -> list[tuple[int, bool]]:
    """(status, whether the article's lead is in the body) for ``reads`` reads."""
    results = []
    for _ in range(reads):
        status, _headers, body = fetch(url)
        results.append((status, b"Coronakrisen har lett" in body))
    return results


def release_code(slug: str, statement: str) -> str:
    return (
        "from press.models import PressReleasePage\n"
        "from wagtail.models import PageViewRestriction\n"
        "from django.utils import timezone\n"
        "from datetime import timedelta\n"
        f"page = PressReleasePage.objects.get(slug_sv={slug!r})\n" + statement
    )


def test_an_unpublished_release_is_gone_for_every_reader(layout):
    base, env = layout
    assert all(s == (200, True) for s in statuses(base + SEED))  # cached by both
    shell(env, release_code(SEED.split("/")[2], "page.unpublish()"))
    assert {status for status, _ in statuses(base + SEED)} == {404}


def test_a_release_made_private_shows_nothing_to_anyone(layout):
    base, env = layout
    url = "/nyheter/fler-e-tjanster-i-blekinges-kommuner/"
    first = statuses(base + url)
    assert {status for status, _ in first} == {200}
    slug = url.split("/")[2]
    shell(
        env,
        release_code(
            slug,
            "PageViewRestriction.objects.create(page=page, restriction_type='login')",
        ),
    )
    for _ in range(READS):
        # (urllib follows the redirect to the login page)
        status, _headers, body = fetch(base + url)
        assert status == 200 and b'name="username"' in body
        assert "tio nya e-tjänster".encode() not in body and b"<article" not in body


def test_the_schedulers_expiry_and_go_live_reach_every_worker(layout):
    base, env = layout
    index = base + "/nyheter/"
    shell(
        env,
        "from press.models import NewsIndexPage, PressReleasePage\n"
        "from django.utils import timezone\n"
        "from datetime import timedelta\n"
        "news = NewsIndexPage.objects.get()\n"
        "page = PressReleasePage(title_sv='Embargo zqxlayout', slug_sv='embargo-zqx',"
        " lead_sv='Ingress.', go_live_at=timezone.now() + timedelta(seconds=8))\n"
        "news.add_child(instance=page)\n"
        "page.save_revision().publish()\n",
    )
    for _ in range(READS):
        assert b"zqxlayout" not in fetch(index)[2]
    wait_for(lambda: b"zqxlayout" in fetch(index)[2], 60, "the embargo to lift")
    for url in (index, base + "/nyheter/rss/", base + "/sok/?q=zqxlayout"):
        for _ in range(READS):
            assert b"Embargo zqxlayout" in fetch(url)[2], url

    url = base + "/nyheter/embargo-zqx/"
    shell(
        env,
        release_code(
            "embargo-zqx",
            "page.expire_at = timezone.now() + timedelta(seconds=5)\n"
            "page.save_revision().publish()\n",
        ),
    )
    assert all(status == 200 for status, _ in statuses(url, 6))
    started = time.monotonic()
    wait_for(lambda: fetch(url)[0] == 404, 60, "the page to expire")
    assert time.monotonic() - started < 60
    assert {status for status, _ in statuses(url)} == {404}
    for _ in range(READS):
        assert b"Embargo zqxlayout" not in fetch(index)[2]


def test_a_release_publish_reaches_the_pages_that_show_it_and_no_others(layout):
    # Targeted invalidation (cms.caching.scopes) across processes: the editor's
    # publish in one process, readers on two workers, the database cache.
    base, env = layout
    shell(
        env,
        "from press.models import NewsIndexPage, PressReleasePage\n"
        "news = NewsIndexPage.objects.get()\n"
        "for slug, tags in (('scope-a', ['zqxscope']), ('scope-b', ['zqxscope']),"
        " ('scope-c', [])):\n"
        "    page = PressReleasePage(title_sv='Rubrik ' + slug, slug_sv=slug,"
        " lead_sv='Ingress.')\n"
        "    news.add_child(instance=page)\n"
        "    page.tags.set(tags)\n"
        "    page.save_revision().publish()\n",
    )
    related, stranger = base + "/nyheter/scope-b/", base + "/nyheter/scope-c/"
    for _ in range(READS):  # both workers cache both pages
        status, _headers, body = fetch(related)
        assert status == 200 and b"Rubrik scope-a" in body  # its related news
        assert fetch(stranger)[0] == 200
    shell(
        env,
        release_code(
            "scope-a",
            "page.title_sv = 'Rättad zqxscope'\npage.save_revision().publish()\n",
        ),
    )
    for _ in range(READS):
        _status, _headers, body = fetch(related)
        assert "Rättad zqxscope".encode() in body
        assert b"Rubrik scope-a" not in body
        _status, headers, body = fetch(stranger)
        assert headers.get("X-Cache") == "HIT" and b"Rubrik scope-c" in body


# A teaser's title link in the news index: the release's slug (either language).
TEASER = re.compile(r'class="teaser__title"><a href="/(?:en/news|nyheter)/([^"/]+)/"')
LISTING_ORDER = (
    "import json\n"
    "from django.utils import translation\n"
    "from press.models import NewsIndexPage\n"
    "translation.activate({language!r})\n"
    "releases = NewsIndexPage.objects.get().releases()\n"
    "order = releases.order_by('-publication_date', '-pk')\n"
    "print(json.dumps(list(order.values_list('slug_{language}', flat=True))))\n"
)


def test_deep_news_pages_follow_every_publish_on_every_worker(layout):
    """Page 7 of the news index starts its walk at a mark kept in the shared
    cache (cms.listing.DeepPageMarks). A publish or unpublish in the editor's
    process shifts every item by one; both workers must show the shifted page at
    once, in both languages, never a page walked from a stale mark."""
    base, env = layout
    shell(
        env,
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from press.models import NewsIndexPage, PressReleasePage\n"
        "news = NewsIndexPage.objects.get()\n"
        "start = timezone.now() - timedelta(days=400)\n"
        "for i in range(140):\n"
        "    news.add_child(instance=PressReleasePage(title_sv=f'Djup {i}',"
        " slug_sv=f'djup-{i}', lead_sv='Ingress.', title_en=f'Deep {i}',"
        " slug_en=f'deep-{i}', lead_en='Lead.', live=True,"
        " publication_date=start + timedelta(hours=i)))\n"
        # One publish the editor's way: a new generation for the listings.
        "last = PressReleasePage.objects.get(slug_sv='djup-139')\n"
        "last.save_revision().publish()\n",
    )

    def order(language: str) -> list[str]:
        out = shell(env, LISTING_ORDER.format(language=language))
        return json.loads(out.strip().splitlines()[-1])

    def check_page_7():
        for language, prefix in (("sv", "/nyheter/"), ("en", "/en/news/")):
            expected = order(language)[120:140]
            assert len(expected) == 20, language
            for _ in range(READS):
                status, _headers, body = fetch(f"{base}{prefix}?page=7")
                assert status == 200, language
                assert TEASER.findall(body.decode()) == expected, language

    check_page_7()  # the marks are made, and kept in the shared cache
    shell(
        env,
        "from press.models import NewsIndexPage, PressReleasePage\n"
        "page = PressReleasePage(title_sv='Ny zqxdeep', slug_sv='ny-zqxdeep',"
        " lead_sv='Ingress.', title_en='New zqxdeep', slug_en='new-zqxdeep',"
        " lead_en='Lead.')\n"
        "NewsIndexPage.objects.get().add_child(instance=page)\n"
        "page.save_revision().publish()\n",
    )
    check_page_7()  # everything one further down
    shell(env, release_code("djup-130", "page.unpublish()"))
    check_page_7()  # and one back up from page 2 on


def test_a_person_published_reaches_the_pages_that_show_them_and_no_others(layout):
    # A snippet's scope (cms.caching.scopes) across processes: granskare's
    # publish in one process, readers on two workers, the database cache.
    base, env = layout
    shell(
        env,
        "from cms.models import Person\n"
        "from press.models import NewsIndexPage, PressContact, PressReleasePage\n"
        "person = Person.objects.create(name='Testa Lagersson', role_sv='testare',"
        " role_en='tester')\n"
        "person.save_revision().publish()\n"
        "news = NewsIndexPage.objects.get()\n"
        "for slug in ('kontakt-zqx', 'annan-zqx'):\n"
        "    page = PressReleasePage(title_sv='Rubrik ' + slug, slug_sv=slug,"
        " lead_sv='Ingress.')\n"
        "    news.add_child(instance=page)\n"
        "    if slug == 'kontakt-zqx':\n"
        "        PressContact.objects.create(page=page, person=person)\n"
        "    page.save_revision().publish()\n",
    )
    contact, other = base + "/nyheter/kontakt-zqx/", base + "/nyheter/annan-zqx/"
    for _ in range(READS):  # both workers cache both pages
        status, _headers, body = fetch(contact)
        assert status == 200 and b"Testa Lagersson" in body
        assert fetch(other)[0] == 200
    shell(
        env,
        "from cms.models import Person\n"
        "person = Person.objects.get(name='Testa Lagersson')\n"
        "person.name = 'Testa Omdopt'\n"
        "person.save_revision().publish()\n",
    )
    for _ in range(READS):
        _status, _headers, body = fetch(contact)
        assert b"Testa Omdopt" in body and b"Testa Lagersson" not in body
        _status, headers, body = fetch(other)
        assert headers.get("X-Cache") == "HIT" and b"Rubrik annan-zqx" in body
