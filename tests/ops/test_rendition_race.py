"""Rendition creation under concurrency leaves one file per rendition (issue 22).

Separate processes, as gunicorn's workers are, ask for the same new rendition of
one image at the same moment: a single ``get_rendition`` (the ``{% image %}`` tag)
and several at once through ``get_renditions`` (``{% picture %}``,
``{% srcset_image %}``). Afterwards storage holds exactly one file per rendition,
the file its Rendition row names, and every process returned (and cached) that
row's file, never one of its own that lost.

The processes use the test database (committed data: ``transactional_db``) and the
test media folder. In them only, writing a rendition file to storage is slowed by
``RACE_DELAY`` seconds (as an upload to object storage is, or a busy disk): upstream
looks for the row again after generating and before writing, so the race is lost
only by processes that pass that look-up before the first one's row is committed;
the delay makes every process do so.
"""

import json
import os
import subprocess
import sys
import time
import uuid
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

from django.core.files.base import ContentFile
from django.db import connection

from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

from cms.images import CustomImage, CustomRendition

ROOT = Path(__file__).resolve().parent.parent.parent
WORKERS = 3
DELAY = "1.0"
START_TIMEOUT = 90

WORKER = r"""
import json, os, time
import django

django.setup()

from django.core.files.storage import Storage

delay = float(os.environ.get("RACE_DELAY", "0"))
storage_save = Storage.save


def slow_save(self, name, *args, **kwargs):
    if name.startswith("images/"):  # a rendition, not an upload
        time.sleep(delay)
    return storage_save(self, name, *args, **kwargs)


if delay:
    Storage.save = slow_save

from cms.images import CustomImage

image = CustomImage.objects.get(pk=int(os.environ["RACE_IMAGE"]))
specs = os.environ["RACE_SPECS"].split()
with open(os.environ["RACE_READY"], "w"):
    pass
while not os.path.exists(os.environ["RACE_GO"]):
    time.sleep(0.002)
if len(specs) == 1:
    got = {specs[0]: image.get_rendition(specs[0])}
else:
    got = image.get_renditions(*specs)
Rendition = image.get_rendition_model()
cached = {}
for spec, rendition in got.items():
    key = Rendition.construct_cache_key(image, rendition.focal_point_key, spec)
    hit = Rendition.cache_backend.get(key)
    cached[spec] = hit.file.name if hit is not None else None
print(json.dumps({"returned": {s: r.file.name for s, r in got.items()}, "cached": cached}))
"""


def database_url() -> str:
    """The test database (pytest-django has renamed it by now), for the workers."""
    params = connection.settings_dict
    if params["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{params['NAME']}"
    user = quote(params.get("USER") or "postgres")
    password = f":{quote(params['PASSWORD'])}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{params['NAME']}"


def rendition_storage():
    return CustomRendition._meta.get_field("file").storage


def files_of(stem: str) -> list[str]:
    """Rendition files of the test's image in storage (``images/``)."""
    storage = rendition_storage()
    if not storage.exists("images"):
        return []
    return sorted(f"images/{n}" for n in storage.listdir("images")[1] if stem in n)


@pytest.fixture
def image(transactional_db):
    if Collection.get_first_root_node() is None:  # flushed by an earlier test
        Collection.add_root(instance=Collection(name="Root"))
    stem = f"rr{uuid.uuid4().hex[:10]}"
    buffer = BytesIO()
    PILImage.new("RGB", (1600, 1200), (40, 90, 160)).save(buffer, "JPEG")
    image = CustomImage.objects.create(
        title="Kapplöpning",
        file=ContentFile(buffer.getvalue(), name=f"{stem}.jpg"),
    )
    image.stem = stem
    try:
        yield image
    finally:
        storage = rendition_storage()
        for name in files_of(stem):
            storage.delete(name)
        image.file.storage.delete(image.file.name)
        CustomImage.objects.filter(pk=image.pk).delete()


def race(image, specs: list[str], tmp_path, settings) -> list[dict]:
    """Start WORKERS processes, release them together, return what each got."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "RACE_IMAGE": str(image.pk),
        "RACE_SPECS": " ".join(specs),
        "RACE_DELAY": DELAY,
        "RACE_GO": str(tmp_path / "go"),
    }
    processes = []
    try:
        for n in range(WORKERS):
            ready = tmp_path / f"ready-{n}"
            processes.append(
                (
                    ready,
                    subprocess.Popen(
                        [sys.executable, "-c", WORKER],
                        cwd=ROOT,
                        env={**env, "RACE_READY": str(ready)},
                        stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE,
                        stdin=subprocess.DEVNULL,
                        text=True,
                    ),
                )
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not all(ready.exists() for ready, _p in processes):
            failed = [p for _r, p in processes if p.poll() not in (None, 0)]
            assert not failed, failed[0].communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.05)
        (tmp_path / "go").touch()
        results = []
        for _ready, process in processes:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err[-3000:]
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results
    finally:
        for _ready, process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()


@pytest.mark.parametrize(
    "specs",
    [["fill-400x300"], ["fill-400x300", "fill-200x150"]],
    ids=["get_rendition", "get_renditions"],
)
def test_concurrent_workers_leave_one_file_per_rendition(
    image, specs, tmp_path, settings
):
    results = race(image, specs, tmp_path, settings)

    for spec in specs:
        rows = list(CustomRendition.objects.filter(image=image, filter_spec=spec))
        assert len(rows) == 1
        row = rows[0]
        assert rendition_storage().exists(row.file.name)
        on_disk = [name for name in files_of(image.stem) if spec in name]
        seen = f"row: {row.file.name}, on disk: {on_disk}, workers: {results}"
        assert on_disk == [row.file.name], f"orphan rendition files; {seen}"
        for result in results:
            assert result["returned"][spec] == row.file.name, seen
            assert result["cached"][spec] == row.file.name, seen
