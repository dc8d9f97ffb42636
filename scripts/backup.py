"""Back up and restore the database, the media folder and the web archive.

    python scripts/backup.py backup [DIR]     # default: backups/<UTC timestamp>/
    python scripts/backup.py restore DIR      # replaces the database and the media

PostgreSQL is dumped with pg_dump (custom format) and restored with pg_restore;
a SQLite database is copied with SQLite's online backup API. Media files go into
media.tar.gz, the web archive's WARC files (public records) into webarchive.tar
(already compressed; on object storage the bucket keeps them instead). They come
from the same settings as the site (DATABASE_URL, MEDIA_ROOT, WEB_ARCHIVE_ROOT).
After a restore the cache is cleared, so no page from before the restore is
served.
"""

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")


def _setup():
    import django

    django.setup()
    from django.conf import settings

    return settings


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = [
        "--host",
        db.get("HOST") or "127.0.0.1",
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        db.get("USER") or "postgres",
    ]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def backup(target: Path) -> Path:
    settings = _setup()
    db = settings.DATABASES["default"]
    target.mkdir(parents=True, exist_ok=False)
    if db["ENGINE"].endswith("postgresql"):
        args, env = _pg_env(db)
        subprocess.run(
            [
                "pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                "--file",
                str(target / "database.dump"),
                db["NAME"],
            ],
            check=True,
            env=env,
        )
    else:
        source = sqlite3.connect(db["NAME"])
        destination = sqlite3.connect(target / "database.sqlite3")
        with destination:
            source.backup(destination)
        source.close()
        destination.close()
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / "media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname="media")
    records = _archive_folder()
    if records is not None:
        with tarfile.open(target / "webarchive.tar", "w") as archive:
            if records.exists():
                archive.add(records, arcname="webarchive")
    (target / "README.txt").write_text(
        f"Backup made {datetime.datetime.now(datetime.UTC).isoformat()} of "
        f"{db['ENGINE']} database {db['NAME']} and {media}.\n"
        f"Restore with: python scripts/backup.py restore {target}\n"
    )
    print(f"Backup written to {target}")
    return target


def restore(source: Path) -> None:
    settings = _setup()
    db = settings.DATABASES["default"]
    if not (source / "media.tar.gz").exists():
        sys.exit(f"{source} is not a backup folder (media.tar.gz is missing)")
    from django.db import connections

    connections.close_all()
    if db["ENGINE"].endswith("postgresql"):
        dump = source / "database.dump"
        if not dump.exists():
            sys.exit(f"{dump} is missing: this backup is not of a PostgreSQL database")
        args, env = _pg_env(db)
        subprocess.run(
            [
                "pg_restore",
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                db["NAME"],
                str(dump),
            ],
            check=True,
            env=env,
        )
    else:
        copy = source / "database.sqlite3"
        if not copy.exists():
            sys.exit(f"{copy} is missing: this backup is not of a SQLite database")
        backup_db = sqlite3.connect(copy)
        live = sqlite3.connect(db["NAME"])
        with live:
            backup_db.backup(live)
        backup_db.close()
        live.close()
    media = Path(settings.MEDIA_ROOT)
    _restore_folder(source / "media.tar.gz", "media", media)
    records = _archive_folder()
    if (source / "webarchive.tar").exists() and records is not None:
        _restore_folder(source / "webarchive.tar", "webarchive", records)
    from django.core.cache import cache

    cache.clear()
    print(f"Restored the database and {media} from {source}")


def _archive_folder() -> Path | None:
    """The web archive's folder, or None when it is on object storage."""
    from django.core.files.storage import FileSystemStorage, storages

    storage = storages["records"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def _restore_folder(tar: Path, name: str, folder: Path) -> None:
    """Put ``folder`` back from ``tar``; the folder it replaces is kept aside."""
    if folder.exists():
        aside = folder.with_name(
            f"{folder.name}.before-restore-{datetime.datetime.now():%Y%m%d%H%M%S}"
        )
        shutil.move(str(folder), aside)
        print(f"The previous {name} folder is kept at {aside}")
    folder.parent.mkdir(parents=True, exist_ok=True)
    extract_to = folder.parent / f"restore-tmp-{name}"
    with tarfile.open(tar) as archive:
        members = [
            m
            for m in archive.getmembers()
            if m.name == name or m.name.startswith(name + "/")
        ]
        archive.extractall(extract_to, members=members, filter="data")
    if (extract_to / name).exists():
        shutil.move(str(extract_to / name), folder)
    shutil.rmtree(extract_to, ignore_errors=True)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"backup", "restore"}:
        sys.exit(__doc__)
    if sys.argv[1] == "backup":
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = (
            Path(sys.argv[2])
            if len(sys.argv) > 2 and sys.argv[2]
            else ROOT / "backups" / stamp
        )
        backup(target)
    else:
        if len(sys.argv) < 3 or not sys.argv[2]:
            sys.exit(
                "Which backup? python scripts/backup.py restore backups/<timestamp>"
            )
        restore(Path(sys.argv[2]))


if __name__ == "__main__":
    main()
