"""The test press release that tests/browser/test_roles.py walks through the admin:
its values in Swedish and English, the people, partners and fact box it uses
(built by ``build_parts``), and each role's steps in the editor, at human pace."""

import re
import time
from pathlib import Path

from PIL import Image as PILImage

from press.models import NewsIndexPage, PressReleasePage
from tests.browser.admin import (
    PAUSE_MS,
    add_block,
    block,
    choose_snippet,
    footer_action,
    open_chooser,
    pause,
    tick,
    type_rich_text,
)
from tests.builders import make_fact_box, make_organisation, make_person

STRATEGIST = "Testa Testsson"  # make_person's role: "teststrateg på Testregionen"
CHAIR = "Prova Provsson"
CHAIR_PARTY = "TP"
# Typed over the chair's saved role in the third quote (the role at the time).
CHAIR_ROLE_SV = "ordförande i testnämnden som nyss beslutade om testprojektet"
PARTNERS = {  # Swedish name: English name
    "Testhögskolan": "Test University",
    "Testinkubatorn": "Test Incubator",
    "Testparken": "Test Science Park",
    "Testfonden": "Test Fund",
    "Testverkstaden": "Test Workshop",
    "Testnätverket": "Test Network",
}
SWEDISH = {
    "title": "Testpressmeddelande: Testregionen satsar på testområdet",
    "lead": (
        "Testregionen satsar på testområdet. Testprojektet ska pröva hela "
        "arbetsflödet, från första utkast till publicering på två språk."
    ),
    "image_title": "Testbild från redaktören",
    "image_alt": "Alternativtext för testbilden från redaktören",
    "credit": "Testfotograf",
    "texts": [
        "Målet med testprojektet är att pröva varje steg i arbetsflödet en gång.",
        "Testområdet lyfter fram tre delar som är viktiga för testregionen.",
        "Testet har gjort arbetet med testprojektet extra aktuellt i år.",
    ],
    "headings": ["Testrubrik ett", "Testrubrik två"],
    "quotes": [
        ("Det är här testprojektet kommer in i bilden", STRATEGIST),
        ("Framtidens tester kräver en bred uppslutning", STRATEGIST),
        ("Nu har testregionen ett fönster att vässa sina tester", CHAIR),
    ],
    "partners": "Testpartner i testprojektet",
    "fact_box": "Testfakta: testområdet",
    "areas": ["Testdel ett", "Testdel två", "Testdel tre"],
    "feedback": "Hittade du informationen du sökte?",  # the site's own question
}
ENGLISH = {
    "title": "The Test Region invests in the test area",
    "lead": (
        "The Test Region invests in the test area. The test project is to try "
        "the whole workflow, from the first draft to publishing in two languages."
    ),
    "texts": [
        "The goal of the test project is to try every step of the workflow once.",
        "The test area highlights three parts that matter to the test region.",
        "The test has made the work on the test project especially relevant.",
    ],
    "headings": ["Test heading one", "Test heading two"],
    "quotes": [
        "This is where the test project comes in",
        "The tests of the future require broad support",
        "The test region now has a window to sharpen its tests",
    ],
    "chair_role": (
        "chair of the test committee, which recently decided on the test project"
    ),
    "partners": "Partners in the test project",
    "fact_box": "Test facts: the test area",
    "areas": ["Test part one", "Test part two", "Test part three"],
    "feedback": "Did you find the information you were looking for?",
}


def build_parts():
    """The saved people, partner organisations and fact box the editor chooses
    (build them after the live server's demo reload)."""
    make_person(STRATEGIST)
    make_person(
        CHAIR,
        party=CHAIR_PARTY,
        role_sv="ledamot i testnämnden",
        role_en="member of the test committee",
    )
    for name_sv, name_en in PARTNERS.items():
        make_organisation(name_sv, name_en)

    def areas(language):
        items = (SWEDISH if language == "sv" else ENGLISH)["areas"]
        return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"

    make_fact_box(
        title_sv=SWEDISH["fact_box"],
        title_en=ENGLISH["fact_box"],
        body_sv="<p>Testfaktatext.</p>" + areas("sv"),
        body_en="<p>Test fact text.</p>" + areas("en"),
    )


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
    page.fill("#id_image-chooser-upload-title", SWEDISH["image_title"])
    page.set_input_files(
        "#id_image-chooser-upload-file", str(jpeg(tmp_path / "testbild.jpg"))
    )
    page.fill("#id_image-chooser-upload-description_sv", SWEDISH["image_alt"])
    page.fill("#id_image-chooser-upload-credit", SWEDISH["credit"])
    page.locator(
        ".modal-dialog form button[type=submit], .modal-dialog form input[type=submit]"
    ).last.click()
    page.wait_for_function("document.querySelector('[name=\"image\"]').value !== ''")
    page.wait_for_selector(".modal-dialog", state="detached")


def write_release(page, base_url, tmp_path):
    news = NewsIndexPage.objects.get()
    page.goto(f"{base_url}/admin/pages/{news.pk}/")
    page.goto(f"{base_url}/admin/pages/add/press/pressreleasepage/{news.pk}/")
    page.fill("#id_title_sv", SWEDISH["title"])
    pause(page)  # the first autosave creates the page
    page.fill("#id_lead_sv", SWEDISH["lead"])
    pause(page)
    upload_main_image(page, tmp_path)
    pause(page)

    texts, quotes, headings = SWEDISH["texts"], SWEDISH["quotes"], SWEDISH["headings"]
    type_rich_text(page, "body_sv", add_block(page, "body_sv", "Text"), texts[0])
    pause(page)
    add_quote(page, "body_sv", *quotes[0])
    index = add_block(page, "body_sv", "Rubrik")
    page.fill(f"[name='body_sv-{index}-value-text']", headings[0])
    pause(page)
    type_rich_text(page, "body_sv", add_block(page, "body_sv", "Text"), texts[1])
    pause(page)
    index = add_block(page, "body_sv", "Partnerlista")
    page.fill(f"[name='body_sv-{index}-value-heading']", SWEDISH["partners"])
    partners = block(page, "body_sv", index)
    for name in PARTNERS:
        tick(partners.get_by_label(name, exact=True))
    pause(page)
    add_quote(page, "body_sv", *quotes[1])
    index = add_block(page, "body_sv", "Rubrik")
    page.fill(f"[name='body_sv-{index}-value-text']", headings[1])
    pause(page)
    type_rich_text(page, "body_sv", add_block(page, "body_sv", "Text"), texts[2])
    pause(page)
    add_quote(page, "body_sv", *quotes[2], role=CHAIR_ROLE_SV)
    index = add_block(page, "body_sv", "Faktaruta")
    choose_snippet(page, f"body_sv-{index}-value", SWEDISH["fact_box"])
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
    assert frame.locator("h1").first.inner_text(timeout=30_000) == SWEDISH["title"]
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
    page.fill("[name='body_en-8-value-role_en']", english["chair_role"])
    pause(page)
    page.get_by_role("tab", name=re.compile("Marknadsför")).click()
    if not page.input_value("#id_slug_en"):
        page.fill("#id_slug_en", "the-test-region-invests-in-the-test-area")
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
