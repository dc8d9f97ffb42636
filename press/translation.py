"""Fields of newsroom pages that editors fill in per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from cms.pages import BASE_PAGE_TRANSLATED

from .models import NewsIndexPage, PressReleasePage


@register(NewsIndexPage)
class NewsIndexPageTranslationOptions(TranslationOptions):
    fields = (
        *BASE_PAGE_TRANSLATED,
        "intro",
    )


@register(PressReleasePage)
class PressReleasePageTranslationOptions(TranslationOptions):
    fields = (*BASE_PAGE_TRANSLATED, "lead", "image_caption", "body")
    required_languages = {"sv": ("lead",)}
