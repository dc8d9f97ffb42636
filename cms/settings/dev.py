"""Local development: runserver over plain HTTP, debug pages, console email."""

import contextlib
import os

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = True
# A placeholder that Django itself marks as insecure; production.py refuses it.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-local-development-only"
ALLOWED_HOSTS = ["*"]

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403  (git-ignored personal overrides)
