"""A reader's request that runs while the final approval is still publishing (its
transaction not yet committed) must not leave the old page in the cache.

The reader is a real HTTP request to the live server (another thread, another
database connection), made at the worst moment: from inside the publish, after the
page cache was invalidated and before the commit.
"""

import io
import threading
import urllib.request

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.signals import published

import pytest

from cms.editorial.roles import PUBLISHERS
from tests.builders import make_release
from tests.cms.test_editor_path import form_data
from tests.cms.test_workflows import make_user


def read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return response.read().decode()


@pytest.fixture
def demo_site(live_server, transactional_db, settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    call_command("load_demo", stdout=io.StringIO())
    return live_server


def test_a_reader_racing_the_final_approval_never_caches_the_old_page(demo_site):
    page = make_release(
        title_sv="Gammal rubrik",
        slug_sv="kapplopning",
        title_en="Old headline",
        slug_en="race",
    )
    with translation.override("sv"):
        url = demo_site.url + page.url
    assert "Gammal rubrik" in read(url)
    assert "Gammal rubrik" in read(url)  # now from the cache

    # A new version goes through the workflow up to the final approval.
    reviewer = make_user("granskare-race", PUBLISHERS)
    draft = page.get_latest_revision_as_object()
    draft.title_sv = "Ny rubrik"
    draft.save_revision(user=reviewer)
    state = page.get_workflow().start(page, reviewer)
    # Granskning; "Översättning klar" then passes by itself (English complete).
    state.current_task_state.approve(user=reviewer)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Publiceringsgodkännande"

    seen_during_publish = []

    def reader_inside_the_publish(sender, instance, **kwargs):
        if instance.pk != page.pk:
            return
        reader = threading.Thread(target=lambda: seen_during_publish.append(read(url)))
        reader.start()
        reader.join(timeout=30)

    # Wagtail's last signal of a publish, after every page cache invalidation in it.
    published.connect(reader_inside_the_publish)
    try:
        client = Client()
        client.force_login(reviewer)
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {
                **form_data(page.get_latest_revision_as_object()),
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
            },
        )
    finally:
        published.disconnect(reader_inside_the_publish)
    assert response.status_code == 302
    # The reader really ran before the commit and saw the old page...
    assert len(seen_during_publish) == 1
    assert "Gammal rubrik" in seen_during_publish[0]
    # ...but what it cached is gone once the approval has committed.
    body = read(url)
    assert "Ny rubrik" in body
    assert "Gammal rubrik" not in body
