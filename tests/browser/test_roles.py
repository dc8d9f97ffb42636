"""A test press release, walked through the admin by the demo roles in a real
browser, at human pace (Wagtail 8's autosave on), then read back by readers and
compared with what was typed, part by part, in Swedish and English. The people,
partners and fact box it uses are built here (tests/browser/release_walk.py holds
the values and each role's steps); only the roles and the news index are the demo's.

- redaktor writes it: uploads and chooses the main image, three quotes of saved
  people (one with the role at the time of the quote typed over), six partners
  ticked in one list, a reused fact box; then submits it to "Pressmeddelanden".
- granskare previews it in the side panel and approves the review step.
- oversattare copies the Swedish layout to English and starts translating.
- granskare sends the half-translated page back with "Begär ändringar", from the
  edit view.
- redaktor submits it again; oversattare finishes the English slowly and marks the
  translation ready.
- granskare clicks "Godkänn och publicera" once.

Between edits each person pauses longer than the autosave needs to fire, so the
autosave runs all the way through, as it does for people.
"""

from django.contrib.auth.models import Group

from wagtail.models import PageLogEntry

import pytest

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from cms.models import CustomImage
from press.models import PressReleasePage
from tests.browser.admin import PASSWORD, login
from tests.browser.release_walk import (
    CHAIR_PARTY,
    CHAIR_ROLE_SV,
    ENGLISH,
    PARTNERS,
    SWEDISH,
    approve_and_publish,
    approve_review_with_preview,
    build_parts,
    finish_translation,
    request_changes,
    resubmit,
    start_translation,
    wait_for_draft,
    write_release,
)


def read_back(new_page, base_url, release):
    release = PressReleasePage.objects.get(pk=release.pk)
    for width in (390, 1280):
        reader = new_page(width=width)
        reader.goto(base_url + release.get_url())  # Swedish
        assert reader.locator("html").get_attribute("lang") == "sv"
        assert reader.locator("h1").inner_text() == SWEDISH["title"]
        assert reader.locator("p.lead").inner_text() == SWEDISH["lead"]
        image = reader.locator(".release__image img")
        assert image.get_attribute("alt") == SWEDISH["image_alt"]
        credit = f"Foto: {SWEDISH['credit']}"
        assert credit in reader.locator(".release__image").inner_text()
        stream = reader.locator(".stream")
        headings = stream.locator("h2").all_inner_texts()
        for heading in SWEDISH["headings"]:
            assert heading in headings
        text = stream.inner_text()
        for paragraph in SWEDISH["texts"]:
            assert paragraph in text
        figures = stream.locator("figure.quote")
        assert figures.count() == 3
        for n, (quote, speaker) in enumerate(SWEDISH["quotes"]):
            assert figures.nth(n).locator("blockquote").inner_text() == quote
            assert speaker in figures.nth(n).locator("figcaption").inner_text()
        chair = figures.nth(2).locator("figcaption").inner_text()
        assert f"({CHAIR_PARTY})" in chair and CHAIR_ROLE_SV in chair
        assert "teststrateg på Testregionen" in figures.nth(0).inner_text()
        partners = stream.locator(".partner-list li").all_inner_texts()
        assert sorted(partners) == sorted(PARTNERS)
        assert stream.locator(".partner-list h2").inner_text() == SWEDISH["partners"]
        box = stream.locator(".fact-box")
        assert box.locator("h2").inner_text() == SWEDISH["fact_box"]
        for area in SWEDISH["areas"]:
            assert area in box.inner_text()
        assert SWEDISH["feedback"] in reader.content()

        reader.click("text=In English")
        reader.wait_for_load_state()
        assert reader.locator("html").get_attribute("lang") == "en"
        assert reader.locator("h1").inner_text() == ENGLISH["title"]
        assert reader.locator("p.lead").inner_text() == ENGLISH["lead"]
        stream = reader.locator(".stream")
        text = stream.inner_text()
        for paragraph in ENGLISH["texts"] + ENGLISH["headings"]:
            assert paragraph in text
        figures = stream.locator("figure.quote")
        assert figures.count() == 3
        for n, quote in enumerate(ENGLISH["quotes"]):
            assert figures.nth(n).locator("blockquote").inner_text() == quote
            assert figures.nth(n).locator("figcaption").inner_text().strip() != "–"
        assert "test strategist at the Test Region" in figures.nth(0).inner_text()
        assert ENGLISH["chair_role"] in figures.nth(2).inner_text()
        assert stream.locator(".partner-list h2").inner_text() == ENGLISH["partners"]
        partners = stream.locator(".partner-list li").all_inner_texts()
        assert sorted(partners) == sorted(PARTNERS.values())
        box = stream.locator(".fact-box")
        assert box.locator("h2").inner_text() == ENGLISH["fact_box"]
        for area in ENGLISH["areas"]:
            assert area in box.inner_text()
        assert ENGLISH["feedback"] in reader.content()


