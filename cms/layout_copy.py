"""Copy the Swedish layout of a StreamField to English, leaving the text empty.

The block structure and every non-text value (images, chosen people, fact boxes,
organisations, documents, pages, links, choices, dates) are copied; the text is left
for the translator, so an English page need not be rebuilt block by block. Proper
names (a quoted person's free-text name, a party, a photographer credit, a WCAG
criterion) are kept, as they are the same in both languages.
"""

import uuid

from wagtail import blocks

from .translation_status import tracked_fields

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)
KEPT_NAMES = {"name", "party", "credit", "criterion"}


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
