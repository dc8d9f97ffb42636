"""A reviewer copies a bilingual release in the admin, as granskare: the copy form
asks for a title and a slug in each language, refuses a slug a sibling's address
already uses (an empty English slug counts as the Swedish one), and publishes the
copy in both languages."""

from django.contrib.auth.models import Group

from cms.editorial.roles import PUBLISHERS
from press.models import PressReleasePage
from tests.browser.admin import PASSWORD, login, pause
from tests.builders import make_release

IN_USE = "En annan sida på samma nivå använder redan den här sluggen."


def test_reviewer_copies_a_bilingual_release(site, new_page, django_user_model):
    user = django_user_model.objects.create_user("granskare", "g@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    original = make_release(
        title_sv="Testkopia original",
        title_en="Test copy original",
        lead_en="An English lead.",
    )
    # The English address /en/news/testkopia-ny/ is already this release's.
    make_release(
        title_sv="Testkopia granne",
        title_en="Test copy neighbour",
        slug_en="testkopia-ny",
    )

    page = new_page()
    login(page, site.url, "granskare")
    page.goto(f"{site.url}/admin/pages/{original.pk}/edit/")
    page.wait_for_load_state("networkidle")
    page.locator("button.w-h-slim-header[aria-label='Åtgärder']").click()
    page.get_by_role("link", name="Kopiera", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.input_value("#id_new_title_en") == "Test copy original"

    page.fill("#id_new_title_sv", "Testkopia ny")
    page.fill("#id_new_title_en", "Test copy new")
    page.fill("#id_new_slug_sv", "testkopia-ny")
    page.fill("#id_new_slug_en", "")  # "the English one can follow the Swedish"
    pause(page)
    page.get_by_role("button", name="Kopiera sidan").click()
    page.wait_for_load_state("networkidle")
    assert (
        IN_USE in page.locator("[data-field-wrapper]:has(#id_new_slug_en)").inner_text()
    )
    assert not PressReleasePage.objects.filter(title_sv="Testkopia ny").exists()

    # What was typed is still there; only the English slug needs a new value.
    assert page.input_value("#id_new_title_en") == "Test copy new"
    page.fill("#id_new_slug_en", "test-copy-new")
    pause(page)
    page.get_by_role("button", name="Kopiera sidan").click()
    page.wait_for_load_state("networkidle")
    assert (
        "”Testkopia original” har kopierats" in page.locator(".messages").inner_text()
    )

    copy = PressReleasePage.objects.get(title_sv="Testkopia ny")
    assert copy.live
    assert (copy.slug_sv, copy.slug_en) == ("testkopia-ny", "test-copy-new")
    reader = new_page()
    reader.goto(f"{site.url}/nyheter/testkopia-ny/")
    assert reader.locator("h1").inner_text() == "Testkopia ny"
    reader.goto(f"{site.url}/en/news/test-copy-new/")
    assert reader.locator("h1").inner_text() == "Test copy new"
    reader.goto(f"{site.url}/en/news/testkopia-ny/")
    assert reader.locator("h1").inner_text() == "Test copy neighbour"