@pytest.fixture
def demo_roles(site, django_user_model):
    """The demo's three roles, and the people, partners and fact box the release
    uses (built after the live server's demo reload)."""
    build_parts()
    users = {}
    for username, role in (
        ("redaktor", EDITORS),
        ("granskare", PUBLISHERS),
        ("oversattare", TRANSLATORS),
    ):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", PASSWORD
        )
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def task_name(release):
    task = PressReleasePage.objects.get(pk=release.pk).current_workflow_task
    return task.name if task else None


def test_a_release_through_the_whole_workflow(site, demo_roles, new_page, tmp_path):
    editor, reviewer, translator = new_page(), new_page(), new_page()
    login(editor, site.url, "redaktor")
    login(reviewer, site.url, "granskare")
    login(translator, site.url, "oversattare")

    write_release(editor, site.url, tmp_path)
    release = PressReleasePage.objects.get(title_sv=SWEDISH["title"])
    assert not release.live
    assert task_name(release) == "Granskning"
    image = CustomImage.objects.get(title=SWEDISH["image_title"])
    assert image.uploaded_by_user == demo_roles["redaktor"]
    assert release.get_latest_revision_as_object().image == image

    approve_review_with_preview(reviewer, site.url, release)
    assert task_name(release) == "Översättning klar"

    start_translation(translator, site.url, release)
    # The translator stops for now and leaves the editor once her last words are
    # saved (on a slow machine the last autosave can land after the reviewer
    # opened the page, and Wagtail then asks the reviewer first: another case).
    draft = wait_for_draft(
        release, lambda d: ENGLISH["texts"][0][:40] in str(d.body_en)
    )
    translator.goto(site.url + "/admin/")
    # Nobody clicked "Spara": the autosave stored what the translator typed.
    assert draft.title_en == ENGLISH["title"]
    assert "brödtext" in " ".join(draft.missing_english_labels())
    # Autosaves never passed the step while the translator typed.
    assert task_name(release) == "Översättning klar"
    quote = [c for c in draft.body_en if c.block_type == "quote"][2].value
    assert quote["role_sv"] == CHAIR_ROLE_SV  # copying kept the role override

    request_changes(reviewer, site.url, release)
    state = PressReleasePage.objects.get(pk=release.pk).current_workflow_state
    assert state.status == state.STATUS_NEEDS_CHANGES
    resubmit(editor, site.url, release)
    assert task_name(release) == "Översättning klar"

    finish_translation(translator, site.url, release)
    assert task_name(release) == "Publiceringsgodkännande"

    posts = approve_and_publish(reviewer, site.url, release)
    release = PressReleasePage.objects.get(pk=release.pk)
    assert release.live
    assert release.current_workflow_state is None
    assert (
        PageLogEntry.objects.filter(page=release, action="wagtail.publish").count() == 1
    )
    assert len(posts) == 1, posts  # one click, one request

    read_back(new_page, site.url, release)
