"""Embargoed previews as the press office and journalists use them: a reviewer
sends personal links from the release's admin page, the worker mails them over
SMTP, the journalist reads both languages under an embargo banner and downloads
the image, and the links redirect after go-live and refuse after revocation,
expiry or for another page. Every step is in the page's audit log."""

import datetime
import io
import re
import time

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from cms.editorial.roles import EDITORS, PUBLISHERS
from cms.models import CustomImage
from distribution import previews
from distribution.models import Journalist, PreviewLink
from tests.builders import make_release
from tests.cms.test_workflows import make_user
from tests.distribution.conftest import body, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def press_list():
    return [
        Journalist.objects.create(
            name="Karin Ek", outlet="Sydöstran", email="karin@sydostran.example"
        ),
        Journalist.objects.create(
            name="Sam Reed",
            outlet="Nordic Wire",
            email="sam@wire.example",
            language="en",
        ),
    ]


BODY_IMAGE = {}


@pytest.fixture
def scheduled(django_capture_on_commit_callbacks):
    images = list(CustomImage.objects.order_by("pk")[:3])
    assert len(images) == 3, "the demo site has images"
    BODY_IMAGE["pk"] = images[1].pk
    with django_capture_on_commit_callbacks(execute=True):
        release = make_release(
            body_sv=[
                {"type": "text", "value": "<p>Brödtext.</p>"},
                {"type": "image", "value": {"image": images[1].pk, "caption": ""}},
            ],
            title_sv="Ny vätgasstrategi",
            title_en="New hydrogen strategy",
            slug_en="new-hydrogen-strategy",
            image=images[0],
            go_live_at=timezone.now() + datetime.timedelta(days=1),
        )
    release.refresh_from_db()
    assert not release.live
    return release


def send(client, release, journalists):
    return client.post(
        f"/admin/distribution/previews/{release.pk}/",
        {"action": "send", "journalists": [j.pk for j in journalists]},
    )


def link_in(message) -> str:
    (url,) = re.findall(r"http://testserver(/forhandsvisning/\S+)", body(message))
    return url


