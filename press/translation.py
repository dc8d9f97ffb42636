"""Fields of newsroom pages that editors fill in per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import NewsIndexPage, PressReleasePage


@register(NewsIndexPage)
class NewsIndexPageTranslationOptions(TranslationOptions):
    fields = ("intro",)


@register(PressReleasePage)
class PressReleasePageTranslationOptions(TranslationOptions):
    fields = ("lead", "image_caption", "body")
    required_languages = {"sv": ("lead",)}
