"""Formatting for readers: dates in the active language, JSON-LD, model names."""

import datetime
import json

from django import template
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()


@register.filter
def long_date(value):
    """31 augusti 2021 / 31 August 2021, in the active language."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


@register.simple_tag
def meta_description(page) -> str:
    """The page's description for search engines and link previews: its SEO
    description, else its introduction or lead, as plain text, in the active
    language only."""
    language = translation.get_language()
    for name in ("search_description", "intro", "lead", "summary", "short_description"):
        # The active language's own value: never the Swedish one on an English
        # page (the notice on a Swedish-only page's English address).
        own = f"{name}_{language}"
        value = getattr(page, own if hasattr(page, own) else name, None)
        text = strip_tags(str(value)).strip() if value else ""
        if text:
            return Truncator(" ".join(text.split())).chars(300)
    return ""


@register.filter
def iso_datetime(value):
    """A valid HTML datetime: ISO 8601 in the site's time zone, whole seconds
    (Django's ``date:"c"`` keeps microseconds, which HTML does not allow)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.replace(microsecond=0)
    return value.isoformat()


@register.filter
def long_datetime(value):
    """13 juni 2018 kl. 13.51 / 13 June 2018, 13:51: the date and time of day in
    the active language's style (Språkrådet's "kl." with a full stop)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if translation.get_language() == "sv":
        return date_format(value, r"j F Y \k\l. H.i")
    return date_format(value, "j F Y, H:i")


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block; <, > and & are escaped so no value can close
    the script element."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    safe_text = mark_safe(text)  # noqa: S308 (escaped above)
    return format_html('<script type="application/ld+json">{}</script>', safe_text)


@register.filter
def verbose_name(model) -> str:
    """The model's verbose name, capitalised (for labels in search results)."""
    if model is None:
        return ""
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]
