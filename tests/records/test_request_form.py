"""The public form "Begär en arkiverad sida / Request an archived page": both
languages, the registrar's mail through the real worker and a real SMTP server,
and clear errors for bad input."""

import pytest

from tests.distribution.conftest import body, run_worker, smtp  # noqa: F401

pytestmark = pytest.mark.django_db

FORMS = {"sv": "/begar-arkiverad-sida/", "en": "/en/request-archived-page/"}
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.mark.parametrize(
    "language,heading,footer",
    [
        ("sv", "Begär en arkiverad sida", "Begär en arkiverad sida"),
        ("en", "Request an archived page", "Request an archived page"),
    ],
)
def test_the_form_is_in_the_readers_language_and_linked_from_every_page(
    client, language, heading, footer
):
    response = client.get(FORMS[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "Set-Cookie" not in response
    home = client.get("/" if language == "sv" else "/en/").content.decode()
    assert f'href="{FORMS[language]}">{footer}</a>' in home


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_request_reaches_the_registrar(client, smtp, settings, language):  # noqa: F811
    settings.REGISTRAR_EMAIL = "registrator@region.example"
    response = client.post(
        FORMS[language],
        {
            "page": "https://region.example/nyheter/gammalt-pressmeddelande/",
            "date": "juni 2023",
            "reply_to": "journalist@tidning.example",
            "message": "Som den såg ut före ändringen.",
            "website": "",
        },
        **ORIGIN,
    )
    assert response.status_code == 303
    assert response["Location"] == FORMS[language] + "?sent=1"
    assert smtp.messages == []  # sent by the worker, not in the request
    run_worker()
    (message,) = smtp.to("registrator@region.example")
    text = body(message)
    assert message["Subject"] == "Begäran om arkiverad webbsida"
    assert "gammalt-pressmeddelande" in text and "juni 2023" in text
    assert "Som den såg ut före ändringen." in text
    assert message["Reply-To"] == "journalist@tidning.example"
    thanks = client.get(response["Location"]).content.decode()
    assert ("Begäran är skickad" if language == "sv" else "Request sent") in thanks


@pytest.mark.parametrize(
    "language,error",
    [
        ("sv", "Skriv vilken sida du vill ha."),
        ("en", "Tell us which page you are asking for."),
    ],
)
def test_bad_input_gets_a_clear_error_in_the_readers_language(
    client,
    smtp,  # noqa: F811
    language,
    error,
):
    response = client.post(
        FORMS[language], {"page": "", "reply_to": "inte en adress"}, **ORIGIN
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert 'aria-invalid="true"' in html
    # Not from this site: refused, nothing sent.
    foreign = client.post(
        FORMS[language], {"page": "x"}, HTTP_ORIGIN="https://elsewhere.example"
    )
    assert foreign.status_code == 400
    assert client.put(FORMS[language]).status_code == 405
    run_worker()
    assert smtp.messages == []


def test_many_requests_from_one_client_are_slowed_down(client, smtp, settings):  # noqa: F811
    settings.ARCHIVE_REQUEST_RATE_LIMIT = 2
    answers = [
        client.post(FORMS["en"], {"page": f"page {n}"}, **ORIGIN).status_code
        for n in range(3)
    ]
    assert answers == [303, 303, 429]
