"""What the API may show: live, public content only. Drafts, scheduled
(embargoed) items, expired and private pages (password, login or group
restrictions, also inherited from an ancestor) never get out, in any field,
list or related item. Every query of the API starts here."""

from django.db.models import Q
from django.utils import timezone

from cms.people import Person
from press.models import PressReleasePage
from specialisation.models import ProjectPage, SpecialisationAreaPage
from specialisation.snippets import FactBox, Organisation


def pages(model, language: str | None = None):
    """Live, public, unexpired pages of ``model``; with ``language`` "en", only
    those available in English. (``live`` alone lets a page whose expiry time has
    passed through until the scheduler's next round unpublishes it.)"""
    queryset = model.objects.live().public()
    queryset = queryset.filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    )
    if language and language != "sv":
        queryset = queryset.filter(english_ready=True)
    return queryset


def snippets(model):
    """Published snippets (a draft or an unpublished one never shows). Whether
    one is ready in English is computed from its fields (api.shapes)."""
    return model.objects.filter(live=True)


def releases(language=None):
    return pages(PressReleasePage, language)


def areas(language=None):
    return pages(SpecialisationAreaPage, language)


def projects(language=None):
    return pages(ProjectPage, language)


def fact_boxes():
    return snippets(FactBox)


def organisations():
    # Names are proper nouns: every organisation is shown in both languages,
    # with the Swedish text where no English is written (as on the site).
    return snippets(Organisation)


def people():
    # A person has no English "version": their name is theirs, and the role and
    # organisation fall back to Swedish as on the site.
    return Person.objects.filter(live=True)


# What a reference to a page (title and address in each language) reads.
REFERENCE_FIELDS = (
    "id",
    "path",
    "depth",
    "title_sv",
    "title_en",
    "url_path",
    "url_path_sv",
    "url_path_en",
    "english_ready",
    "locale_id",
)


def references(queryset):
    """A page queryset loading only what a reference shows, in tree order."""
    return queryset.only(*REFERENCE_FIELDS).order_by("path")


def contact_ids() -> set[int]:
    """The people whose e-mail and phone public pages show: the press contacts
    of public releases and the contacts of public projects."""
    press = releases().order_by().values_list("press_contacts__person_id", flat=True)
    project = projects().order_by().values_list("contacts__person_id", flat=True)
    return {pk for pk in press.union(project) if pk is not None}
