"""Readers subscribe, confirm, change and end a subscription, in both languages,
through the pages and the links in the mails that a real SMTP server received
(the confirmation goes through the real queue worker)."""

import re
from unittest import mock

from django.core import signing
from django.test import Client

import pytest

from distribution.models import Subscriber
from specialisation.models import SpecialisationAreaPage
from tests.distribution.conftest import body, run_worker

pytestmark = pytest.mark.django_db
ORIGIN = "http://testserver"


def sign_up(client, email, prefix="", **choices):
    data = {
        "email": email,
        "language": choices.get("language", "sv"),
        "kinds": choices.get("kinds", ["press_release", "news"]),
        "areas": choices.get("areas", []),
        "frequency": choices.get("frequency", "immediate"),
        "website": "",
    }
    path = "/en/subscribe/" if prefix == "en" else "/prenumerera/"
    return client.post(path, data, HTTP_ORIGIN=ORIGIN)


def links(message) -> list[str]:
    return re.findall(r"http://testserver(/\S+)", body(message))


def confirm(client, smtp, address) -> str:
    run_worker()
    (message,) = smtp.to(address)
    (link,) = links(message)
    return link


def test_swedish_sign_up_double_opt_in(client, smtp):
    page = client.get("/prenumerera/")
    assert page.status_code == 200
    assert "Prenumerera på nyheter" in page.content.decode()
    assert not page.cookies

    response = sign_up(client, "Anna.Lasare@Example.se")
    assert response.status_code == 303
    sent = client.get(response["Location"])
    assert "Kolla din e-post" in sent.content.decode()
    subscriber = Subscriber.objects.get(email="anna.lasare@example.se")
    assert subscriber.confirmed_at is None
    assert smtp.messages == []  # not in the request: the worker sends it

    run_worker()
    (message,) = smtp.to("anna.lasare@example.se")
    assert "Bekräfta din prenumeration" in message["Subject"]
    assert "gäller i 7 dagar" in body(message)
    (link,) = links(message)
    assert link.startswith("/prenumerera/bekrafta/")

    confirmed = client.get(link)
    assert confirmed.status_code == 200
    assert "Din prenumeration är bekräftad" in confirmed.content.decode()
    assert not confirmed.cookies
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None

    # Single use: the same link again confirms nothing and says so.
    again = client.get(link)
    assert again.status_code == 404
    assert "redan använts" in again.content.decode()


def test_english_sign_up_gets_english_mail_and_pages(client, smtp):
    response = sign_up(client, "reader@example.org", prefix="en", language="en")
    assert response.status_code == 303
    assert response["Location"].startswith("/en/subscribe/")
    assert "Check your inbox" in client.get(response["Location"]).content.decode()
    run_worker()
    (message,) = smtp.to("reader@example.org")
    assert message["Subject"].startswith("Confirm your subscription")
    (link,) = links(message)
    assert link.startswith("/en/subscribe/confirm/")
    page = client.get(link).content.decode()
    assert "Your subscription is confirmed" in page
    assert Subscriber.objects.get(email="reader@example.org").language == "en"


def test_confirmation_link_expires_after_seven_days(client, smtp):
    sign_up(client, "sen@example.se")
    real_time = signing.time.time
    link = confirm(client, smtp, "sen@example.se")
    with mock.patch.object(
        signing.time, "time", return_value=real_time() + 7 * 86400 + 60
    ):
        response = client.get(link)
    assert response.status_code == 404
    assert "Länken har slutat gälla" in response.content.decode()
    assert Subscriber.objects.get(email="sen@example.se").confirmed_at is None


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(client, smtp):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    sign_up(client, "glomd@example.se")
    sign_up(client, "ny@example.se")
    Subscriber.objects.filter(email="glomd@example.se").update(
        created_at=timezone.now() - timedelta(days=8)
    )
    call_command("distribution_round")
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ny@example.se"]


def test_one_click_unsubscribe_without_cookie_or_csrf_token(client, smtp):
    from distribution import mail

    sign_up(client, "sluta@example.se")
    client.get(confirm(client, smtp, "sluta@example.se"))
    subscriber = Subscriber.objects.get(email="sluta@example.se")
    message = mail.already_subscribed(subscriber, "sv").message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<http://testserver(/\S+)>", message["List-Unsubscribe"])[1]
    assert "/avsluta/" in url

    # A mail provider's server: no cookie, no CSRF token, no Origin.
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not response.cookies
    assert not Subscriber.objects.filter(email="sluta@example.se").exists()
    # The link now says it is not valid, in the reader's language.
    assert provider.get(url).status_code == 404


def test_unsubscribe_link_asks_first(client, smtp):
    """A link checker that opens the link (GET) unsubscribes nobody."""
    from distribution import tokens

    sign_up(client, "fraga@example.se")
    client.get(confirm(client, smtp, "fraga@example.se"))
    subscriber = Subscriber.objects.get(email="fraga@example.se")
    token = tokens.make(subscriber, tokens.MANAGE)
    page = client.get(f"/prenumeration/{token}/avsluta/")
    assert page.status_code == 200
    assert "Avsluta prenumerationen" in page.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    english = client.get(f"/en/subscription/{token}/unsubscribe/")
    assert "Unsubscribe and delete my address" in english.content.decode()


def test_manage_page_changes_choices(client, smtp):
    from distribution import tokens

    area = SpecialisationAreaPage.objects.live().first()
    sign_up(client, "andra@example.se")
    client.get(confirm(client, smtp, "andra@example.se"))
    subscriber = Subscriber.objects.get(email="andra@example.se")
    url = f"/prenumeration/{tokens.make(subscriber, tokens.MANAGE)}/"
    page = client.get(url)
    assert "Din prenumeration" in page.content.decode()
    response = client.post(
        url,
        {
            "language": "both",
            "kinds": ["news"],
            "areas": [area.pk],
            "frequency": "weekly",
        },
        HTTP_ORIGIN=ORIGIN,
    )
    assert response.status_code == 200
    assert "Dina val är sparade" in response.content.decode()
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.frequency) == ("both", "weekly")
    assert (subscriber.press_releases, subscriber.news) == (False, True)
    assert list(subscriber.areas.all()) == [area]


def test_signing_up_a_confirmed_address_changes_nothing_and_tells_its_owner(
    client, smtp
):
    sign_up(client, "redan@example.se", kinds=["news"])
    client.get(confirm(client, smtp, "redan@example.se"))
    smtp.clear()
    response = sign_up(client, "redan@example.se", kinds=["press_release"])
    assert response.status_code == 303  # the same answer as for a new address
    run_worker()
    (message,) = smtp.to("redan@example.se")
    assert "prenumererar redan" in body(message)
    subscriber = Subscriber.objects.get(email="redan@example.se")
    assert (subscriber.press_releases, subscriber.news) == (False, True)


def test_area_page_and_news_index_offer_the_sign_up(client):
    area = SpecialisationAreaPage.objects.live().first()
    page = client.get(area.url).content.decode()
    assert 'action="/prenumerera/"' in page
    assert f'name="areas" value="{area.pk}"' in page
    news = client.get("/en/news/").content.decode()
    assert 'action="/en/subscribe/"' in news
    assert "Get the news by e-mail" in news
