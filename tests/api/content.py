"""A small tree of its own for the API tests: an area, a project, people and
snippets, and releases in one or two languages."""

import datetime

from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from cms.people import Person
from press.blocks import PressReleaseStreamBlock
from press.models import PressReleasePage
from specialisation.models import (
    ProjectIndexPage,
    ProjectPage,
    SpecialisationAreaPage,
    StrategyPage,
)
from specialisation.snippets import FactBox, Organisation
from tests.builders import make_page, make_release, stream


def make_area(**fields) -> SpecialisationAreaPage:
    fields.setdefault("short_description_sv", "Ett område.")
    if fields.get("title_en"):
        fields.setdefault("short_description_en", "An area.")
    return make_page(StrategyPage.objects.get(), SpecialisationAreaPage, **fields)


def make_project(**fields) -> ProjectPage:
    fields.setdefault("summary_sv", "Ett projekt.")
    if fields.get("title_en"):
        fields.setdefault("summary_en", "A project.")
    return make_page(ProjectIndexPage.objects.get(), ProjectPage, **fields)


def as_saved(raw: list[dict]) -> list:
    """Stream data as the editor's form saves it (a quote keeps the person's
    role and party of that day)."""
    block = PressReleaseStreamBlock()
    value = block.to_python(raw)
    list(value)  # each child as a block value, as the form gives them
    return block.get_prep_value(value)


def build(test_class) -> None:
    """Set up the tree on ``test_class`` (from setUpTestData)."""
    cls = test_class
    cls.area = make_area(title_sv="API-området", title_en="The API area")
    cls.hidden_area = make_area(title_sv="Dolt område", title_en="Hidden area")
    PageViewRestriction.objects.create(
        page=cls.hidden_area, restriction_type="password", password="hemligt"
    )
    cls.partner = Organisation.objects.create(
        name_sv="Blekinge tekniska högskola",
        name_en="Blekinge Institute of Technology",
        url="https://www.bth.se",
    )
    cls.project = make_project(
        title_sv="API-projektet",
        title_en="The API project",
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 12, 31),
        lead_organisation=cls.partner,
        related_areas__m2m=[cls.area],
    )
    cls.contact = Person.objects.create(
        name="Karin Presskontakt",
        role_sv="presschef",
        role_en="head of press",
        email="karin@region.example",
        phone="0455-11 22 33",
    )
    cls.quoted = Person.objects.create(
        name="Olle Ordförande",
        party="S",
        role_sv="ordförande i nämnden",
        role_en="chair of the committee",
        email="olle@region.example",
    )
    cls.fact_box = FactBox.objects.create(
        title_sv="Fakta om API:t",
        title_en="Facts about the API",
        body_sv="<p>Svenska fakta.</p>",
        body_en="<p>English facts.</p>",
    )
    cls.draft_box = FactBox.objects.create(
        title_sv="Utkast till faktaruta", body_sv="<p>Hemligt.</p>", live=False
    )
    quote = {
        "text": "Det här är ett citat.",
        "person": cls.quoted.pk,
        "name": "",
        "role_sv": "",
        "role_en": "",
        "party": "",
    }
    cls.release = make_release(
        title_sv="Regionen öppnar sitt API",
        title_en="The region opens its API",
        lead_sv="Nu kan kommunerna hämta nyheterna.",
        lead_en="Municipalities can now fetch the news.",
        body_sv=as_saved(stream(("text", "<p>Svensk brödtext.</p>"), ("quote", quote))),
        body_en=as_saved(
            stream(("text", "<p>English body text.</p>"), ("quote", quote))
        ),
        publication_date=timezone.now() - datetime.timedelta(hours=1),
        related_areas__m2m=[cls.area, cls.hidden_area],
        related_projects__m2m=[cls.project],
    )
    cls.release.press_contacts.create(person=cls.contact)
    cls.release.save_revision().publish()
    cls.release.refresh_from_db()
    cls.swedish_only = make_release(
        title_sv="Bara på svenska",
        publication_date=timezone.now() - datetime.timedelta(hours=2),
        related_areas__m2m=[cls.area],
    )


def never_public() -> dict[str, Page]:
    """One release for each way of not being public."""
    now = timezone.now()
    draft = make_release(title_sv="Utkast", publish=False)
    embargoed = make_release(title_sv="Under embargo", publish=False)
    embargoed.go_live_at = now + datetime.timedelta(days=1)
    embargoed.save_revision().publish()  # scheduled: stays unpublished until then
    expired = make_release(title_sv="Utgången")
    PressReleasePage.objects.filter(pk=expired.pk).update(
        expire_at=now - datetime.timedelta(minutes=1)
    )
    private = make_release(title_sv="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {
        "draft": draft,
        "embargoed": embargoed,
        "expired": expired,
        "private": private,
    }
