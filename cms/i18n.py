"""Language helpers for the field-level translation model (django-modeltranslation).

Swedish is the source language. Reading ``obj.field`` gives the active language with
a fallback to Swedish; these helpers say which language a value is really in, so
templates can mark Swedish text with ``lang="sv"`` instead of presenting it as English.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

SOURCE_LANGUAGE = "sv"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def other_languages(current: str | None = None) -> list[str]:
    current = current or translation.get_language()
    return [code for code in language_codes() if code != current]


def has_value(value: Any) -> bool:
    """True when a translated field holds something a reader would see."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    try:
        return len(value) > 0
    except TypeError:
        return bool(value)


def value_and_lang(obj: Any, name: str, language: str | None = None) -> tuple[Any, str]:
    """The value of ``name`` in ``language`` (default: active) and the language it is
    really in: the requested one, or Swedish when the translation is missing."""
    language = language or translation.get_language() or SOURCE_LANGUAGE
    value = getattr(obj, f"{name}_{language}", None)
    if has_value(value) or language == SOURCE_LANGUAGE:
        return value, language
    return getattr(obj, f"{name}_{SOURCE_LANGUAGE}", None), SOURCE_LANGUAGE


def field_in(obj: Any, name: str, language: str | None = None) -> Any:
    return value_and_lang(obj, name, language)[0]


def lang_if_fallback(obj: Any, name: str) -> str:
    """``"sv"`` when the active language's value of ``name`` falls back to Swedish."""
    active = translation.get_language() or SOURCE_LANGUAGE
    _value, lang = value_and_lang(obj, name, active)
    return lang if lang != active else ""


@dataclass(frozen=True)
class Alternate:
    """One language version of the current page, for hreflang and the switcher."""

    code: str
    name: str
    url: str
    full_url: str
    available: bool
    current: bool


LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}


def page_url_in(
    page: Any, language: str, request: Any = None, full: bool = False
) -> str:
    """The URL of ``page`` in ``language`` (translated slugs and language prefix)."""
    with translation.override(language):
        if full:
            return page.get_full_url(request)
        return page.get_url(request)


def absolute(url: str, request: Any = None) -> str:
    """``url`` at the site's one public address (BASE_URL), never at the Host a
    request happened to use (``request`` is accepted for callers' convenience)."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.BASE_URL + url


def alternates_for_page(page: Any, request: Any) -> list[Alternate]:
    active = translation.get_language()
    result = []
    for code in language_codes():
        if hasattr(page, "is_available_in"):
            available = page.is_available_in(code)
        else:
            available = code == SOURCE_LANGUAGE
        url = page_url_in(page, code, request) or ""
        result.append(
            Alternate(
                code=code,
                name=LANGUAGE_NAMES.get(code, code),
                url=url,
                full_url=absolute(url, request),
                available=available,
                current=code == active,
            )
        )
    return result


def alternates_for_path(request: Any) -> list[Alternate]:
    """Alternates for non-page views (search, 404): Django's own URL translation."""
    active = translation.get_language()
    result = []
    for code in language_codes():
        url = translate_url(request.get_full_path(), code)
        result.append(
            Alternate(
                code=code,
                name=LANGUAGE_NAMES.get(code, code),
                url=url,
                full_url=absolute(url, request),
                available=True,
                current=code == active,
            )
        )
    return result


def readable(queryset: Any, language: str | None = None) -> Any:
    """The live, public pages of a BasePage queryset that readers of ``language``
    may see: everything in Swedish, only pages available in English in English."""
    language = language or translation.get_language() or SOURCE_LANGUAGE
    if not hasattr(queryset, "live"):
        # In previews, relations are modelcluster's in-memory FakeQuerySets.
        queryset = queryset.model.objects.filter(pk__in=[obj.pk for obj in queryset])
    queryset = queryset.live().public()
    if language != SOURCE_LANGUAGE:
        queryset = queryset.filter(english_ready=True)
    return queryset
