"""Production-safe defaults shared by every environment.

Everything environment-specific comes from environment variables. ``dev.py`` and
``test.py`` relax these defaults; ``production.py`` refuses to start without the
secrets it needs.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url
import dj_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address of the site, used for feeds, sitemaps, emails and canonical
# links when there is no request (management commands, emails).
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    # wagtail-modeltranslation must come before the apps it translates (Page is
    # registered before our page types) and before wagtail.admin; its makemigrations
    # override keeps Wagtail's own Page model out of our migrations (the Page
    # translation columns are added by cms migration 0002 instead).
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "modeltranslation",
    "home",
    "press",
    "specialisation",
    "cms",
    "distribution",
    "api",
    "records",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Wagtail 8's search index uses PostgreSQL's SearchVectorField/GinIndex.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First: a cache hit runs nothing else, and an entry keeps every header below.
    "cms.caching.pages.PageCacheMiddleware",
    "cms.middleware.RequestLogMiddleware",
    # View restrictions read once per GET/HEAD request (cms/view_restrictions.py).
    "cms.view_restrictions.ViewRestrictionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.SecurityHeadersMiddleware",
    # The read API's rate limit, CORS and conditional GET; before sessions, so
    # an API request never reads or makes one.
    "api.http.ApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "cms.accounts.throttles.PasswordResetThrottleMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.AdminBadInputMiddleware",
    # Last, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins from an address that tried too many usernames (spraying).
    "cms.accounts.throttles.LoginThrottleBackend",
    # django-axes next: it refuses logins while a lockout is in force.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock out a username from an address after 5 failed logins, for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "cms/admin/locked_out.html"
# Proxies in front of the site that append X-Forwarded-For; every limit keyed on
# the client's address reads it through cms.network.client_ip.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "cms.network.client_ip"
# Password spraying and reset mail (cms.accounts.throttles), per hour.
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "20"))
PASSWORD_RESETS_PER_ADDRESS = int(os.environ.get("PASSWORD_RESETS_PER_ADDRESS", "5"))
PASSWORD_RESETS_PER_EMAIL = int(os.environ.get("PASSWORD_RESETS_PER_EMAIL", "3"))

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "600")),
        # A persistent connection is checked before reuse, so the site reconnects
        # by itself after a database restart.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # For `make run` and the tests, which serve several requests at once: writers
    # queue for the lock from the start of a transaction (no "database is locked"
    # when a read transaction turns into a write) and wait up to 20 s for it; WAL
    # lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast (and answer 503) rather than hang while the database is away.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DB_CONNECT_TIMEOUT", "3")
    )
    # The planner's default assumes spinning disks and then scans the whole search
    # table (reading every page's large text vector) where the full-text index is
    # five times faster (docs/performance.md). 1.1 suits SSD and cloud storage.
    DATABASES["default"]["OPTIONS"]["options"] = (
        f"-c random_page_cost={float(os.environ.get('DB_RANDOM_PAGE_COST', '1.1'))}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The caches decide what readers see (cms.caching), and the web server, the scheduler
# and the worker are separate processes: what one of them invalidates must reach
# the others. So the cache is always one that every process shares: Redis when
# REDIS_URL is set (production, several servers), otherwise a table in the
# database (created by migrate; right for `make run` and a single server).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "cms")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {
                # A Redis outage must not take the site down: serve uncached and log.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cms_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Pages, fragments and routes: room for a site of a few thousand pages.
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
        }
    }

AUTH_USER_MODEL = "cms.User"
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_VALIDATORS}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

# Languages: Swedish is the source language, served at /; English at /en/.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# locale/ holds the project's catalogues (makemessages writes there); locale/upstream
# Swedish for Wagtail's own strings that Wagtail's catalogues lack. Earlier paths win.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "sv"
MODELTRANSLATION_LANGUAGES = ("sv", "en")
# Wagtail's own code (admin, routing) reads page.title/slug/url_path, so those fall
# back to Swedish. Readers never see that fallback as English: a page that is not
# complete in English is answered with a plain notice (cms.bilingual.wagtail_hooks), and
# listings filter on the English fields.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("sv",), "sv": ()}
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
# The editor's language toggles ("Visa / redigera fält för SV EN") stay as the person
# left them, across reloads (kept in the browser's localStorage).
WAGTAILMODELTRANSLATION_LOCALE_PICKER_RESTORE = True
# One translation model only: never Wagtail's own locales.
WAGTAIL_I18N_ENABLED = False

WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT") or str(BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Media on S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set (needed
# when several app servers share uploads): AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME,
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_CUSTOM_DOMAIN (django-storages).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
# The web archive's WARC files (records/): never served by the web server, never
# overwritten. On disk at WEB_ARCHIVE_ROOT, or, with object storage, in
# WEB_ARCHIVE_BUCKET (default: the media bucket) under "records/", private and
# reached only through signed links the admin makes.
WEB_ARCHIVE_ROOT = os.environ.get("WEB_ARCHIVE_ROOT", str(BASE_DIR / "webarchive"))
STORAGES["records"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": WEB_ARCHIVE_ROOT, "base_url": None},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["records"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "bucket_name": os.environ.get("WEB_ARCHIVE_BUCKET")
            or os.environ["AWS_STORAGE_BUCKET_NAME"],
            "location": "records",
            "custom_domain": None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Snapshots older than this many days are deleted by prune_web_archive (run by the
# scheduler). 0 keeps them for ever: public records are kept unless a decision on
# disposal (gallringsbeslut) says otherwise.
WEB_ARCHIVE_RETENTION_DAYS = int(os.environ.get("WEB_ARCHIVE_RETENTION_DAYS", "0"))
# Requests for archived pages go to the registrar (registrator); without this
# setting, to the organisation's e-mail in the site settings.
REGISTRAR_EMAIL = os.environ.get("REGISTRAR_EMAIL", "")
ARCHIVE_REQUEST_RATE_LIMIT = 10  # requests per client and hour
# Where media is served from, when not this site (allowed by the CSP).
MEDIA_ORIGIN = os.environ.get("MEDIA_ORIGIN", "")
if not MEDIA_ORIGIN and os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
    MEDIA_ORIGIN = "https://" + os.environ["AWS_S3_CUSTOM_DOMAIN"]

# whitenoise serves hashed static files (every {% static %} URL in production) with
# "max-age=315360000, immutable"; unhashed names keep its short default.

# Email: EMAIL_URL such as submission://user:password@smtp.example.se:587 (STARTTLS),
# smtps://... (TLS) or smtp://...; without it, mail is printed to the console.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    if "EMAIL_BACKEND" not in _email:
        raise ValueError(
            "EMAIL_URL has an unknown scheme; use submission://, smtps:// or smtp://"
        )
    globals().update({key: value for key, value in _email.items() if value is not None})
    EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT") or 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks). Wagtail's own tasks keep running at once in the
# request ("default"); mail to subscribers goes through "queue", stored in the
# database and run by `manage.py db_worker --backend queue` (make run starts it; in
# production deploy/systemd/nyhetsrum-worker.service).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# Management commands the scheduler (run_scheduler) runs every minute, in order.
SCHEDULED_COMMANDS = [
    "publish_scheduled",
    "distribution_round",
    "review_round",
    "prune_web_archive",
]
# E-mail alerts to subscribers (distribution/): messages per second per worker,
# messages per batch task, and how long a confirmation link is valid.
ALERTS_PER_SECOND = float(os.environ.get("ALERTS_PER_SECOND", "20"))
ALERT_BATCH_SIZE = int(os.environ.get("ALERT_BATCH_SIZE", "200"))
# A worker's hold on a row while it sends it; after a crash, the wait before resending.
ALERT_LEASE_SECONDS = int(os.environ.get("ALERT_LEASE_SECONDS", "300"))
SUBSCRIPTION_CONFIRM_DAYS = 7
SUBSCRIBE_RATE_LIMIT = int(os.environ.get("SUBSCRIBE_RATE_LIMIT", "10"))  # per hour
# Digests go out at this hour (local time); weekly ones on Mondays.
DIGEST_HOUR = 7

# Page cache for anonymous readers (cms/caching/), invalidated on publish.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
# A release's publish invalidates only the release pages that show it
# (cms.caching.scopes); off: every publish empties the whole cache.
PAGE_CACHE_TARGETED = env_bool("PAGE_CACHE_TARGETED", True)
# Site header, footer and pages' main content, cached per generation (cms.caching).
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", True)
# Which page an address leads to, with the page itself (cms.caching.routes).
ROUTE_CACHE_ENABLED = env_bool("ROUTE_CACHE", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", str(60 * 60 * 6)))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))  # browsers
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "300"))  # CDNs
# Reader feedback ("Hittade du informationen du sökte?", cms/feedback/)
# The read API (api.http): requests per client and window that miss the cache.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "300"))
API_RATE_WINDOW = int(os.environ.get("API_RATE_WINDOW", "60"))  # seconds
# Rich text in the API's structured blocks is HTML with links resolved.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "20"))  # per window
FEEDBACK_RATE_WINDOW = int(os.environ.get("FEEDBACK_RATE_WINDOW", "3600"))  # seconds
FEEDBACK_RETENTION_MONTHS = int(os.environ.get("FEEDBACK_RETENTION_MONTHS", "12"))

# Pages per sitemap file; a larger site gets a sitemap index (cms/sitemaps.py).
SITEMAP_CHUNK = int(os.environ.get("SITEMAP_CHUNK", "2500"))

# CDN purge (cms/caching/cdn.py with Wagtail's frontend-cache backends), by environment:
# FRONTEND_CACHE=http with FRONTEND_CACHE_URL (Varnish/Squid/nginx purge), or
# FRONTEND_CACHE=cloudflare with CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONE_ID.
if os.environ.get("FRONTEND_CACHE") == "http":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }
elif os.environ.get("FRONTEND_CACHE") == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
            "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        }
    }

# Security defaults; dev.py relaxes the HTTPS ones for runserver.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Region Blekinge"
# No Gravatar: the admin would send a hash of every editor's email address to a
# third party (and the admin CSP blocks the image anyway); initials are shown instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call to releases.wagtail.org from editors' browsers: upgrades follow the lock
# file (and the admin CSP blocks the call).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Admin messages ("Page published") live in the session, not in a cookie of their
# own: the cookie page lists every cookie (home.models.CookiePage).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
WAGTAILIMAGES_IMAGE_MODEL = "cms.CustomImage"
# Private pages: the password form in the site's own design; pages for logged-in
# staff send readers to the admin login (with its lockout), then back.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "cms/password_required.html"  # noqa: S105
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
# Documents always go through Wagtail's view, which checks collection privacy; with
# S3 media the default would redirect to a public, permanent bucket address.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.media_forms.ImageForm"  # alt text required
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.media_forms.DocumentForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "ods",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Redirects for old URLs are created for both languages by cms.redirects instead.
WAGTAILREDIRECTS_AUTO_CREATE = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # cms.requests messages are JSON already; wrap them with time and level.
        "json": {
            "format": '{"time": "%(asctime)s", "level": "%(levelname)s", '
            '"logger": "%(name)s", "request": %(message)s}'
        },
    },
    "filters": {
        "no_outage_tracebacks": {"()": "cms.logfilters.DropDatabaseOutageTracebacks"},
        "rate_limited": {"()": "cms.logfilters.RateLimitFilter", "interval": 30},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "outages": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["rate_limited"],
        },
        # Request lines go to stdout (a log platform collects them); the rest to stderr.
        "requests": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django.request": {"filters": ["no_outage_tracebacks"]},
        # Outages are logged once every 30 seconds, not once per request.
        "django_redis": {"handlers": ["outages"], "propagate": False},
        "cms.views": {"handlers": ["outages"], "propagate": False},
        "cms.caching": {
            "handlers": ["outages"],
            "level": "WARNING",
            "propagate": False,
        },
        "cms.requests": {
            "handlers": ["requests"],
            "level": os.environ.get("REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
