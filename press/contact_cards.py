"""Press contacts as vCards, for journalists' address books.

Written by hand (RFC 6350 text escaping and line folding are a few lines; a
vCard library would be a dependency for that). Only people who are the press
contact of a live, public release have a card: the details are those the
release shows.
"""

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import get_language

from cms.people import Person
from cms.site_settings import SiteSettings

from .models import PressReleasePage


def _text(value: str) -> str:
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > 75:
            out.append(current.decode())
            current = b" "
        current += encoded
    out.append(current.decode())
    return "\r\n".join(out)


def vcard(person: Person, organisation: str) -> str:
    family, _space, given = person.name.rpartition(" ")
    if not family:
        family, given = given, ""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_text(family)};{_text(given)};;;",
        f"FN:{_text(person.name)}",
        f"ORG:{_text(person.organisation or organisation)}",
    ]
    if person.role:
        lines.append(f"TITLE:{_text(person.role)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{_text(person.email)}")
    if person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_text(person.phone)}")
    lines += [f"LANG:{get_language()}", "END:VCARD"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def contact_card(request, person_id: int):
    """The vCard of a press contact, in the reader's language (role and
    organisation as the release shows them)."""
    person = Person.objects.filter(pk=person_id).first()
    if (
        person is None
        or not PressReleasePage.objects.live()
        .public()
        .filter(press_contacts__person_id=person_id)
        .exists()
    ):
        raise Http404
    organisation = SiteSettings.for_request(request).organisation_name
    response = HttpResponse(
        vcard(person, organisation), content_type="text/vcard; charset=utf-8"
    )
    name = slugify(person.name) or "kontakt"
    response["Content-Disposition"] = f'attachment; filename="{name}.vcf"'
    return response
