"""Fields of home-app pages that editors fill in per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import AccessibilityStatementPage, ContentPage, CookiePage, HomePage


@register(HomePage)
class HomePageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(ContentPage)
class ContentPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(AccessibilityStatementPage)
class AccessibilityStatementPageTranslationOptions(TranslationOptions):
    fields = ("intro", "known_problems", "method_description", "reply_time")
    required_languages = ("sv",)


@register(CookiePage)
class CookiePageTranslationOptions(TranslationOptions):
    fields = ("intro",)
    required_languages = ("sv",)
