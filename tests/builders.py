"""One generic way to build pages and snippets in tests (cfpb's builder habit):
feature tests build the small tree they need with these, in both languages, instead
of asserting the demo's prose."""

import datetime
import itertools
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.text import slugify

from wagtail.models import Page, Site

from cms.blocks import quote_of
from cms.demo import ensure_image
from cms.people import Person
from press.models import NewsIndexPage, PressReleasePage
from specialisation.models import (
    FactBox,
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    SpecialisationAreaPage,
    StrategyPage,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
LANGUAGES = ("sv", "en")
# Settings for rendering from scratch: page, fragment and route caches off.
COLD = {
    "PAGE_CACHE_ENABLED": False,
    "FRAGMENT_CACHE_ENABLED": False,
    "ROUTE_CACHE_ENABLED": False,
}

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
    return NewsIndexPage.objects.get()


def make_release(**fields: Any):
    """A live press release under the demo news index (Swedish by default)."""
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


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.url


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def make_person(name: str = "Testa Testsson", **fields) -> Person:
    fields.setdefault("role_sv", "teststrateg på Testregionen")
    fields.setdefault("role_en", "test strategist at the Test Region")
    return Person.objects.create(name=name, **fields)


def make_organisation(name_sv: str, name_en: str, **fields) -> Organisation:
    return Organisation.objects.create(
        name_sv=name_sv,
        name_en=name_en,
        description_sv=f"{name_sv} är en testorganisation.",
        description_en=f"{name_en} is a test organisation.",
        **fields,
    )


def make_fact_box(**fields) -> FactBox:
    fields.setdefault("title_sv", "Testfakta: testområdet")
    fields.setdefault("title_en", "Test facts: the test area")
    fields.setdefault("body_sv", "<p>Testfaktatext.</p>")
    fields.setdefault("body_en", "<p>Test fact text.</p>")
    return FactBox.objects.create(**fields)


def make_area(title_sv="Testområde", title_en="Test area", **fields):
    fields.setdefault("short_description_sv", f"Beskrivning av {title_sv}.")
    if title_en:
        fields.setdefault("short_description_en", f"Description of {title_en}.")
    fields.setdefault("show_in_menus", True)
    strategy = StrategyPage.objects.get()
    return make_page(
        strategy, SpecialisationAreaPage, title_sv=title_sv, title_en=title_en, **fields
    )


def make_project(title_sv="Testprojekt", title_en="Test project", **fields):
    fields.setdefault("summary_sv", f"Sammanfattning av {title_sv}.")
    if title_en:
        fields.setdefault("summary_en", f"Summary of {title_en}.")
    index = ProjectIndexPage.objects.get()
    return make_page(index, ProjectPage, title_sv=title_sv, title_en=title_en, **fields)


def make_image(title: str, **fields):
    fields.setdefault("alt_sv", f"Alternativtext för {title}")
    fields.setdefault("alt_en", f"Alternative text for {title}")
    return ensure_image(title, size=(400, 225), **fields)


def quote(person: Person, text: str) -> dict:
    """A quote block's value, with the role and party frozen as the admin does."""
    return quote_of(person, text)


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


@override_settings(**COLD)
def count_queries(client, url):
    """Queries to render ``url`` (page and fragment caches off: the budget is for
    rendering from scratch)."""
    client.get(url)  # warm up: renditions are generated on first view
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)
