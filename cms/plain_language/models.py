"""The word list of the klarspråk checks, and the measures of each published page."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from .analysis import Phrase

LANGUAGES = [("sv", "Svenska"), ("en", "English")]


class PlainWord(models.Model):
    """A bureaucratic word or phrase and what to write instead (Språkrådet's
    "Myndighetsord" list is the start; web editors add their own)."""

    word = models.CharField(
        _("word or phrase"),
        max_length=80,
        help_text=_(
            "A single word also finds its inflections (“inkomma” finds “inkommit”)."
        ),
    )
    replacement = models.CharField(_("write instead"), max_length=160)
    language = models.CharField(
        _("language"), max_length=2, choices=LANGUAGES, default="sv"
    )

    class Meta:
        verbose_name = _("bureaucratic word")
        verbose_name_plural = _("bureaucratic words")
        ordering = ["language", "word"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "word"], name="unique_plain_word"
            )
        ]

    def __str__(self) -> str:
        return f"{self.word} → {self.replacement}"

    def as_phrase(self) -> Phrase:
        return Phrase(str(self.pk), self.word, self.replacement)


def phrases_for(language: str) -> list[Phrase]:
    return [word.as_phrase() for word in PlainWord.objects.filter(language=language)]


class PlainLanguageMeasure(models.Model):
    """The klarspråk measures of a page's live version in one language, taken in
    the background after each publish (cms.plain_language.measures)."""

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    words = models.PositiveIntegerField(_("words"), default=0)
    lix = models.PositiveSmallIntegerField(_("LIX"), null=True)
    lix_target = models.PositiveSmallIntegerField(_("LIX target"), null=True)
    long_sentences = models.PositiveIntegerField(_("long sentences"), default=0)
    long_paragraphs = models.PositiveIntegerField(_("long paragraphs"), default=0)
    bureaucratic_words = models.PositiveIntegerField(_("bureaucratic words"), default=0)
    vague_links = models.PositiveIntegerField(_("vague link texts"), default=0)
    passive = models.PositiveIntegerField(_("maybe passive"), default=0)
    measured_at = models.DateTimeField(_("measured"), default=timezone.now)

    class Meta:
        verbose_name = _("plain language measure")
        verbose_name_plural = _("plain language measures")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="unique_measure_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.language} LIX {self.lix}"

    @property
    def over_target(self) -> bool:
        return bool(self.lix and self.lix_target and self.lix > self.lix_target)
