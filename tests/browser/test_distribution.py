"""Distribution in Chromium, as its people use it: a reader subscribes on a phone
from the news index and confirms through the mail; an English reader uses the full
form on a desktop; the reviewer (granskare) sends embargoed previews from the
release's page in the admin and a journalist reads one. Mail goes to a real SMTP
server on 127.0.0.1 through the real worker. axe runs with its default rules.

The area, release and journalist are built here, after the live server's demo
reload (the site fixture); the news index, the subscription pages and the roles'
groups are the demo's."""

import datetime
import re
from pathlib import Path

from django.contrib.auth.models import Group
from django.utils import timezone

import axe_playwright_python
import pytest

from cms.editorial.roles import EDITORS, PUBLISHERS
from distribution.models import Journalist, Subscriber
from tests.browser.admin import PASSWORD, login, pause, tick
from tests.builders import make_area, make_release, news_index
from tests.distribution.conftest import body, run_worker, smtp  # noqa: F401

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe(page) -> list[str]:
    """axe-core with its default rules."""
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("() => axe.run(document)")
    return [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


def mailed_link(smtp, address, pattern=r"https?://[^/\s]+(/\S+)"):  # noqa: F811
    run_worker()
    (message,) = smtp.to(address)
    smtp.clear()
    return re.findall(pattern, body(message))


def test_a_reader_subscribes_on_a_phone_and_confirms(site, new_page, smtp):  # noqa: F811
    page = new_page(width=390, height=844)
    page.goto(site.url + "/nyheter/")
    box = page.locator(".signup-box")
    box.scroll_into_view_if_needed()
    assert box.get_by_role("heading").inner_text() == "Få nyheterna via e-post"
    box.get_by_label("E-postadress").fill("telefon@example.se")
    box.get_by_role("button", name="Prenumerera").click()
    page.wait_for_url(re.compile(r"/prenumerera/\?sent=1$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Kolla din e-post"
    assert axe(page) == []
    assert page.context.cookies() == []

    (confirm,) = mailed_link(smtp, "telefon@example.se")
    page.goto(site.url + confirm)
    assert "Din prenumeration är bekräftad" in page.inner_text("main")
    page.get_by_role("link", name="Ändra din prenumeration").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Din prenumeration"
    assert axe(page) == []
    page.get_by_label("Engelska", exact=True).check()
    page.get_by_label("En veckosammanställning (måndagar)").check()
    page.get_by_role("button", name="Spara").click()
    assert "Dina val är sparade." in page.inner_text("main")
    subscriber = Subscriber.objects.get(email="telefon@example.se")
    assert (subscriber.language, subscriber.frequency) == ("en", "weekly")
    assert subscriber.confirmed_at is not None
    # No horizontal scrolling on the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.context.cookies() == []


def test_an_english_reader_uses_the_full_form(site, new_page, smtp):  # noqa: F811
    area = make_area("Testområde", "Test area")
    page = new_page(width=1280, height=900)
    page.goto(site.url + "/en/subscribe/")
    assert axe(page) == []
    page.get_by_label("E-mail address").fill("not an address")
    page.get_by_label("News", exact=True).uncheck()
    page.get_by_label("Press release", exact=True).uncheck()
    page.get_by_role("button", name="Subscribe").click()
    alert = page.get_by_role("alert")
    assert "The sign-up could not be sent" in alert.inner_text()
    assert "Choose press releases, news or both." in alert.inner_text()
    assert axe(page) == []
    page.get_by_label("E-mail address").fill("reader@example.org")
    page.get_by_label("Press release", exact=True).check()
    page.get_by_label("Test area", exact=True).check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(re.compile(r"/en/subscribe/\?sent=1$"))
    (confirm,) = mailed_link(smtp, "reader@example.org")
    assert confirm.startswith("/en/subscribe/confirm/")
    page.goto(site.url + confirm)
    assert "Your subscription is confirmed" in page.inner_text("main")
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert (subscriber.press_releases, subscriber.news) == (True, False)
    assert list(subscriber.areas.all()) == [area]


@pytest.fixture
def roles(site, django_user_model):
    users = {}
    for username, role in (("redaktor", EDITORS), ("granskare", PUBLISHERS)):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", PASSWORD
        )
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def test_the_reviewer_sends_embargoed_previews_and_a_journalist_reads_one(
    site,
    new_page,
    smtp,  # noqa: F811
    roles,
):
    Journalist.objects.create(
        name="Testa Journalistsson",
        outlet="Testtidningen",
        email="testa@testtidningen.example",
    )
    release = make_release(
        title_sv="Testpressmeddelande under embargo",
        title_en="Test embargoed press release",
        go_live_at=timezone.now() + datetime.timedelta(days=1),
    )
    page = new_page()
    login(page, site.url, "granskare")
    page.goto(f"{site.url}/admin/pages/{release.pk}/edit/")
    page.wait_for_load_state("networkidle")
    button = page.get_by_role("link", name="Förhandsvisning för press")
    if not button.is_visible():
        page.locator("header [data-w-dropdown-target=toggle]").first.click()
    button.click()
    assert "Ett embargo är en artighet" in page.inner_text("main")
    tick(page.get_by_label(re.compile("Testa Journalistsson, Testtidningen")))
    pause(page)
    page.get_by_role("button", name="Skicka förhandslänkar").click()
    assert "skickas till 1 journalist" in page.inner_text(".messages")
    (link,) = mailed_link(smtp, "testa@testtidningen.example")

    reader = new_page(width=390, height=844)
    reader.goto(site.url + link)
    banner = reader.locator(".embargo-banner")
    assert "Får inte publiceras före" in banner.inner_text()
    heading = reader.get_by_role("heading", level=1)
    assert heading.inner_text() == "Testpressmeddelande under embargo"
    # Its own language links only: the site's switcher would lead to the public
    # address, which does not exist before go-live.
    assert reader.get_by_role("link", name="In English").count() == 0
    reader.get_by_role("link", name="English", exact=True).click()
    assert "Embargoed until" in reader.locator(".embargo-banner").inner_text()
    heading = reader.get_by_role("heading", level=1)
    assert heading.inner_text() == "Test embargoed press release"

    # The reviewer withdraws it; the journalist's next visit is refused.
    page.reload()
    page.get_by_role("button", name="Återkalla", exact=True).click()
    assert "1 länk återkallad" in page.inner_text(".messages")
    reader.reload()
    assert "återkallats av pressavdelningen" in reader.inner_text("main")


def test_the_editor_finds_the_notify_box_ticked_on_a_new_release(site, new_page, roles):
    page = new_page()
    login(page, site.url, "redaktor")
    page.goto(f"{site.url}/admin/pages/add/press/pressreleasepage/{news_index().pk}/")
    box = page.get_by_role("checkbox", name="Notifiera prenumeranter")
    assert box.is_checked()
    assert "högst ett mejl per publicering" in page.inner_text("main")
