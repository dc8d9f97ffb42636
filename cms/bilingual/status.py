"""Translation status of pages and snippets: Swedish only, English incomplete,
English outdated or English complete.

On every publication (and every save of snippets without drafts) the published
value of each translated field is compared, per language, with the value at the
previous publication (kept as a hash). A field whose Swedish value changed after its
English value last changed is *outdated*. This compares what changed in the fields
between revisions, not the page's last-edited time, and the result is stored (on the
page row too) so serving a page costs nothing extra.
"""

import hashlib
import json
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from modeltranslation.translator import NotRegistered, translator

from ..i18n import has_value
from .models import TranslationStatus

# Page fields that are translated but are addresses or metadata, not content.
UNTRACKED = {"slug", "url_path", "seo_title", "search_description"}


def tracked_fields(model) -> list[str]:
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return [name for name in options.all_fields if name not in UNTRACKED]


def _strip_ids(data):
    if isinstance(data, dict):
        return {k: _strip_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_strip_ids(v) for v in data]
    return data


def value_hash(value) -> str:
    """A stable fingerprint of a field value; empty values hash to ''."""
    if not has_value(value):
        return ""
    if hasattr(value, "stream_block"):  # StreamValue
        data = _strip_ids(value.get_prep_value())
        text = json.dumps(data, sort_keys=True, default=str)
    else:
        text = str(value).strip()
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat()


def _section(obj):
    if not hasattr(obj, "get_ancestors"):
        return None
    if obj.depth == 3:
        return obj
    return obj.get_ancestors().filter(depth=3).first() if obj.depth > 3 else None


def _evaluate(obj, fields, hashes, changes):
    has_english = any(hashes[f"{name}_en"] for name in fields)
    if hasattr(obj, "missing_english_fields"):
        missing = obj.missing_english_fields()
    else:
        missing = [n for n in fields if hashes[f"{n}_sv"] and not hashes[f"{n}_en"]]
    outdated = [
        name
        for name in fields
        if hashes[f"{name}_sv"]
        and hashes[f"{name}_en"]
        and changes.get(name, {}).get("sv", "") > changes.get(name, {}).get("en", "")
    ]
    if getattr(obj, "swedish_only", False) or not has_english:
        status = "sv_only"
    elif missing:
        status = "incomplete"
    elif outdated:
        status = "outdated"
    else:
        status = "complete"
    return status, missing, outdated


def _latest(changes, language) -> datetime | None:
    stamps = [times[language] for times in changes.values() if times.get(language)]
    return datetime.fromisoformat(max(stamps)) if stamps else None


def status_row(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return TranslationStatus.objects.filter(
        content_type=content_type, object_id=str(obj.pk)
    ).first()


def update_status(obj, when: datetime | None = None):
    """Record what changed in ``obj``'s published translated fields; return the
    stored TranslationStatus."""
    fields = tracked_fields(type(obj))
    if not fields or obj.pk is None:
        return None
    when = when or timezone.now()
    content_type = ContentType.objects.get_for_model(obj)
    row, _created = TranslationStatus.objects.get_or_create(
        content_type=content_type,
        object_id=str(obj.pk),
        defaults={"title": str(obj)[:255]},
    )
    hashes, changes = (
        {},
        {name: dict(times) for name, times in row.field_changes.items()},
    )
    for name in fields:
        for language in ("sv", "en"):
            key = f"{name}_{language}"
            hashes[key] = value_hash(getattr(obj, key, None))
            if row.value_hashes.get(key) != hashes[key]:
                changes.setdefault(name, {})[language] = _stamp(when)
    status, missing, outdated = _evaluate(obj, fields, hashes, changes)
    row.title = str(getattr(obj, "title_sv", None) or obj)[:255]
    row.section = _section(obj)
    row.value_hashes = hashes
    row.field_changes = changes
    row.status = status
    row.missing_fields = missing
    row.outdated_fields = outdated
    row.swedish_changed_at = _latest(changes, "sv")
    row.english_changed_at = _latest(changes, "en")
    row.save()
    _copy_to_page(obj, row)
    return row


def mark_checked(obj, user):
    """The English was checked after a Swedish edit that needs no translation (a
    typo fix): the outdated fields count as translated now."""
    row = status_row(obj)
    if row is None:
        return None
    now = _stamp(timezone.now())
    changes = {name: dict(times) for name, times in row.field_changes.items()}
    for name in row.outdated_fields:
        changes.setdefault(name, {})["en"] = now
    fields = tracked_fields(type(obj))
    status, missing, outdated = _evaluate(obj, fields, row.value_hashes, changes)
    row.field_changes = changes
    row.status, row.missing_fields, row.outdated_fields = status, missing, outdated
    row.english_changed_at = _latest(changes, "en")
    row.checked_at = timezone.now()
    row.checked_by = user
    row.save()
    _copy_to_page(obj, row)
    return row


def _copy_to_page(obj, row) -> None:
    if hasattr(obj, "translation_status"):
        type(obj).objects.filter(pk=obj.pk).update(
            translation_status=row.status, swedish_changed_at=row.swedish_changed_at
        )
        obj.translation_status = row.status
        obj.swedish_changed_at = row.swedish_changed_at


def field_labels(model, names) -> list[str]:
    labels = []
    for name in names:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except Exception:  # noqa: BLE001 - a renamed field keeps its name as label
            labels.append(name)
    return labels


def status_info(obj) -> dict | None:
    """The stored status of ``obj`` with field labels, for admin panels."""
    from django.urls import reverse

    row = status_row(obj) if obj.pk else None
    if row is None:
        return None
    return {
        "row": row,
        "label": row.get_status_display(),
        "missing": field_labels(type(obj), row.missing_fields),
        "outdated": field_labels(type(obj), row.outdated_fields),
        "check_url": reverse(
            "cms_mark_english_checked", args=[row.content_type_id, row.object_id]
        ),
    }
