"""Settings for the pytest suite (bakerydemo's test settings, adapted)."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, STORAGES, TASKS

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not SQLite's shared in-memory database: the browser tests' live server
    # answers several requests at once (the admin's background requests beside a
    # save), and in-memory connections then fail with "database table is locked"
    # instead of waiting their turn. pytest-xdist adds a suffix per worker.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = BASE_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cms-test",
    }
}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The queue stays the real database queue: tests run the real worker (db_worker).
TASKS = {
    **TASKS,
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# One media folder per pytest-xdist worker: one worker's clean-up of its uploads
# must not delete files another worker's test is reading.
MEDIA_ROOT = os.environ.get(
    "TEST_MEDIA_ROOT",
    str(BASE_DIR / ".test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")),
)
# The web archive beside the worker's media (both removed with .test-media).
STORAGES["records"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": MEDIA_ROOT + "-webarchive", "base_url": None},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"], "level": "CRITICAL"},
    "loggers": {
        "cms.requests": {"handlers": ["null"], "level": "INFO", "propagate": False}
    },
}
