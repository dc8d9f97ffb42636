"""`migrate` alone, non-interactively, leaves an empty database complete."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


SMOKE = (
    "from django.test import Client; c = Client();"
    "r1 = c.get('/'); r2 = c.get('/en/');"
    "print(r1.status_code, r2.status_code,"
    " b'lang=\"sv\"' in r1.content, b'lang=\"en\"' in r2.content)"
)


def _check_fresh_database(database_url, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "TEST_MEDIA_ROOT": str(tmp_path / "media"),
    }
    migrate = _run(["migrate", "--noinput"], env)
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    # The translation columns of Wagtail's page table are there without any extra step.
    check = _run(
        [
            "shell",
            "-c",
            "from django.db import connection;"
            "c = connection.cursor();"
            "intro = connection.introspection;"
            "desc = intro.get_table_description(c, 'wagtailcore_page');"
            "cols = {col.name for col in desc};"
            "print(sorted(x for x in cols if x.endswith(('_sv', '_en'))))",
        ],
        env,
    )
    assert check.returncode == 0, check.stderr[-3000:]
    for column in (
        "title_sv",
        "title_en",
        "slug_sv",
        "slug_en",
        "url_path_sv",
        "url_path_en",
        "seo_title_en",
        "search_description_en",
    ):
        assert column in check.stdout
    demo = _run(["load_demo"], env)
    assert demo.returncode == 0, demo.stderr[-3000:]
    smoke = _run(["shell", "-c", SMOKE], env)
    assert smoke.returncode == 0, smoke.stderr[-3000:]
    assert smoke.stdout.strip().splitlines()[-1] == "200 200 True True"


@pytest.mark.django_db
def test_migrate_on_empty_sqlite_gives_a_working_site(tmp_path):
    _check_fresh_database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}", tmp_path)


@pytest.mark.postgres
def test_migrate_on_empty_postgresql_gives_a_working_site(tmp_path):
    import psycopg

    params = settings.DATABASES["default"]
    user = params.get("USER") or "postgres"
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    password = params.get("PASSWORD") or ""
    name = f"cms_fresh_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        dbname="postgres",
        user=user,
        host=host,
        port=port,
        password=password,
        autocommit=True,
    )
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        auth = f"{user}:{password}@" if password else f"{user}@"
        _check_fresh_database(f"postgres://{auth}{host}:{port}/{name}", tmp_path)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
