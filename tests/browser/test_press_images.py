"""A press image made in the admin (issue 18), in Chromium at human pace: the demo
editor redaktor (not a superuser) opens an image's edit form, ticks "Pressbild",
chooses its terms of use and saves once. She sees Wagtail's message and, when she
opens the image again, her choices; the image is stored so, and journalists find
it in the media bank in both languages with the photographer's credit and the
terms beside it."""

import re

from django.contrib.auth.models import Group

import pytest

from cms.editorial.roles import EDITORS
from cms.models import CustomImage
from tests.browser.admin import PASSWORD, login, pause, tick
from tests.press.test_media_bank import _image

TITLE = "Solnedgång över Karlskrona hamn"
CC_BY = {
    "sv": "Creative Commons Erkännande 4.0 (CC BY 4.0)",
    "en": "Creative Commons Attribution 4.0 (CC BY 4.0)",
}
BANK = {"sv": "/pressbilder/", "en": "/en/press-images/"}
CREDIT = {"sv": "Foto: Anna Berg", "en": "Photo: Anna Berg"}


@pytest.fixture
def redaktor(site, django_user_model):
    user = django_user_model.objects.create_user(
        "redaktor", "redaktor@example.org", PASSWORD
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def image(site):
    return _image(
        TITLE,
        credit="Anna Berg",
        description_sv="Hamnen i Karlskrona i kvällssol",
        description_en="Karlskrona harbour in the evening sun",
    )


def bank_item(page):
    """The media bank's entry for the image, as a journalist reads it."""
    return page.locator(".press-image", has_text=TITLE)


def test_redaktor_makes_an_image_a_press_image(site, new_page, redaktor, image):
    assert not redaktor.is_superuser
    assert not image.press_image
    assert image.licence == CustomImage.LICENCE_EDITORIAL
    reader = new_page()
    for language in ("sv", "en"):
        reader.goto(site.url + BANK[language])
        assert bank_item(reader).count() == 0

    page = new_page()
    login(page, site.url, "redaktor")
    page.goto(f"{site.url}/admin/images/")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(re.compile(rf"/admin/images/{image.pk}/(\?.*)?$"))
    page.wait_for_load_state("networkidle")
    press_image = page.get_by_label("Pressbild", exact=True)
    terms = page.get_by_label("Användningsvillkor", exact=True)
    assert not press_image.is_checked()
    tick(press_image)
    pause(page)
    terms.select_option(label=CC_BY["sv"])
    pause(page)
    page.get_by_role("button", name="Spara", exact=True).click()

    # Saved once: back in the image library with Wagtail's message.
    page.wait_for_url(re.compile(r"/admin/images/(\?.*)?$"))
    assert f"Bild '{TITLE}' uppdaterades." in page.locator(".messages").inner_text()
    assert CustomImage.objects.filter(title=TITLE).count() == 1
    image.refresh_from_db()
    assert image.press_image
    assert image.licence == CustomImage.LICENCE_CC_BY
    assert image.credit == "Anna Berg"

    # She opens the image again, and reloads it: her choices are there.
    page.goto(f"{site.url}/admin/images/{image.pk}/")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("Pressbild", exact=True).is_checked()
    terms = page.get_by_label("Användningsvillkor", exact=True)
    assert terms.input_value() == CustomImage.LICENCE_CC_BY
    assert terms.locator("option:checked").inner_text().strip() == CC_BY["sv"]
    assert page.get_by_label("Fotograf", exact=True).input_value() == "Anna Berg"

    # Journalists find it in the media bank, credit and terms beside it (in a
    # browser of their own: the reader's keeps the list it had for a minute).
    journalist = new_page()
    for language in ("sv", "en"):
        journalist.goto(site.url + BANK[language])
        item = bank_item(journalist)
        assert item.count() == 1, language
        assert item.locator(".credit").inner_text().strip() == CREDIT[language]
        terms_text = item.locator(".press-image__terms").inner_text().strip()
        assert terms_text == CC_BY[language]
        assert item.locator("img").get_attribute("alt") == (
            image.description_sv if language == "sv" else image.description_en
        )
        assert item.locator(".press-image__downloads a").count() == 3
