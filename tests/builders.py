"""One generic way to build pages and snippets in tests (cfpb's builder habit)."""

import itertools
from typing import Any

from django.utils.text import slugify

from wagtail.models import Page, Site

_counter = itertools.count(1)


def home_page() -> Page:
    return Site.objects.get(is_default_site=True).root_page.specific


def make_page(
    parent: Page, page_class: type[Page], *, publish: bool = True, **fields: Any
):
    """Create a page of ``page_class`` under ``parent``. Swedish title and slug are
    filled in if not given; English fields only when passed."""
    n = next(_counter)
    fields.setdefault("title_sv", f"Testsida {n}")
    fields.setdefault("slug_sv", slugify(fields["title_sv"]) or f"testsida-{n}")
    if fields.get("title_en") and "slug_en" not in fields:
        fields["slug_en"] = slugify(fields["title_en"])
    m2m = {k: fields.pop(k) for k in list(fields) if k.endswith("__m2m")}
    page = page_class(**fields)
    parent.add_child(instance=page)
    for name, value in m2m.items():
        getattr(page, name.removesuffix("__m2m")).set(value)
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        Page.objects.filter(pk=page.pk).update(live=False)
    page.refresh_from_db()
    return page


def news_index():
    from press.models import NewsIndexPage

    return NewsIndexPage.objects.get()


def make_release(**fields: Any):
    """A live press release under the demo news index (Swedish by default)."""
    from django.utils import timezone

    from press.models import PressReleasePage

    fields.setdefault("lead_sv", "En kort ingress.")
    fields.setdefault("body_sv", [{"type": "text", "value": "<p>Brödtext.</p>"}])
    fields.setdefault("publication_date", timezone.now())
    if fields.get("title_en"):
        fields.setdefault("lead_en", "A short lead.")
        fields.setdefault("body_en", [{"type": "text", "value": "<p>Body text.</p>"}])
    return make_page(news_index(), PressReleasePage, **fields)


def stream(*pairs) -> list[dict]:
    """Raw StreamField data from (block type, value) pairs."""
    return [{"type": block_type, "value": value} for block_type, value in pairs]


def in_translation_step(page, user):
    """Start ``page``'s workflow as ``user`` and pass the review step, so the page
    waits in "Översättning klar", where translators work (its English must be
    missing, or the step passes by itself)."""
    page.save_revision(user=user)
    state = page.get_workflow().start(page, user)
    state.current_task_state.approve(user=user)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Översättning klar"
    return page
