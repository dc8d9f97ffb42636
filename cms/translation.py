"""Fields of cms models that editors fill in per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import CustomImage, Person, SiteSettings


@register(CustomImage)
class CustomImageTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = ("opening_hours",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("role", "organisation")
