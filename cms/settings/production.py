"""Production: everything comes from the environment; missing secrets stop startup."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_URL, env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in production to a random value of at least 50 "
        "characters (for example: python -c 'import secrets; "
        "print(secrets.token_urlsafe(64))')."
    )
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production, e.g. ALLOWED_HOSTS=www.example.se"
    )
if not os.environ.get("BASE_URL"):
    raise ImproperlyConfigured(
        "BASE_URL must be set in production, e.g. BASE_URL=https://www.example.se"
    )
if not os.environ.get("EMAIL_URL"):
    raise ImproperlyConfigured(
        "EMAIL_URL must be set in production, e.g. "
        "EMAIL_URL=submission://user:password@smtp.example.se:587"
    )
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set in production, e.g. "
        "DATABASE_URL=postgres://cms:password@db.example.se:5432/cms"
    )

# TLS is terminated by the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or [BASE_URL]
