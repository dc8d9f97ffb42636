"""Old addresses keep working, in both languages, after a page is moved or its slug
changes.

Wagtail's own automatic redirects cover only the language that happens to be
active in the admin, so they are switched off (WAGTAILREDIRECTS_AUTO_CREATE) and
these functions (called by BasePage.save for slug changes, and connected to
Wagtail's move signals in CmsConfig.ready) create them for every language, for the
page and its descendants.
"""

from django.conf import settings
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.signals import post_page_move, pre_page_move

_urls_before_move: dict[int, dict[int, dict[str, str]]] = {}


def urls_by_language(pages) -> dict[int, dict[str, str]]:
    result = {}
    for page in pages:
        urls = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                urls[language] = page.get_url()
        result[page.pk] = urls
    return result


def subtree(page):
    return list(Page.objects.filter(path__startswith=page.path).order_by("path"))


def add_redirects(before: dict[int, dict[str, str]], after_pages) -> None:
    """Redirect every URL in ``before`` that changed to the page it belonged to."""
    after = urls_by_language(after_pages)
    by_pk = {page.pk: page for page in after_pages}
    for pk, urls in before.items():
        page = by_pk.get(pk)
        if page is None:
            continue
        for language, old_url in urls.items():
            new_url = after[pk].get(language)
            if not old_url or old_url == new_url:
                continue
            normalised = Redirect.normalise_path(old_url)
            site = page.get_site()
            Redirect.objects.filter(old_path=normalised, site=site).delete()
            Redirect.add_redirect(
                normalised,
                redirect_to=page,
                is_permanent=True,
                site=site,
                automatically_created=True,
            )


def before_move(sender, instance=None, **kwargs):
    _urls_before_move[instance.pk] = urls_by_language(subtree(instance))


def after_move(sender, instance=None, **kwargs):
    before = _urls_before_move.pop(instance.pk, None)
    if before:
        add_redirects(before, subtree(Page.objects.get(pk=instance.pk)))


def connect() -> None:
    pre_page_move.connect(before_move, dispatch_uid="redirects-before-move")
    post_page_move.connect(after_move, dispatch_uid="redirects-after-move")
