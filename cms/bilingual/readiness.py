"""What "the English translation is complete" means, for pages and snippets."""

from django.utils.translation import ngettext

from ..i18n import has_value
from .layout_copy import blank_required_text


class EnglishReadinessMixin:
    """What "the English translation is complete" means, for pages and snippets.

    A field in ``english_required_fields`` is missing in English when it has a
    Swedish value and no English one, or (for StreamFields) when an English block
    still leaves a required text blank, as a block copied from the Swedish layout
    and not yet translated does. Works on the stored values only: no queries.
    """

    english_required_fields: tuple[str, ...] = ()

    def english_blank_blocks(self, name: str) -> int:
        value = getattr(self, f"{name}_en", None)
        if not has_value(value) or not hasattr(value, "raw_data"):
            return 0
        return blank_required_text(value.stream_block, value.raw_data)

    def missing_english_fields(self) -> list[str]:
        """Names of required fields whose English is missing or incomplete."""
        return [
            name
            for name in self.english_required_fields
            if has_value(getattr(self, f"{name}_sv", None))
            and (
                not has_value(getattr(self, f"{name}_en", None))
                or self.english_blank_blocks(name)
            )
        ]

    def missing_english_labels(self) -> list[str]:
        """The missing fields as editors read them, e.g. "brödtext (2 block utan
        text)"."""
        labels = []
        for name in self.missing_english_fields():
            label = str(self._meta.get_field(name).verbose_name)
            blank = self.english_blank_blocks(name)
            if blank:
                label = ngettext(
                    "%(field)s (%(count)d block without text)",
                    "%(field)s (%(count)d blocks without text)",
                    blank,
                ) % {"field": label, "count": blank}
            labels.append(label)
        return labels
