"""Each resource built once with its text in every language it is available in
(an ``Entry``), then shaped for the request: both languages side by side, or one
(see api.schemas)."""

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.utils import translation
from django.utils.functional import cached_property

from wagtail.rich_text import expand_db_html

from cms.i18n import absolute, field_in

from . import public
from .schemas import LANGUAGES

# Sizes of every image; fill-1200x630 is also the pages' social card, so it is
# usually made already.
RENDITIONS = {
    "web": "width-1200",
    "thumbnail": "fill-400x300",
    "social": "fill-1200x630",
}


@dataclass
class Entry:
    shared: dict[str, Any]
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)


def shape(entry: Entry, language: str | None = None) -> dict | None:
    """``entry`` in both languages (``title_sv``, ``title_en``: null where not
    available), or in ``language`` only (None when it is not available in it)."""
    if language is not None and language not in entry.texts:
        return None
    out = {"languages": [code for code in LANGUAGES if code in entry.texts]}
    out.update((key, _shaped(value, language)) for key, value in entry.shared.items())
    if language is not None:
        out["language"] = language
        out.update(entry.texts[language])
        return out
    keys = dict.fromkeys(key for texts in entry.texts.values() for key in texts)
    for key in keys:
        for code in LANGUAGES:
            out[f"{key}_{code}"] = entry.texts.get(code, {}).get(key)
    return out


def _shaped(value, language):
    if isinstance(value, Entry):
        return shape(value, language)
    if isinstance(value, list) and value and isinstance(value[0], Entry):
        shaped = (shape(item, language) for item in value)
        return [item for item in shaped if item is not None]
    return value


def languages_of(obj) -> tuple[str, ...]:
    """The languages readers get ``obj`` in: Swedish always; English when ready
    (stored on pages, computed from the stored fields for snippets)."""
    if hasattr(obj, "english_ready"):
        ready = obj.english_ready
    else:
        ready = not obj.missing_english_fields()
    return LANGUAGES if ready else ("sv",)


def text(obj, name: str, language: str) -> str:
    return getattr(obj, f"{name}_{language}", None) or ""


