"""The seed press release, walked through the admin by the demo roles in a real
browser, at human pace (Wagtail 8's autosave on), then read back by readers and
compared with the seed text part by part in Swedish and English.

- redaktor writes it: uploads and chooses the main image, three quotes of saved
  people (one with the role at the time of the quote typed over), six partners
  ticked in one list, the reused fact box; then submits it to "Pressmeddelanden".
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

import re
import time
from pathlib import Path

from django.contrib.auth.models import Group

from wagtail.models import PageLogEntry

import pytest
from PIL import Image as PILImage

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from cms.models import CustomImage
from press.models import NewsIndexPage, PressReleasePage
from tests.browser.admin import (
    PASSWORD,
    PAUSE_MS,
    add_block,
    block,
    choose_snippet,
    footer_action,
    login,
    open_chooser,
    pause,
    tick,
    type_rich_text,
)

_SEED_NAME = "press-release-kickstart-s3.sv.txt"
SEED_PATHS = [
    Path(__file__).resolve().parents[3] / "shared" / "seed" / _SEED_NAME,
    Path(__file__).resolve().parents[1] / "data" / _SEED_NAME,
]


def seed_parts() -> dict:
    """The parts of the seed press release, read from the seed file."""
    path = next(p for p in SEED_PATHS if p.exists())
    text = path.read_text()
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    quotes = []
    for paragraph in paragraphs:
        if paragraph.startswith("- "):
            text, speaker = paragraph[2:].split(", säger ")
            quotes.append((text, speaker.rstrip(".")))
    fact_index = next(i for i, p in enumerate(paragraphs) if p.startswith("Fakta:"))
    return {
        "image_alt": paragraphs[1],
        "title": paragraphs[2],
        "lead": paragraphs[3],
        "texts": [paragraphs[4], paragraphs[7], paragraphs[10]],
        "headings": [paragraphs[6], paragraphs[9]],
        "quotes": quotes,
        "fact_box": paragraphs[fact_index],
        "areas": ["Smart industri", "Tech", "Missions"],
        "feedback": text.strip().splitlines()[-1],
    }


SEED = seed_parts()
PARTNERS = [
    "Blekinge Tekniska högskola",
    "Almi",
    "Netport Science Park",
    "Techtank",
    "Blue Science Park",
    "Blekinge Business Incubator",
]
JOHAN_ROLE_SV = (
    "ordförande i Region Blekinges regionala utvecklingsnämnd som nyligen "
    "fattade beslut om projektet"
)
ENGLISH = {
    "title": "Region Blekinge invests in the county's recovery",
    "lead": (
        "The coronavirus crisis has brought great challenges to Blekinge and the "
        "rest of the world. Kickstart S3 is to help the county recover."
    ),
    "texts": [
        "The goal is to make Blekinge a region at the forefront.",
        "Blekinge's smart specialisation strategy highlights three areas.",
        "The pandemic has made the Kickstart project especially relevant.",
    ],
    "headings": ["Strong support", "Sharpening the power of innovation"],
    "quotes": [
        "This is where Kickstart S3 comes in",
        "The innovations of the future require broad support",
        "Blekinge now has a window to sharpen its power of innovation",
    ],
    "johan_role": (
        "chair of Region Blekinge's regional development committee, which "
        "recently decided on the project"
    ),
    "partners": "Partners in Kickstart S3",
    "fact_box": "Facts: Blekinge's smart specialisation strategy",
    "feedback": "Did you find the information you were looking for?",
}


def add_quote(page, field, text, person, role=None):
    index = add_block(page, field, "Citat")
    page.fill(f"[name='{field}-{index}-value-text']", text)
    choose_snippet(page, f"{field}-{index}-value-person", person)
    if role:
        page.fill(f"[name='{field}-{index}-value-role_sv']", role)
    pause(page)


def jpeg(path: Path) -> Path:
    PILImage.new("RGB", (1200, 630), (0, 84, 147)).save(path, "JPEG")
    return path


def upload_main_image(page, tmp_path):
    open_chooser(page, page.locator("#id_image-chooser .chooser__choose-button"))
    page.get_by_role("tab", name="Ladda upp").click()
    page.fill("#id_image-chooser-upload-title", "Region Blekinges flaggor")
    page.set_input_files(
        "#id_image-chooser-upload-file", str(jpeg(tmp_path / "flaggor.jpg"))
    )
    page.fill("#id_image-chooser-upload-description_sv", SEED["image_alt"])
    page.fill("#id_image-chooser-upload-credit", "Region Blekinge")
    page.locator(
        ".modal-dialog form button[type=submit], .modal-dialog form input[type=submit]"
    ).last.click()
    page.wait_for_function("document.querySelector('[name=\"image\"]').value !== ''")
    page.wait_for_selector(".modal-dialog", state="detached")


# --- the walk ----------------------------------------------------------------------


def write_release(page, base_url, tmp_path):
    news = NewsIndexPage.objects.get()
    page.goto(f"{base_url}/admin/pages/{news.pk}/")
    page.goto(f"{base_url}/admin/pages/add/press/pressreleasepage/{news.pk}/")
    page.fill("#id_title_sv", SEED["title"])
    pause(page)  # the first autosave creates the page
    page.fill("#id_lead_sv", SEED["lead"])
    pause(page)
    upload_main_image(page, tmp_path)
    pause(page)

    texts, quotes, headings = SEED["texts"], SEED["quotes"], SEED["headings"]
    type_rich_text(page, "body_sv", add_block(page, "body_sv", "Text"), texts[0])
    pause(page)
    add_quote(page, "body_sv", quotes[0][0], "Erika Augustinsson")
    index = add_block(page, "body_sv", "Rubrik")
    page.fill(f"[name='body_sv-{index}-value-text']", headings[0])
    pause(page)
    type_rich_text(page, "body_sv", add_block(page, "body_sv", "Text"), texts[1])
    pause(page)
    index = add_block(page, "body_sv", "Partnerlista")
    page.fill(f"[name='body_sv-{index}-value-heading']", "Partner i Kickstart S3")
    partners = block(page, "body_sv", index)
    for name in PARTNERS:
        tick(partners.get_by_label(name, exact=True))
    pause(page)
    add_quote(page, "body_sv", quotes[1][0], "Erika Augustinsson")
    index = add_block(page, "body_sv", "Rubrik")
    page.fill(f"[name='body_sv-{index}-value-text']", headings[1])
    pause(page)
    type_rich_text(page, "body_sv", add_block(page, "body_sv", "Text"), texts[2])
    pause(page)
    add_quote(page, "body_sv", quotes[2][0], "Johan Sandberg", role=JOHAN_ROLE_SV)
    index = add_block(page, "body_sv", "Faktaruta")
    choose_snippet(page, f"body_sv-{index}-value", "Blekinge")
    pause(page)
    # Each body shows only its own language's role of a quote.
    assert page.locator("[name='body_sv-1-value-role_sv']").is_visible()
    assert not page.locator("[name='body_sv-1-value-role_en']").is_visible()

    footer_action(page, "Lämna in till Pressmeddelanden")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert "inlämnad för moderering" in page.locator(".messages").inner_text()


def edit(page, base_url, release):
    page.goto(f"{base_url}/admin/pages/{release.pk}/edit/")
    page.wait_for_load_state("networkidle")


def approve_review_with_preview(page, base_url, release):
    edit(page, base_url, release)
    page.locator("button[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator(
        "iframe[data-w-preview-target='iframe'], .preview-panel iframe"
    ).first
    assert frame.locator("h1").first.inner_text(timeout=30_000) == SEED["title"]
    # Wagtail's content checks run on the previewed page.
    page.locator("button[data-side-panel-toggle='checks']").click()
    checks = page.locator("[data-side-panel='checks']")
    page.wait_for_function(
        "/Ord\\s+\\d+/.test(document.querySelector(\"[data-side-panel='checks']\").innerText)",
        timeout=30_000,
    )
    assert "Läsbarhet" in checks.inner_text()
    footer_action(page, "Godkänn")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))


def start_translation(page, base_url, release):
    edit(page, base_url, release)
    status = page.locator("[data-translation-status]")
    assert "inte komplett" in status.inner_text()
    status.get_by_role("link", name="Kopiera svensk layout till engelska").click()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(rf"/admin/pages/{release.pk}/edit/"))
    # Show the English fields; the choice survives a reload.
    page.locator("button.locale-toggle", has_text="en").click()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_title_en").is_visible()
    page.fill("#id_title_en", ENGLISH["title"])
    pause(page)
    page.fill("#id_lead_en", ENGLISH["lead"])
    pause(page)
    type_rich_text(page, "body_en", 0, ENGLISH["texts"][0])
    pause(page)


def wait_for_draft(release, check, timeout: float = 60):
    """The latest draft once ``check`` holds for it (an autosave has landed)."""
    deadline = time.monotonic() + timeout
    while True:
        page = PressReleasePage.objects.get(pk=release.pk)
        draft = page.get_latest_revision_as_object()
        if check(draft):
            return draft
        if time.monotonic() > deadline:
            raise AssertionError("the autosave did not store the typed text")
        time.sleep(0.5)


def request_changes(page, base_url, release):
    edit(page, base_url, release)
    footer_action(page, "Begär ändringar")
    # The comment form is a modal fetched from the server: on a loaded machine it
    # took over Playwright's default 30 s to appear once (CI on a busy machine).
    page.locator(".modal-dialog textarea").wait_for(timeout=90_000)
    page.fill(".modal-dialog textarea", "Vänta med engelskan tills citaten är klara.")
    page.locator(".modal-dialog button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert "fel" not in page.locator(".messages").inner_text().lower()


def resubmit(page, base_url, release):
    edit(page, base_url, release)
    # Back to the step that asked for changes.
    footer_action(page, "Skicka igen till Översättning klar")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))


def finish_translation(page, base_url, release):
    edit(page, base_url, release)
    english = ENGLISH
    # The copied layout: text, quote, heading, text, partners, quote, heading,
    # text, quote, fact box.
    page.fill("[name='body_en-1-value-text']", english["quotes"][0])
    pause(page)
    page.fill("[name='body_en-2-value-text']", english["headings"][0])
    pause(page)
    type_rich_text(page, "body_en", 3, english["texts"][1])
    pause(page)
    page.fill("[name='body_en-4-value-heading']", english["partners"])
    pause(page)
    page.fill("[name='body_en-5-value-text']", english["quotes"][1])
    pause(page)
    page.fill("[name='body_en-6-value-text']", english["headings"][1])
    pause(page)
    type_rich_text(page, "body_en", 7, english["texts"][2])
    pause(page)
    page.fill("[name='body_en-8-value-text']", english["quotes"][2])
    assert page.locator("[name='body_en-8-value-role_en']").is_visible()
    assert not page.locator("[name='body_en-8-value-role_sv']").is_visible()
    page.fill("[name='body_en-8-value-role_en']", english["johan_role"])
    pause(page)
    page.get_by_role("tab", name=re.compile("Marknadsför")).click()
    if not page.input_value("#id_slug_en"):
        page.fill("#id_slug_en", "region-blekinge-invests-in-recovery")
    page.get_by_role("tab", name=re.compile("Innehåll")).click()
    pause(page)
    footer_action(page, "Markera översättningen som klar")
    # Translators land on their dashboard (they have no page listings).
    page.wait_for_url(re.compile(r"/admin/$"))
    assert "rättigheter" not in page.locator(".messages").inner_text()
    assert "Publiceringsgodkännande" in page.locator(".messages").inner_text()


def approve_and_publish(page, base_url, release):
    edit(page, base_url, release)
    posts = []
    page.on(
        "request",
        lambda r: (
            posts.append(r.url)
            if r.method == "POST" and r.url.endswith("/edit/")
            else None
        ),
    )
    failures = []
    page.on("response", lambda r: failures.append(r.url) if r.status >= 500 else None)
    footer_action(page, "Godkänn och publicera")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    page.wait_for_timeout(PAUSE_MS)
    assert failures == []
    return posts


# --- readers -----------------------------------------------------------------------


def read_back(new_page, base_url, release):
    release = PressReleasePage.objects.get(pk=release.pk)
    for width in (390, 1280):
        reader = new_page(width=width)
        reader.goto(base_url + release.get_url())  # Swedish
        assert reader.locator("html").get_attribute("lang") == "sv"
        assert reader.locator("h1").inner_text() == SEED["title"]
        assert reader.locator("p.lead").inner_text() == SEED["lead"]
        image = reader.locator(".release__image img")
        assert image.get_attribute("alt") == SEED["image_alt"]
        assert "Foto: Region Blekinge" in reader.locator(".release__image").inner_text()
        stream = reader.locator(".stream")
        headings = stream.locator("h2").all_inner_texts()
        for heading in SEED["headings"]:
            assert heading in headings
        text = stream.inner_text()
        for paragraph in SEED["texts"]:
            assert paragraph in text
        figures = stream.locator("figure.quote")
        assert figures.count() == 3
        for n, (quote, speaker) in enumerate(SEED["quotes"]):
            assert figures.nth(n).locator("blockquote").inner_text() == quote
            caption = figures.nth(n).locator("figcaption").inner_text()
            assert speaker.split(",")[0] in caption
        johan = figures.nth(2).locator("figcaption").inner_text()
        assert "(M)" in johan and JOHAN_ROLE_SV in johan
        assert "innovationsstrateg på Region Blekinge" in figures.nth(0).inner_text()
        partners = stream.locator(".partner-list li").all_inner_texts()
        assert sorted(partners) == sorted(PARTNERS)
        box = stream.locator(".fact-box")
        assert box.locator("h2").inner_text() == SEED["fact_box"]
        for area in SEED["areas"]:
            assert area in box.inner_text()
        assert SEED["feedback"] in reader.content()

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
        assert "innovation strategist at Region Blekinge" in figures.nth(0).inner_text()
        assert ENGLISH["johan_role"] in figures.nth(2).inner_text()
        assert stream.locator(".partner-list h2").inner_text() == ENGLISH["partners"]
        assert stream.locator(".partner-list li").count() == len(PARTNERS)
        assert stream.locator(".fact-box h2").inner_text() == ENGLISH["fact_box"]
        assert ENGLISH["feedback"] in reader.content()


# --- the test ------------------------------------------------------------------------


@pytest.fixture
def demo_roles(site, django_user_model):
    # The demo site holds the seed release already; here it is written anew.
    PressReleasePage.objects.filter(title_sv=SEED["title"]).delete()
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


def test_the_seed_release_through_the_whole_workflow(
    site, demo_roles, new_page, tmp_path
):
    editor, reviewer, translator = new_page(), new_page(), new_page()
    login(editor, site.url, "redaktor")
    login(reviewer, site.url, "granskare")
    login(translator, site.url, "oversattare")

    write_release(editor, site.url, tmp_path)
    release = PressReleasePage.objects.get(title_sv=SEED["title"])
    assert not release.live
    assert task_name(release) == "Granskning"
    image = CustomImage.objects.get(title="Region Blekinges flaggor")
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
    assert quote["role_sv"] == JOHAN_ROLE_SV  # copying kept the role override

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
