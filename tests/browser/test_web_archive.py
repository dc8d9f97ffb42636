"""The web archive in Chromium, as the editor (redaktor) uses it: from a release's
page in the admin to its archived versions, one opened as it was (banner, the
page in its frame with its archived style sheet), and the WARC file downloaded."""

from django.contrib.auth.models import Group

import pytest

from cms.editorial.roles import EDITORS, PUBLISHERS
from records.models import Snapshot
from tests.browser.admin import PASSWORD, login
from tests.builders import make_release
from tests.distribution.conftest import run_worker


@pytest.fixture
def people(django_user_model):
    users = {}
    for username, role in (("redaktor", EDITORS), ("granskare", PUBLISHERS)):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", PASSWORD
        )
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def test_the_editor_opens_a_release_as_it_was(site, new_page, people):
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    # Published twice by the reviewer (transactional test: on_commit runs).
    release = make_release(
        title_sv="Arkiverat pressmeddelande",
        title_en="Archived press release",
        lead_sv="Den första ingressen.",
        lead_en="The first lead.",
    )
    run_worker()  # the worker keeps up with publishing, as in production
    release.lead_sv = "Den andra ingressen."
    release.save_revision(user=people["granskare"]).publish(user=people["granskare"])
    run_worker()
    first = Snapshot.objects.filter(page_id=release.pk, language="sv").order_by("pk")
    assert first.count() == 2

    page = new_page()
    login(page, site.url, "redaktor")
    page.goto(f"{site.url}/admin/pages/{release.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The page's own "Webbarkiv" (the admin menu has one for the whole archive).
    button = page.locator(f"a[href='/admin/webarchive/page/{release.pk}/']")
    if not button.is_visible():
        page.locator("header [data-w-dropdown-target=toggle]").first.click()
    assert button.inner_text().strip() == "Webbarkiv"
    button.click()
    page.wait_for_load_state("networkidle")
    assert "Arkiverade versioner av ”Arkiverat pressmeddelande”" in page.inner_text(
        "main"
    )
    rows = page.locator("tr.snapshot")
    assert rows.count() == 4  # two publishes, two languages
    assert "granskare" in rows.first.inner_text()
    # The oldest Swedish version: the first lead, as readers got it then.
    oldest = first.first()
    page.locator(f"a[href='/admin/webarchive/{oldest.pk}/']").click()
    page.wait_for_load_state("networkidle")
    banner = page.locator(".records-banner").inner_text()
    assert "Arkiverad kopia från" in banner and oldest.url in banner
    frame = page.frame_locator("iframe.records-replay")
    assert frame.locator("h1").inner_text() == "Arkiverat pressmeddelande"
    assert "Den första ingressen." in frame.locator("main").inner_text()
    # Styled by the archived style sheet (loaded from the archive, not the site).
    color = frame.locator("body").evaluate(
        "b => getComputedStyle(b).fontFamily + '|' + document.styleSheets.length"
    )
    assert color.split("|")[1] != "0"
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner WARC-filen").click()
    assert download.value.suggested_filename.endswith(".warc.gz")
    path = download.value.path()
    with open(path, "rb") as f:
        assert f.read(2) == b"\x1f\x8b"  # gzip, one member per record
