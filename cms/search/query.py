"""Searching the index in the reader's language."""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import BooleanField, Case, F, Prefetch, Q, Value, When
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page, PageViewRestriction

from .index import CONFIGS, WORD
from .models import SearchDocument, SearchTerm

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
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


def clean_query(raw: str) -> list[str]:
    """The words of a reader's query. Raises QueryError with a message in the
    active language for queries that cannot be searched."""
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
