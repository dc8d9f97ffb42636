"""Fields of cms models that editors fill in per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .images import CustomImage
from .people import Person
from .site_settings import SiteSettings


@register(CustomImage)
class CustomImageTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = ("opening_hours", "press_hours", "feedback_question")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("role", "organisation")
