"""Shared pytest fixtures.

The demo content is loaded once per test database (session) so every test can read
the real demo site; TestCase tests roll back their own changes. Transactional tests
(browser tests with a live server) run last and reload what they need.
"""

import io
import os

from django.core.management import call_command

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    # A test that starts its own database (a private PostgreSQL cluster, its own
    # SQLite file) does the same on either pass: CI runs it once, on SQLite.
    skip_own = pytest.mark.skip(reason="own servers: already run on the SQLite pass")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
        if "own_servers" in item.keywords and on_postgres:
            item.add_marker(skip_own)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _swedish_to_start_with():
    """The test client runs requests in the test's thread, and LocaleMiddleware
    leaves the last request's language active; every test starts in Swedish."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_configure(config):
    # Playwright's sync API runs an event loop in the test thread; Django's ORM is
    # still used synchronously there, which is safe in tests.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
