"""make backup / make restore round-trip the whole demo site: every page in both
languages, revisions, snippets, images, feedback and the web archive survive."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings

import pytest

ROOT = Path(__file__).resolve().parent.parent

SNAPSHOT = r"""
import json
from django.test import Client
from django.utils import translation
from wagtail.models import Page, Revision
from cms.models import CustomImage, Feedback, Person
from specialisation.models import FactBox, Organisation
from records.models import Snapshot
pages = {}
client = Client()
for page in Page.objects.filter(depth__gte=2).order_by("path").specific():
    entry = {}
    for language in ("sv", "en"):
        with translation.override(language):
            url = page.url
        response = client.get(url)
        entry[language] = [url, response.status_code, len(response.content) > 500]
    pages[page.title_sv] = entry
images = [(i.title, i.description_sv, i.description_en, i.file.storage.exists(i.file.name))
          for i in CustomImage.objects.order_by("title")]
print(json.dumps({
    "pages": pages,
    "revisions": Revision.objects.count(),
    "people": sorted(Person.objects.values_list("name", "role_sv", "role_en")),
    "fact_boxes": sorted(FactBox.objects.values_list("title_sv", "title_en", "live")),
    "organisations": sorted(Organisation.objects.values_list("name_sv", "name_en")),
    "images": images,
    "feedback": sorted(Feedback.objects.values_list("language", "helpful", "comment")),
    "archive": sorted(
        (s.url, s.warc_sha256, s.warc.storage.exists(s.warc.name)
         and __import__("hashlib").sha256(s.warc.open("rb").read()).hexdigest())
        for s in Snapshot.objects.all()
    ),
}, default=str))
"""

ADD_FEEDBACK = (
    "from cms.models import Feedback; from wagtail.models import Page;"
    "p = Page.objects.get(slug_sv='region-blekinge-satsar-pa-lanets-aterhamtning');"
    "Feedback.objects.create(page=p, language='en', helpful=False, comment='Saknar kontakt');"
    "Feedback.objects.create(page=p, language='sv', helpful=True);"
    "from records.snapshots import take; take(p.pk, 'published', 'Backup')"
)


def run(args, env):
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def environment(database_url, media):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "TEST_MEDIA_ROOT": str(media),
    }


def round_trip(source_url, target_url, tmp_path):
    source = environment(source_url, tmp_path / "media-a")
    run(["manage.py", "migrate", "--noinput"], source)
    run(["manage.py", "load_demo"], source)
    run(["manage.py", "shell", "-c", ADD_FEEDBACK], source)
    before = json.loads(
        run(["manage.py", "shell", "-c", SNAPSHOT], source).splitlines()[-1]
    )
    backup_dir = tmp_path / "backup"
    run(["scripts/backup.py", "backup", str(backup_dir)], source)
    assert (backup_dir / "media.tar.gz").exists()

    target = environment(target_url, tmp_path / "media-b")
    run(["manage.py", "migrate", "--noinput"], target)  # an existing, different site
    run(["scripts/backup.py", "restore", str(backup_dir)], target)
    after = json.loads(
        run(["manage.py", "shell", "-c", SNAPSHOT], target).splitlines()[-1]
    )
    assert after == before
    assert before["feedback"] == [["en", False, "Saknar kontakt"], ["sv", True, ""]]
    # The web archive's files came back, unchanged (their digests as recorded).
    assert len(before["archive"]) == 2
    assert all(digest == stored for _url, digest, stored in before["archive"])
    assert all(exists for *_rest, exists in before["images"])
    seed = before["pages"]["Region Blekinge satsar på länets återhämtning"]
    assert seed["sv"][:2] == [
        "/nyheter/region-blekinge-satsar-pa-lanets-aterhamtning/",
        200,
    ]
    assert seed["en"][:2] == [
        "/en/news/region-blekinge-invests-in-the-countys-recovery/",
        200,
    ]


@pytest.mark.django_db
@pytest.mark.own_servers  # its own SQLite files, whatever DATABASE_URL says
def test_backup_and_restore_sqlite(tmp_path):
    round_trip(
        f"sqlite:///{tmp_path / 'a.sqlite3'}",
        f"sqlite:///{tmp_path / 'b.sqlite3'}",
        tmp_path,
    )


@pytest.mark.postgres
def test_backup_and_restore_postgresql(tmp_path):
    import psycopg

    params = settings.DATABASES["default"]
    user = params.get("USER") or "postgres"
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    names = [f"cms_backup_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    admin = psycopg.connect(
        dbname="postgres", user=user, host=host, port=port, autocommit=True
    )
    try:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        urls = [f"postgres://{user}@{host}:{port}/{name}" for name in names]
        round_trip(urls[0], urls[1], tmp_path)
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
