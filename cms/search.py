"""Per-language site search.

Written by hand rather than with Wagtail's search backend because Wagtail's
database backend uses one text-search configuration for all content, while this
site needs Swedish stemming for Swedish pages and English stemming for English ones,
an index that holds only what each language may show, and Swedish compound words
split into their parts.

- PostgreSQL: full-text search with the ``swedish``/``english`` configuration over
  title, lead and body, ranked by title (weighted over lead), then date; when
  nothing matches, trigram word similarity on titles for misspellings.
- SQLite: a simpler but working path: lower-cased substring matching with light
  suffix stripping, title matches first.
- Both: a Swedish compound query word ("specialiseringsstrategi") also matches its
  parts ("specialisering", "strategi") when those words occur on the site.
"""

import re
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import BooleanField, Case, Prefetch, Q, Value, When
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from .i18n import has_value
from .models import SearchDocument, SearchTerm
from .translation_status import tracked_fields

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
CONFIGS = {"sv": "swedish", "en": "english"}
LEAD_FIELDS = ("lead", "intro", "summary", "short_description")
WORD = re.compile(r"\w+", re.UNICODE)
SV_SUFFIXES = (
    "ingarna",
    "ingar",
    "ingen",
    "arna",
    "erna",
    "orna",
    "heten",
    "heter",
    "ande",
    "ende",
    "ning",
    "ar",
    "er",
    "or",
    "en",
    "et",
    "na",
    "s",
    "a",
    "e",
)
EN_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "es", "ed", "s")


class QueryError(ValueError):
    """A query that cannot be searched; the message is shown to the reader."""


# --- Indexing ------------------------------------------------------------------------


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
    return {"title": title[:255], "lead": lead, "body": "\n".join(body), "date": date}


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
            from django.contrib.postgres.search import SearchVector

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


def public_documents(documents):
    """Leave out pages under a view restriction, also if the index has not caught
    up with a restriction yet (one query for the restricted paths)."""
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if not paths:
        return documents
    restricted = Page.objects.filter(
        reduce(or_, [Q(path__startswith=path) for path in paths])
    )
    return documents.exclude(page_id__in=restricted.values("pk"))


# --- Querying ------------------------------------------------------------------------


def clean_query(raw: str) -> list[str]:
    """The words of a reader's query. Raises QueryError with a message in the
    active language for queries that cannot be searched."""
    from django.utils.translation import gettext as _

    query = (raw or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(
            _("The search text is too long. Use at most %(max)s characters.")
            % {"max": MAX_QUERY_LENGTH}
        )
    words = [word.lower() for word in WORD.findall(query) if len(word) > 1]
    words = [word[:64] for word in words][:MAX_WORDS]
    if not words:
        raise QueryError(_("Type one or more words to search for."))
    return words


def _stem(word: str, language: str) -> str:
    suffixes = SV_SUFFIXES if language == "sv" else EN_SUFFIXES
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def compound_parts(word: str, language: str) -> list[str]:
    """Parts of a Swedish compound word that occur as words on the site:
    "specialiseringsstrategi" -> ["specialisering", "strategi"]."""
    if language != "sv" or len(word) < 9:
        return []
    splits = []
    for i in range(4, len(word) - 3):
        left, right = word[:i], word[i:]
        # Swedish joins compounds with a linking s ("specialisering-s-strategi").
        left_base = left[:-1] if left.endswith("s") and len(left) > 5 else left
        splits.append((left, left_base, right))
    candidates = {part for split in splits for part in split}
    known = set(
        SearchTerm.objects.filter(language=language, term__in=candidates).values_list(
            "term", flat=True
        )
    )
    parts = []
    for left, left_base, right in splits:
        left_known = (
            left_base if left_base in known else left if left in known else None
        )
        if left_known and right in known:
            parts += [left_known, right]
    if not parts:
        parts = [p for p in candidates if p in known and len(p) >= 6 and p != word]
    return list(dict.fromkeys(parts))


def search(raw_query: str, language: str | None = None):
    """SearchDocuments in ``language`` (default: active) matching the query, best
    first, with their pages prefetched. Raises QueryError for queries that cannot
    be searched."""
    language = language or translation.get_language() or "sv"
    words = clean_query(raw_query)
    alternatives = [[word, *compound_parts(word, language)] for word in words]
    # Pages are fetched for the ten shown only, not joined to every match.
    documents = (
        public_documents(SearchDocument.objects.filter(language=language))
        .defer("body", "text", "search_vector", "head_vector")
        .prefetch_related(
            Prefetch("page", queryset=Page.objects.select_related("content_type"))
        )
    )
    if connection.vendor == "postgresql":
        return _search_postgresql(documents, alternatives, " ".join(words), language)
    return _search_simple(documents, alternatives, language)


def _search_postgresql(documents, alternatives, text, language):
    """Full-text matches (GIN index) ranked by how well the title and lead match,
    then newest first; only when there is none, titles with a word like the query
    (pg_trgm's word similarity, trigram index), for misspellings."""
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        TrigramWordSimilarity,
    )
    from django.db.models import F

    config = CONFIGS[language]
    query = reduce(
        and_,
        [
            reduce(
                or_, [SearchQuery(a, config=config, search_type="plain") for a in alts]
            )
            for alts in alternatives
        ],
    )
    matches = documents.filter(search_vector=query)
    if matches.exists():
        return matches.annotate(rank=SearchRank(F("head_vector"), query)).order_by(
            "-rank", "-date", "pk"
        )
    # %> uses the trigram index; its threshold (pg_trgm.word_similarity_threshold)
    # is 0.6 unless the database sets another.
    return (
        documents.filter(title__trigram_word_similar=text)
        .annotate(similarity=TrigramWordSimilarity(text, "title"))
        .order_by("-similarity", "-date", "pk")
    )


def _search_simple(documents, alternatives, language):
    """Substring matches; those with a query word in the title first, then newest."""
    conditions = []
    in_title = []
    for alts in alternatives:
        options = set()
        for alt in alts:
            options.add(alt)
            options.add(_stem(alt, language))
        conditions.append(reduce(or_, [Q(text__contains=o) for o in options]))
        in_title += [Q(title__icontains=o) for o in options]
    return (
        documents.filter(reduce(and_, conditions))
        .annotate(
            in_title=Case(
                When(reduce(or_, in_title), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-in_title", "-date", "pk")
    )