class Shaper:
    """Builds entries for one request (it knows the request for page URLs and
    keeps what several entries share, such as who the public contacts are)."""

    def __init__(self, request):
        self.request = request
        self._root_paths: dict[str, SimpleNamespace] = {}

    @cached_property
    def contact_ids(self) -> set[int]:
        return public.contact_ids()

    # --- Shared pieces -----------------------------------------------------------

    def image(self, image) -> Entry | None:
        if image is None:
            return None
        renditions = image.get_renditions(*RENDITIONS.values())
        sizes = {}
        for name, spec in RENDITIONS.items():
            rendition = renditions[spec]
            sizes[name] = {
                "url": absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        return Entry(
            {
                "id": image.pk,
                "width": image.width,
                "height": image.height,
                "credit": image.credit,
                "decorative": image.is_decorative,
                "renditions": sizes,
            },
            {
                code: {
                    "alt": ""
                    if image.is_decorative
                    else (field_in(image, "description", code) or "")
                }
                for code in LANGUAGES
            },
        )

    def url(self, page, language: str) -> str:
        # One holder per language keeps Wagtail's site root paths for that
        # language (the request would keep one language's only, and look them
        # up again at every switch between Swedish and English).
        holder = self._root_paths.setdefault(language, SimpleNamespace())
        with translation.override(language):
            return page.get_full_url(holder) or ""

    def page_texts(self, page, names: tuple[str, ...]) -> dict[str, dict]:
        return {
            code: {
                "title": text(page, "title", code),
                "url": self.url(page, code),
                **{name: text(page, name, code) for name in names},
            }
            for code in languages_of(page)
        }

    def page_ref(self, page) -> Entry:
        return Entry({"id": page.pk}, self.page_texts(page, ()))

    def body(self, page, texts: dict[str, dict], name: str = "body") -> None:
        """Add the body in each available language: as blocks (rich text as
        HTML, links resolved in that language) and rendered as the page shows it."""
        for code, values in texts.items():
            stream = getattr(page, f"{name}_{code}")
            with translation.override(code):
                values["body"] = stream.stream_block.get_api_representation(stream)
                values["body_html"] = str(stream.__html__())

    def person(self, person) -> Entry:
        contact = person.pk in self.contact_ids
        return Entry(
            {
                "id": person.pk,
                "name": person.name,
                "party": person.party,
                "email": (person.email or None) if contact else None,
                "phone": (person.phone or None) if contact else None,
                "photo": self.image(person.photo),
            },
            {
                code: {
                    "role": field_in(person, "role", code) or "",
                    "organisation": field_in(person, "organisation", code) or "",
                }
                for code in LANGUAGES
            },
        )

    def organisation(self, organisation) -> Entry | None:
        if organisation is None or not organisation.live:
            return None
        # Names are proper nouns: as on the site, a missing English text is the
        # Swedish one.
        return Entry(
            {
                "id": organisation.pk,
                "website": organisation.url,
                "logo": self.image(organisation.logo),
            },
            {
                code: {
                    "name": field_in(organisation, "name", code) or "",
                    "description": field_in(organisation, "description", code) or "",
                }
                for code in LANGUAGES
            },
        )

    def fact_box(self, box) -> Entry:
        texts = {}
        for code in languages_of(box):
            with translation.override(code):
                texts[code] = {
                    "title": text(box, "title", code),
                    # The database HTML, links resolved in this language.
                    "body_html": expand_db_html(text(box, "body", code)),
                }
        return Entry({"id": box.pk, "updated_at": box.last_published_at}, texts)

    # --- Pages -------------------------------------------------------------------

    def release(self, page, detail: bool = False) -> Entry:
        names = ("lead", "image_caption") if detail else ("lead",)
        texts = self.page_texts(page, names)
        shared = {
            "id": page.pk,
            "kind": page.kind,
            "publication_date": page.display_date,
            "updated_at": page.last_published_at,
            "image": self.image(page.image),
            "areas": [self.page_ref(area) for area in page.related_areas.all()],
            "projects": [self.page_ref(item) for item in page.related_projects.all()],
        }
        if detail:
            self.body(page, texts)
            shared["tags"] = [tag.name for tag in page.tags.all()]
            shared["press_contacts"] = [
                self.person(item.person) for item in page.press_contacts.all()
            ]
        return Entry(shared, texts)

    def area(self, page, detail: bool = False) -> Entry:
        texts = self.page_texts(page, ("short_description", "focus_themes"))
        if detail:
            self.body(page, texts)
        shared = {
            "id": page.pk,
            "updated_at": page.last_published_at,
            "image": self.image(page.image),
        }
        return Entry(shared, texts)

    def project(self, page, detail: bool = False) -> Entry:
        texts = self.page_texts(page, ("summary",))
        shared = {
            "id": page.pk,
            "updated_at": page.last_published_at,
            "status": page.current_status(),
            "start_date": page.start_date,
            "end_date": page.end_date,
            "image": self.image(page.image),
            "lead_organisation": self.organisation(page.lead_organisation),
            "areas": [self.page_ref(area) for area in page.related_areas.all()],
        }
        if detail:
            self.body(page, texts)
            shared["partners"] = [
                entry
                for entry in (
                    self.organisation(item.organisation) for item in page.partners.all()
                )
                if entry is not None
            ]
            shared["funders"] = [
                Entry(
                    {"amount": funder.amount},
                    {
                        code: {"name": field_in(funder, "name", code) or ""}
                        for code in LANGUAGES
                    },
                )
                for funder in page.funders.all()
            ]
            shared["contacts"] = [
                self.person(item.person) for item in page.contacts.all()
            ]
        return Entry(shared, texts)
