"""WSGI entry point; gunicorn serves ``cms.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

django_application = get_wsgi_application()

from cms.caching.pages import CachedWSGIApplication  # noqa: E402 - needs Django set up

# Page-cache hits are answered before Django builds a request (cms/cache.py).
application = CachedWSGIApplication(django_application)
