"""The search index's own tables: one document per live, public page and language,
and the words that occur on the site."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from wagtail.models import Page


class SearchDocument(models.Model):
    """The searchable text of one live page in one language (see cms.search).

    Kept up to date on publish and unpublish, so the English index holds only pages
    available in English and nothing under embargo is ever searchable.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=5)
    title = models.CharField(max_length=255)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    date = models.DateTimeField(null=True, db_index=True)
    # What the hit is, in its language ("Pressmeddelande", "News", "Projekt").
    label = models.CharField(max_length=100, blank=True)
    # Lower-cased title, lead and body for the simple path on SQLite, whose LIKE
    # only folds ASCII letters.
    text = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True)
    # Title and lead alone: small enough to rank every match of a common word
    # quickly (the whole vector is what is searched, not what is ranked).
    head_vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="unique_search_document"
            )
        ]
        indexes = [models.Index(fields=["language", "-date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class SearchTerm(models.Model):
    """Words that occur in the searchable text, per language. Used to split Swedish
    compound words in queries into parts that exist on the site."""

    language = models.CharField(max_length=5)
    term = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "term"], name="unique_search_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.language})"
