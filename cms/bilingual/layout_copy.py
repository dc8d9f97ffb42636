"""Copy the Swedish layout of a StreamField to English, leaving the text empty; and
tell which English blocks are still untranslated.

The block structure and every non-text value (images, chosen people, fact boxes,
organisations, documents, pages, links, choices, dates) are copied; the text is left
for the translator, so an English page need not be rebuilt block by block. Proper
names (a quoted person's free-text name, a party, a photographer credit, a WCAG
criterion) are kept, as they are the same in both languages, and so are a quote's
roles at the time of the quote (each language's role is its own field).

A copied block whose text is still blank is *untranslated*: the English admin form
keeps it as it is (cms.bilingual.forms), and it makes the English version incomplete
(``blank_required_text``), so it is never published to English readers.
"""

import uuid

from django.utils.html import strip_tags

from wagtail import blocks

from .status import tracked_fields

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)
KEPT_NAMES = {"name", "party", "credit", "criterion", "role_sv", "role_en"}


def blank_text(block, value):
    """The raw (JSON) ``value`` of ``block`` with its text emptied."""
    if isinstance(block, blocks.StreamBlock):
        result = []
        for item in value or []:
            child = block.child_blocks.get(item.get("type"))
            if child is None:
                continue
            result.append(
                {
                    "type": item["type"],
                    "value": blank_text(child, item.get("value")),
                    "id": str(uuid.uuid4()),
                }
            )
        return result
    if isinstance(block, blocks.StructBlock):
        value = value or {}
        return {
            name: value.get(name)
            if name in KEPT_NAMES
            else blank_text(child, value.get(name))
            for name, child in block.child_blocks.items()
            if name in value
        }
    if isinstance(block, blocks.ListBlock):
        items = []
        for item in value or []:
            if isinstance(item, dict) and "type" in item and "value" in item:
                items.append(
                    {
                        "type": "item",
                        "value": blank_text(block.child_block, item["value"]),
                        "id": str(uuid.uuid4()),
                    }
                )
            else:
                items.append(blank_text(block.child_block, item))
        return items
    if isinstance(block, TEXT_BLOCKS):
        return ""
    return value


def stream_fields(page) -> list[str]:
    """Translated StreamFields of ``page`` (base names, e.g. ``body``)."""
    from wagtail.fields import StreamField

    names = []
    for name in tracked_fields(type(page)):
        field = page._meta.get_field(f"{name}_sv")
        if isinstance(field, StreamField):
            names.append(name)
    return names


def copy_layout(page, names: list[str], overwrite: bool = False) -> list[str]:
    """Set each English StreamField in ``names`` from the Swedish layout; return the
    fields that were copied. English fields with content are kept unless
    ``overwrite``."""
    copied = []
    for name in names:
        source = getattr(page, f"{name}_sv")
        target = getattr(page, f"{name}_en")
        if not source or (target and not overwrite):
            continue
        field = page._meta.get_field(f"{name}_sv")
        raw = source.get_prep_value() if hasattr(source, "get_prep_value") else source
        setattr(page, f"{name}_en", blank_text(field.stream_block, list(raw)))
        copied.append(name)
    return copied


def _items(block, raw):
    """(child block, raw value) pairs of a stream, struct or list value."""
    if isinstance(block, blocks.StreamBlock):
        for item in raw or []:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield item.get("type"), child, item.get("value")
    elif isinstance(block, blocks.StructBlock):
        raw = raw or {}
        for name, child in block.child_blocks.items():
            yield name, child, raw.get(name)
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            if isinstance(item, dict) and "type" in item and "value" in item:
                item = item["value"]
            yield None, block.child_block, item


def is_blank_text(block, raw) -> bool:
    if isinstance(block, blocks.RichTextBlock):
        raw = strip_tags(raw or "").replace("&nbsp;", " ")
    return not str(raw or "").strip()


def _text_leaves(block, raw, name=None):
    """The translatable text fields of a raw block value (proper names left out)."""
    if isinstance(block, TEXT_BLOCKS):
        if name not in KEPT_NAMES:
            yield block, raw
        return
    for child_name, child, value in _items(block, raw):
        yield from _text_leaves(child, value, child_name)


def untranslated(block, raw) -> bool:
    """Whether every translatable text of a raw block value is blank: a block
    copied from Swedish (or added) that nobody has written in yet."""
    leaves = list(_text_leaves(block, raw))
    return bool(leaves) and all(is_blank_text(leaf, value) for leaf, value in leaves)


def blank_required_text(block, raw) -> int:
    """How many blocks of a raw stream value still leave a required text blank
    (0 when the stream is complete). Reads the stored JSON only: no queries."""
    count = 0
    for _name, child, value in _items(block, raw):
        if _has_blank_required_text(child, value):
            count += 1
    return count


def _has_blank_required_text(block, raw) -> bool:
    if isinstance(block, TEXT_BLOCKS):
        return block.required and is_blank_text(block, raw)
    return any(
        _has_blank_required_text(child, value)
        for _name, child, value in _items(block, raw)
    )
