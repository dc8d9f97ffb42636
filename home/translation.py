"""Fields of home-app pages that editors fill in per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from cms.pages import BASE_PAGE_TRANSLATED

from .models import AccessibilityStatementPage, ContentPage, CookiePage, HomePage


@register(HomePage)
class HomePageTranslationOptions(TranslationOptions):
    fields = (*BASE_PAGE_TRANSLATED, "intro", "body")


@register(ContentPage)
class ContentPageTranslationOptions(TranslationOptions):
    fields = (*BASE_PAGE_TRANSLATED, "intro", "body")


@register(AccessibilityStatementPage)
class AccessibilityStatementPageTranslationOptions(TranslationOptions):
    fields = (
        *BASE_PAGE_TRANSLATED,
        "intro",
        "known_problems",
        "method_description",
        "reply_time",
    )
    required_languages = {
        "sv": ("intro", "known_problems", "method_description", "reply_time")
    }


@register(CookiePage)
class CookiePageTranslationOptions(TranslationOptions):
    fields = (*BASE_PAGE_TRANSLATED, "intro")
    required_languages = {"sv": ("intro",)}