def test_press_office_sends_personal_links_and_journalists_read_them(
    client, smtp, press_list, scheduled
):
    reviewer = make_user("granskare-p", PUBLISHERS)
    client.force_login(reviewer)
    edit = client.get(f"/admin/pages/{scheduled.pk}/edit/").content.decode()
    assert "Förhandsvisning för press" in edit
    page = client.get(f"/admin/distribution/previews/{scheduled.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ett embargo är en artighet, inte en hemlighet" in text
    assert "allmän handling" in text
    assert "Får inte publiceras före" in text
    assert send(client, scheduled, press_list).status_code == 302
    assert smtp.messages == []  # the worker sends, not the request
    run_worker()

    (swedish,) = smtp.to("karin@sydostran.example")
    assert swedish["Subject"] == "Under embargo: Ny vätgasstrategi"
    assert "Hej Karin Ek!" in body(swedish)
    assert "Får inte publiceras före" in body(swedish)
    (english,) = smtp.to("sam@wire.example")
    assert "Embargoed until" in body(english)
    assert re.search(r"Embargoed until \d+ \w+ \d{4}, \d\d:\d\d CE", body(english))

    # The journalist, not logged in, opens the link.
    client.logout()
    url = link_in(swedish)
    token = url.split("/")[2]
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ny vätgasstrategi" in html
    assert re.search(
        r"Får inte publiceras före \d+ \w+ \d{4} kl\. \d\d\.\d\d \(CE", html
    )
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]
    assert not response.cookies
    english_view = client.get(url.replace("mode=sv", "mode=en")).content.decode()
    assert "New hydrogen strategy" in english_view
    assert "Embargoed until" in english_view

    # No public trace before go-live.
    assert client.get(f"/nyheter/{scheduled.slug_sv}/").status_code == 404
    assert "Ny vätgasstrategi" not in client.get("/nyheter/").content.decode()

    # The image, with the download in the audit log.
    download = client.get(f"/forhandsvisning/{token}/bild/{scheduled.image_id}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"
    # The body's image too, and nothing else of the library.
    in_body = client.get(f"/forhandsvisning/{token}/bild/{BODY_IMAGE['pk']}/")
    assert in_body.status_code == 200
    others = CustomImage.objects.exclude(pk__in=[scheduled.image_id, BODY_IMAGE["pk"]])
    wrong = client.get(f"/forhandsvisning/{token}/bild/{others.first().pk}/")
    assert wrong.status_code == 404

    # The token is stored nowhere; the row has its digest.
    link = PreviewLink.objects.get(email="karin@sydostran.example")
    assert token not in str(list(PreviewLink.objects.values().filter(pk=link.pk)))
    assert link.digest == previews.digest_of(token)
    assert link.sent_at is not None and link.opened_at is not None

    actions = list(
        PageLogEntry.objects.filter(page=scheduled, action__startswith="distribution.")
        .order_by("pk")
        .values_list("action", "user_id", "data")
    )
    sent = [a for a in actions if a[0] == previews.SENT]
    assert {a[2]["email"] for a in sent} == {
        "karin@sydostran.example",
        "sam@wire.example",
    }
    assert {a[1] for a in sent} == {reviewer.pk}
    assert [a[0] for a in actions].count(previews.OPENED) == 2  # never cached
    assert [a[0] for a in actions].count(previews.DOWNLOADED) == 2


def test_links_lead_to_the_public_page_after_go_live(
    client, smtp, press_list, scheduled, django_capture_on_commit_callbacks
):
    client.force_login(make_user("granskare-q", PUBLISHERS))
    send(client, scheduled, press_list)
    run_worker()
    client.logout()
    swedish = link_in(smtp.to("karin@sydostran.example")[0])
    english = link_in(smtp.to("sam@wire.example")[0])

    soon = timezone.now() + datetime.timedelta(seconds=2)
    revision = scheduled.latest_revision
    revision.approved_go_live_at = soon
    revision.content["go_live_at"] = soon.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    time.sleep(2.5)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    scheduled.refresh_from_db()
    assert scheduled.live
    response = client.get(swedish)
    assert response.status_code == 302
    assert response["Location"] == f"/nyheter/{scheduled.slug_sv}/"
    assert client.get(english)["Location"] == "/en/news/new-hydrogen-strategy/"


def test_withdrawn_expired_and_wrong_links_are_refused(
    client, smtp, press_list, scheduled
):
    client.force_login(make_user("granskare-r", PUBLISHERS))
    send(client, scheduled, press_list)
    run_worker()
    karin, sam = (PreviewLink.objects.get(email=j.email) for j in press_list)
    karin_url = link_in(smtp.to(karin.email)[0])
    sam_url = link_in(smtp.to(sam.email)[0])

    # Per link.
    client.post(
        f"/admin/distribution/previews/{scheduled.pk}/",
        {"action": "revoke", "link": karin.pk},
    )
    client.logout()
    refused = client.get(karin_url)
    assert refused.status_code == 404
    assert "återkallats av pressavdelningen" in refused.content.decode()
    assert client.get(sam_url).status_code == 200

    # Expiry after the longest lifetime.
    PreviewLink.objects.filter(pk=sam.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    expired = client.get(sam_url)
    assert expired.status_code == 404
    assert "slutat gälla" in expired.content.decode()

    # Garbage and a link to another page's image.
    assert client.get("/forhandsvisning/inte-en-token/").status_code == 404
    assert client.get("/forhandsvisning/" + "a" * 500 + "/").status_code == 404


def test_revoke_per_journalist_and_for_the_whole_release(
    client, smtp, press_list, scheduled
):
    client.force_login(make_user("granskare-s", PUBLISHERS))
    send(client, scheduled, press_list)
    client.post(
        f"/admin/distribution/previews/{scheduled.pk}/",
        {"action": "revoke_journalist", "journalist": press_list[0].pk},
    )
    assert list(
        PreviewLink.objects.filter(revoked_at=None).values_list("email", flat=True)
    ) == ["sam@wire.example"]
    client.post(
        f"/admin/distribution/previews/{scheduled.pk}/", {"action": "revoke_all"}
    )
    assert not PreviewLink.objects.filter(revoked_at=None).exists()
    # Withdrawn before the worker ran: nothing is sent.
    run_worker()
    assert smtp.messages == []
    assert PageLogEntry.objects.filter(action=previews.REVOKED).count() == 2


def test_editors_cannot_send_previews(client, press_list, scheduled):
    client.force_login(make_user("redaktor-p", EDITORS))
    assert client.get(f"/admin/distribution/previews/{scheduled.pk}/").status_code in (
        302,
        403,
    )
    edit = client.get(f"/admin/pages/{scheduled.pk}/edit/").content.decode()
    assert "Förhandsvisning för press" not in edit
    assert not PreviewLink.objects.exists()


def test_a_release_not_scheduled_cannot_be_previewed(client, press_list):
    release = make_release(title_sv="Redan publicerad")
    client.force_login(make_user("granskare-t", PUBLISHERS))
    page = client.get(f"/admin/distribution/previews/{release.pk}/").content.decode()
    assert "ingen godkänd, schemalagd publicering" in page
    send(client, release, press_list)
    assert not PreviewLink.objects.exists()
