"""Klarspråk checks and review dates in Chromium, as redaktor uses them: she
writes a sentence into a release at human pace, opens "Kontroller" and sees
Wagtail's metrics with the klarspråk warnings of the Swedish text, then switches
the preview to English and sees the English ones; on the dashboard she marks a
page she keeps as "Granskad utan ändring", and a reader sees the new date."""

import datetime
import re

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from cms.editorial.roles import EDITORS
from cms.plain_language.models import PlainWord
from specialisation.models import SpecialisationAreaPage
from tests.browser.admin import PASSWORD, block, login, pause, type_rich_text
from tests.builders import make_release

LONG_SV = (
    "Regionen har tillsammans med kommunerna, högskolan och näringslivet i länet "
    "tagit fram en ny plan för hur företagen ska kunna växa, anställa fler och "
    "sälja mer till andra länder under de kommande åren."
)


@pytest.fixture
def redaktor(site, django_user_model):
    user = django_user_model.objects.create_user(
        "redaktor", "redaktor@example.org", PASSWORD
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def checks_text(page) -> str:
    return page.locator("[data-side-panel='checks']").inner_text()


def wait_for_check(page, text, timeout=30_000):
    page.wait_for_function(
        "text => document.querySelector(\"[data-side-panel='checks']\")"
        ".innerText.includes(text)",
        arg=text,
        timeout=timeout,
    )


def test_redaktor_sees_the_klarsprak_checks_in_both_languages(site, new_page, redaktor):
    # The word list as the migration seeds it (a live-server test starts empty).
    PlainWord.objects.get_or_create(
        word="erhålla", language="sv", defaults={"replacement": "få"}
    )
    release = make_release(
        title_sv="Klarspråk i redigeraren",
        title_en="Plain language in the editor",
        body_sv=[{"type": "text", "value": "<p>Regionen satsar på industrin.</p>"}],
        body_en=[
            {"type": "text", "value": "<p>The plan was decided by the board.</p>"}
        ],
        publish=False,
    )
    page = new_page()
    login(page, site.url, "redaktor")
    page.goto(f"{site.url}/admin/pages/{release.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # She writes a long sentence with a bureaucratic word, slowly, and waits
    # longer than the autosave does.
    type_rich_text(page, "body_sv", 0, f"{LONG_SV} Alla kan erhålla stöd.")
    pause(page)
    assert "erhålla" in block(page, "body_sv", 0).inner_text()

    page.locator("button[data-side-panel-toggle='checks']").click()
    page.wait_for_function(
        "/Ord\\s+\\d+/.test(document.querySelector(\"[data-side-panel='checks']\").innerText)",
        timeout=30_000,
    )
    wait_for_check(page, "Lång mening (mer än 25 ord)")
    text = checks_text(page)
    assert "Läsbarhet" in text  # Wagtail's own metrics, on the previewed page
    assert "”erhålla”: skriv ”få”" in text
    assert "Kanske passiv form" not in text  # the Swedish text has none

    # The English preview: the English text's own findings.
    page.locator("button[data-side-panel-toggle='preview']").click()
    page.locator("[data-w-preview-target='mode']").select_option("en")
    frame = page.frame_locator("iframe[data-w-preview-target='iframe']").first
    frame.locator("html[lang='en']").wait_for(state="attached", timeout=30_000)
    page.locator("button[data-side-panel-toggle='checks']").click()
    wait_for_check(page, "Kanske passiv form")
    text = checks_text(page)
    assert "”erhålla”" not in text  # a Swedish word, not in the English text
    # Nothing was published or lost: the draft holds what she wrote.
    release.refresh_from_db()
    assert not release.live
    draft = release.get_latest_revision_as_object()
    assert "erhålla" in str(draft.body_sv)


def test_redaktor_marks_her_page_reviewed_from_the_dashboard(site, new_page, redaktor):
    area = SpecialisationAreaPage.objects.live().first()
    SpecialisationAreaPage.objects.filter(pk=area.pk).update(
        review_owner=redaktor,
        last_reviewed_at=datetime.date(2025, 6, 2),
        next_review_at=timezone.localdate() - datetime.timedelta(days=2),
    )
    page = new_page()
    login(page, site.url, "redaktor")
    panel = page.locator("section[aria-labelledby='cms-review-heading']")
    assert "Dina sidor att granska" in panel.inner_text()
    row = panel.locator("tr", has_text=area.title)
    assert "Försenad" in row.inner_text()
    row.get_by_role("link", name="Granskad utan ändring").click()
    page.wait_for_url(re.compile(rf"/admin/review/{area.pk}/reviewed/"))
    pause(page)
    page.get_by_role("button", name="Ja, sidan stämmer fortfarande").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert "är markerad som granskad" in page.locator(".messages").inner_text()
    area.refresh_from_db()
    assert area.last_reviewed_at == timezone.localdate()

    reader = new_page(width=390, height=844)
    reader.goto(site.url + area.url)
    line = reader.locator(".last-reviewed").inner_text()
    assert line.startswith("Senast granskad")
    assert "2025" not in line
