"""Keeping the search index: a document per live, public page and language."""

import re

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

from ..bilingual.status import tracked_fields
from ..i18n import has_value
from .models import SearchDocument, SearchTerm

CONFIGS = {"sv": "swedish", "en": "english"}
LEAD_FIELDS = ("lead", "intro", "summary", "short_description")
WORD = re.compile(r"\w+", re.UNICODE)


def _stream_text(value) -> list[str]:
    parts = []
    if value is None:
        return parts
    if isinstance(value, RichText):
        parts.append(strip_tags(value.source))
    elif isinstance(value, str):
        parts.append(value)
    elif hasattr(value, "raw_data") or isinstance(value, list | tuple):
        for item in value:
            parts += _stream_text(getattr(item, "value", item))
    elif isinstance(value, dict):
        for item in value.values():
            parts += _stream_text(item)
    return parts


def page_document(page, language: str) -> dict | None:
    """Title, lead, body and date of ``page`` in ``language``, or None when the
    page is not available in that language."""
    if hasattr(page, "is_available_in") and not page.is_available_in(language):
        return None
    title = getattr(page, f"title_{language}", None)
    if not has_value(title):
        return None
    lead = ""
    for name in LEAD_FIELDS:
        value = getattr(page, f"{name}_{language}", None)
        if has_value(value):
            lead = str(value)
            break
    body = []
    for name in tracked_fields(type(page)):
        if name in ("title", *LEAD_FIELDS):
            continue
        field = page._meta.get_field(f"{name}_{language}")
        value = getattr(page, f"{name}_{language}", None)
        if not has_value(value):
            continue
        if isinstance(field, StreamField):
            body += _stream_text(value)
        elif isinstance(field, RichTextField):
            body.append(strip_tags(value))
        else:
            body.append(str(value))
    date = getattr(page, "publication_date", None) or page.last_published_at
    return {
        "title": title[:255],
        "lead": lead,
        "body": "\n".join(body),
        "date": date,
        "label": result_label(page, language),
    }


def result_label(page, language: str) -> str:
    """The kind of hit readers see: a release's own kind, else the page type."""
    with translation.override(language):
        if hasattr(page, "kind_label"):
            return page.kind_label()
        name = str(page._meta.verbose_name)
        return (name[:1].upper() + name[1:])[:100]


def index_page(page) -> None:
    """(Re)index a live, public page in every language it exists in; drop the
    others. A page behind a password, a login or a group (its own restriction or an
    ancestor's) is never in the index: search must not show its title or lead, nor
    confirm a word of its body."""
    page = page.specific
    public = page.live and not page.get_view_restrictions().exists()
    for language in CONFIGS:
        data = page_document(page, language) if public else None
        if data is None:
            SearchDocument.objects.filter(page_id=page.pk, language=language).delete()
            continue
        text = " ".join([data["title"], data["lead"], data["body"]]).lower()
        document, _created = SearchDocument.objects.update_or_create(
            page_id=page.pk, language=language, defaults={**data, "text": text}
        )
        if connection.vendor == "postgresql":
            config = CONFIGS[language]
            head = SearchVector("title", weight="A", config=config) + SearchVector(
                "lead", weight="B", config=config
            )
            SearchDocument.objects.filter(pk=document.pk).update(
                search_vector=head + SearchVector("body", weight="C", config=config),
                head_vector=head,
            )
        words = {word for word in WORD.findall(text) if 4 <= len(word) <= 64}
        SearchTerm.objects.bulk_create(
            [SearchTerm(language=language, term=word) for word in words],
            ignore_conflicts=True,
        )


def unindex_page(page) -> None:
    SearchDocument.objects.filter(page_id=page.pk).delete()


def reindex_subtree(page) -> None:
    """After a view restriction on ``page`` was added, changed or removed."""
    for descendant in Page.objects.filter(path__startswith=page.path).specific():
        index_page(descendant)
