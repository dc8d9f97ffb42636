"""The API's response models. Each resource comes in two forms, made from one
description: both languages (``title_sv``, ``title_en``, ``languages``) and one
language (``?lang=en``: ``title``, ``language``), so the OpenAPI document states
exactly what each form holds."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema
from pydantic import create_model

Language = Literal["sv", "en"]
LANGUAGES = ("sv", "en")


class Pair:
    """The two forms of one resource: ``both`` and ``one`` (see the module)."""

    def __init__(self, name: str, shared: dict, translated: dict, doc: str = ""):
        self.name = name
        self.shared, self.translated = shared, translated
        self.both = create_model(
            f"{name}",
            __base__=Schema,
            __doc__=doc,
            languages=(list[Language], ...),
            **{key: (_resolve(kind, "both"), ...) for key, kind in shared.items()},
            **{
                f"{key}_{language}": (kind | None, ...)
                for key, kind in translated.items()
                for language in LANGUAGES
            },
        )
        self.one = create_model(
            f"{name}InOneLanguage",
            __base__=Schema,
            __doc__=doc,
            language=(Language, ...),
            languages=(list[Language], ...),
            **{key: (_resolve(kind, "one"), ...) for key, kind in shared.items()},
            **{key: (kind, ...) for key, kind in translated.items()},
        )

    def extend(self, name: str, shared: dict, translated: dict, doc: str = ""):
        return Pair(
            name,
            {**self.shared, **shared},
            {**self.translated, **translated},
            doc,
        )


class Many:
    """A list of another resource (in the same form as its parent)."""

    def __init__(self, pair: Pair):
        self.pair = pair


class Maybe:
    """Another resource, or null."""

    def __init__(self, pair: Pair):
        self.pair = pair


def _resolve(kind, form: str):
    if isinstance(kind, Pair):
        return getattr(kind, form)
    if isinstance(kind, Many):
        return list[getattr(kind.pair, form)]
    if isinstance(kind, Maybe):
        return getattr(kind.pair, form) | None
    return kind


def listing(pair: Pair):
    """The list envelope: items and the address of the next page (or null)."""
    return (
        create_model(
            f"{pair.name}List",
            __base__=Schema,
            items=(list[pair.both], ...),
            next=(str | None, ...),
        ),
        create_model(
            f"{pair.name}ListInOneLanguage",
            __base__=Schema,
            items=(list[pair.one], ...),
            next=(str | None, ...),
        ),
    )


class Error(Schema):
    """What went wrong, in the language asked for (``?lang``), else Swedish."""

    status: int
    detail: str


class Rendition(Schema):
    url: str
    width: int
    height: int


Blocks = list[dict[str, Any]]

Image = Pair(
    "Image",
    {
        "id": int,
        "width": int,
        "height": int,
        "credit": str,
        "decorative": bool,
        "renditions": dict[str, Rendition],
    },
    {"alt": str},
    "An image with its sizes; the alt text is the site's (Swedish when no "
    "English is written).",
)
Person = Pair(
    "Person",
    {
        "id": int,
        "name": str,
        "party": str,
        "email": str | None,
        "phone": str | None,
        "photo": Maybe(Image),
    },
    {"role": str, "organisation": str},
    "A named person. E-mail and phone only for the press and project contacts "
    "that public pages show.",
)
Organisation = Pair(
    "Organisation",
    {"id": int, "website": str, "logo": Maybe(Image)},
    {"name": str, "description": str},
)
FactBox = Pair(
    "FactBox",
    {"id": int, "updated_at": datetime | None},
    {"title": str, "body_html": str},
)
PageRef = Pair("PageRef", {"id": int}, {"title": str, "url": str})
Funder = Pair("Funder", {"amount": Decimal | None}, {"name": str})

ReleaseSummary = Pair(
    "ReleaseSummary",
    {
        "id": int,
        "kind": Literal["press_release", "news"],
        "publication_date": datetime | None,
        "updated_at": datetime | None,
        "image": Maybe(Image),
        "areas": Many(PageRef),
        "projects": Many(PageRef),
    },
    {"title": str, "url": str, "lead": str},
    "A press release or news item as lists show it.",
)
Release = ReleaseSummary.extend(
    "Release",
    {"tags": list[str], "press_contacts": Many(Person)},
    {"image_caption": str, "body": Blocks, "body_html": str},
    "A press release or news item: the body as structured blocks and as HTML. "
    "Quotes carry the person's name, party and role when quoted.",
)
AreaSummary = Pair(
    "AreaSummary",
    {"id": int, "updated_at": datetime | None, "image": Maybe(Image)},
    {"title": str, "url": str, "short_description": str, "focus_themes": str},
    "A specialisation area of the strategy.",
)
Area = AreaSummary.extend(
    "Area", {}, {"body": Blocks, "body_html": str}, "A specialisation area."
)
ProjectSummary = Pair(
    "ProjectSummary",
    {
        "id": int,
        "updated_at": datetime | None,
        "status": Literal["planned", "ongoing", "finished"],
        "start_date": date | None,
        "end_date": date | None,
        "image": Maybe(Image),
        "lead_organisation": Maybe(Organisation),
        "areas": Many(PageRef),
    },
    {"title": str, "url": str, "summary": str},
    "A project of the strategy; its status follows from its dates.",
)
Project = ProjectSummary.extend(
    "Project",
    {
        "partners": Many(Organisation),
        "funders": Many(Funder),
        "contacts": Many(Person),
    },
    {"body": Blocks, "body_html": str},
    "A project with its partners, funders and contacts.",
)
