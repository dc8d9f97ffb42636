"""Fields of strategy pages and snippets that editors fill in per language."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from cms.pages import BASE_PAGE_TRANSLATED

from .models import (
    FactBox,
    Organisation,
    ProjectFunder,
    ProjectIndexPage,
    ProjectPage,
    SpecialisationAreaPage,
    StrategyPage,
)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"sv": ("name",)}


@register(FactBox)
class FactBoxTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("sv",)


@register(StrategyPage)
class StrategyPageTranslationOptions(TranslationOptions):
    fields = (*BASE_PAGE_TRANSLATED, "intro", "purpose", "body")
    required_languages = {"sv": ("intro",)}


@register(SpecialisationAreaPage)
class SpecialisationAreaPageTranslationOptions(TranslationOptions):
    fields = (*BASE_PAGE_TRANSLATED, "short_description", "focus_themes", "body")
    required_languages = {"sv": ("short_description",)}


@register(ProjectIndexPage)
class ProjectIndexPageTranslationOptions(TranslationOptions):
    fields = (
        *BASE_PAGE_TRANSLATED,
        "intro",
    )


@register(ProjectPage)
class ProjectPageTranslationOptions(TranslationOptions):
    fields = (*BASE_PAGE_TRANSLATED, "summary", "body")
    required_languages = {"sv": ("summary",)}


@register(ProjectFunder)
class ProjectFunderTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"sv": ("name",)}
