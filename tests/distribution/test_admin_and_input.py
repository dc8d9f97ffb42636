"""The subscriber list as the roles use it, the editor's "Notifiera prenumeranter"
box, and hostile input on every reader form and link (a clear answer in the
reader's language, never a 500, nothing stored)."""

import re

import pytest

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from distribution.models import Subscriber
from tests.builders import make_release, news_index
from tests.cms.test_workflows import make_user

pytestmark = pytest.mark.django_db
ORIGIN = "http://testserver"
VALID = {
    "email": "ok@example.se",
    "language": "sv",
    "kinds": ["press_release", "news"],
    "frequency": "immediate",
}


@pytest.fixture
def people():
    subscriber = Subscriber.objects.create(email="person@example.se", language="en")
    return subscriber


def test_reviewers_count_export_and_delete_subscribers(client, people):
    from django.utils import timezone

    Subscriber.objects.create(
        email="weekly@example.se", frequency="weekly", confirmed_at=timezone.now()
    )
    client.force_login(make_user("granskare-x", PUBLISHERS))
    listing = client.get("/admin/subscribers/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "person@example.se" in page and "weekly@example.se" in page
    assert "Prenumeranter" in page
    assert "1 bekräftad prenumerant" in page
    assert "Väntar på bekräftelse: 1." in page
    assert "En veckosammanställning (måndagar): 1" in page
    assert person_key_hidden(client, people)
    weekly = client.get("/admin/subscribers/?frequency=weekly").content.decode()
    assert "weekly@example.se" in weekly and "person@example.se" not in weekly
    export = client.get("/admin/subscribers/?export=csv")
    assert export.status_code == 200
    assert b"person@example.se" in b"".join(export.streaming_content)
    # No adding by hand: consent comes through the double opt-in only.
    assert client.get("/admin/subscribers/new/").status_code in (302, 403)
    deleted = client.post(f"/admin/subscribers/delete/{people.pk}/")
    assert deleted.status_code == 302
    assert not Subscriber.objects.filter(pk=people.pk).exists()


def person_key_hidden(client, subscriber) -> bool:
    """The inspect view shows what was chosen, never the key of the signed links."""
    inspect = client.get(f"/admin/subscribers/inspect/{subscriber.pk}/")
    return inspect.status_code == 200 and subscriber.key not in inspect.content.decode()


@pytest.mark.parametrize("role", [EDITORS, TRANSLATORS])
def test_editors_and_translators_do_not_see_subscribers(client, people, role):
    client.force_login(make_user(f"u-{role[:4]}", role))
    response = client.get("/admin/subscribers/")
    assert response.status_code in (302, 403)
    assert "person@example.se" not in response.content.decode()
    menu = client.get("/admin/").content.decode()
    assert "/admin/subscribers/" not in menu


def notify_box(html: str) -> str:
    (box,) = re.findall(r'<input[^>]*name="notify_subscribers"[^>]*>', html)
    return box


def test_notify_box_is_ticked_for_a_first_publication_only(client):
    client.force_login(make_user("redaktor-x", EDITORS))
    add = client.get(
        f"/admin/pages/add/press/pressreleasepage/{news_index().pk}/"
    ).content.decode()
    assert "Notifiera prenumeranter" in add
    assert " checked" in notify_box(add)
    published = make_release(title_sv="Redan ute")
    edit = client.get(f"/admin/pages/{published.pk}/edit/").content.decode()
    assert "Notifiera prenumeranter" in edit
    assert " checked" not in notify_box(edit)


# --- Hostile input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/prenumerera/", "Formuläret måste skickas från en sida på webbplatsen."),
        ("/en/subscribe/", "The form must be sent from a page on this website."),
    ],
)
def test_a_post_from_another_site_is_refused(client, path, expected):
    response = client.post(path, VALID, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 400
    assert expected in response.content.decode()
    no_origin = client.post(path, VALID)
    assert no_origin.status_code == 400
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {**VALID, "email": "inte en adress"},
        {**VALID, "email": "a" * 300 + "@example.se"},
        {**VALID, "email": "x@example.se\r\nBcc: victim@example.se"},
        {**VALID, "language": "de"},
        {**VALID, "kinds": []},
        {**VALID, "kinds": ["spam"]},
        {**VALID, "frequency": "hourly"},
        {**VALID, "areas": ["999999"]},
        {**VALID, "areas": ["'; DROP TABLE x;--"]},
        {**VALID, "areas": ["²"]},
        {"email": "\x00@example.se"},
        {},
    ],
)
def test_bad_sign_ups_get_a_swedish_error_beside_the_field(client, data):
    response = client.post("/prenumerera/", data, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Anmälan kunde inte skickas" in page
    assert 'class="field__error"' in page
    assert not Subscriber.objects.exists()


def test_english_errors_are_in_english(client):
    response = client.post(
        "/en/subscribe/", {**VALID, "email": "nope"}, HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 400
    assert "The sign-up could not be sent" in response.content.decode()
    assert "Enter a valid email address." in response.content.decode()


def test_a_huge_post_is_refused(client):
    response = client.post(
        "/prenumerera/", {**VALID, "website": "x" * 20000}, HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_the_honeypot_stores_nothing_and_tells_the_bot_nothing(client):
    response = client.post(
        "/prenumerera/", {**VALID, "website": "http://spam"}, HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 303
    assert not Subscriber.objects.exists()


def test_sign_up_floods_get_429_with_retry_after(client, settings):
    settings.SUBSCRIBE_RATE_LIMIT = 3
    for n in range(3):
        ok = client.post(
            "/prenumerera/", {**VALID, "email": f"o{n}@example.se"}, HTTP_ORIGIN=ORIGIN
        )
        assert ok.status_code == 303
    response = client.post(
        "/en/subscribe/", {**VALID, "email": "flood@example.se"}, HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Please try again later" in response.content.decode()
    assert Subscriber.objects.count() == 3


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "WzEsImFiYyJd:1xYr:abc",  # a well-formed but unsigned value
        "x" * 2000,
        "%C3%A5%00",
        "WzEsMiwzXQ",
    ],
)
def test_bad_links_answer_404_in_the_readers_language(client, token):
    for path, text in [
        (f"/prenumerera/bekrafta/{token}/", "Länken gäller inte"),
        (f"/prenumeration/{token}/", "Länken gäller inte"),
        (f"/prenumeration/{token}/avsluta/", "Länken gäller inte"),
        (f"/en/subscription/{token}/", "The link is not valid"),
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert text in response.content.decode(), path
    # A one-click POST with a bad link changes nothing and reveals nothing.
    assert client.post(f"/prenumeration/{token}/avsluta/").status_code == 200


def test_a_manage_link_cannot_confirm_and_a_confirm_link_cannot_manage(client):
    from distribution import tokens

    person = Subscriber.objects.create(email="mix@example.se")
    manage = tokens.make(person, tokens.MANAGE)
    confirm = tokens.make(person, tokens.CONFIRM)
    assert client.get(f"/prenumerera/bekrafta/{manage}/").status_code == 404
    assert client.get(f"/prenumeration/{confirm}/").status_code == 404
    person.refresh_from_db()
    assert person.confirmed_at is None


def test_other_methods_are_refused(client):
    assert client.put("/prenumerera/").status_code == 405


def test_bad_choices_on_the_settings_page_change_nothing(client):
    from distribution import tokens

    person = Subscriber.objects.create(email="val@example.se", frequency="daily")
    url = f"/prenumeration/{tokens.make(person, tokens.MANAGE)}/"
    for data in (
        {"language": "xx", "kinds": ["news"], "frequency": "weekly"},
        {"language": "sv", "kinds": [], "frequency": "weekly"},
        {"language": "sv", "kinds": ["news"], "frequency": "weekly", "areas": ["x"]},
    ):
        response = client.post(url, data, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 400
        assert "Valen kunde inte sparas" in response.content.decode()
    foreign = client.post(
        url,
        {"language": "en", "kinds": ["news"], "frequency": "weekly"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert foreign.status_code == 400
    person.refresh_from_db()
    assert (person.language, person.frequency) == ("sv", "daily")
