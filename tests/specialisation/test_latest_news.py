"""The "Aktuellt" block (issue 18) on a page of its own tree: the newest items of
the chosen area and kind, the chosen number, in the page's language, kept up to
date by the publish that adds one, at a fixed number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from cms.editorial.roles import PUBLISHERS
from home.models import ContentPage
from specialisation.models import SpecialisationAreaPage
from tests.builders import home_page, make_page, make_release
from tests.cms.test_workflows import make_user

pytestmark = pytest.mark.django_db


def news(title, area, days_ago, kind="news", english=True):
    fields = {
        "title_sv": f"{title} (sv)",
        "kind": kind,
        "related_areas__m2m": [area],
        "publication_date": timezone.now() - datetime.timedelta(days=days_ago),
    }
    if english:
        fields.update(title_en=f"{title} (en)", slug_en=title.lower().replace(" ", "-"))
    return make_release(**fields)


@pytest.fixture
def tree():
    area, other = SpecialisationAreaPage.objects.live().order_by("path")[:2]
    news("Alpha", area, 1, english=False)
    news("Bravo", area, 2)
    news("Charlie", area, 3)
    news("Delta", area, 4)
    news("Release", area, 0, kind="press_release")
    news("Elsewhere", other, 0)
    page = make_page(
        home_page(),
        ContentPage,
        title_sv="Aktuellt om området",
        title_en="News about the area",
        intro_sv="Ingress.",
        intro_en="Intro.",
        body_sv=[
            {
                "type": "latest_news",
                "value": {"heading": "", "area": area.pk, "kind": "news", "count": 2},
            }
        ],
        body_en=[
            {
                "type": "latest_news",
                "value": {"heading": "", "area": area.pk, "kind": "news", "count": 2},
            }
        ],
    )
    return page, area


def titles(client, url) -> list[str]:
    from lxml import html

    tree = html.fromstring(client.get(url).content)
    return [
        " ".join(node.text_content().split())
        for node in tree.xpath(
            "//section[@class='latest-news']//*[@class='teaser__title']"
        )
    ]


def heading(client, url) -> str:
    from lxml import html

    tree = html.fromstring(client.get(url).content)
    return tree.xpath("//section[@class='latest-news']/h2")[0].text_content().strip()


def test_the_newest_of_the_area_and_kind_in_each_language(client, tree):
    page, _area = tree
    assert titles(client, page.url) == ["Alpha (sv)", "Bravo (sv)"]
    assert heading(client, page.url) == "Aktuellt"
    english = f"/en/{page.slug_en}/"
    # Alpha is Swedish only: English readers get the next one instead.
    assert titles(client, english) == ["Bravo (en)", "Charlie (en)"]
    assert heading(client, english) == "Latest news"


def test_a_publish_updates_the_cached_page(client, tree):
    page, area = tree
    assert titles(client, page.url)[0] == "Alpha (sv)"
    news("Echo", area, 0)
    assert titles(client, page.url) == ["Echo (sv)", "Alpha (sv)"]


def test_queries_do_not_grow_with_the_number_of_items(client, tree, settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    settings.ROUTE_CACHE_ENABLED = False
    page, area = tree
    client.get(page.url)
    with CaptureQueriesContext(connection) as two:
        client.get(page.url)
    for n in range(3):
        news(f"More {n}", area, 0)
    for child in page.body:
        child.value["count"] = 5
    page.save_revision().publish()
    with CaptureQueriesContext(connection) as five:
        client.get(page.url)
    assert len(five) == len(two)


def test_a_reviewer_places_the_block_on_a_content_page(client, tree):
    # Content pages under the home page are the reviewers' (editors have the
    # news, strategy and project sections, whose page types offer it too).
    page, area = tree
    client.force_login(make_user("granskare-a", PUBLISHERS))
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "Aktuellt" in form.content.decode()
    block = {"heading": "Nytt från området", "area": area.pk, "kind": "", "count": 4}
    data = nested_form_data(
        {
            "title_sv": page.title_sv,
            "slug_sv": page.slug_sv,
            "title_en": page.title_en,
            "slug_en": page.slug_en,
            "intro_sv": page.intro_sv,
            "intro_en": page.intro_en,
            "body_sv": streamfield([("latest_news", block)]),
            "body_en": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    (child,) = draft.body_sv
    assert child.block_type == "latest_news"
    assert child.value["heading"] == "Nytt från området", dict(child.value)
    assert child.value["count"] == 4
