"""Admin forms that let translators change English fields only.

Wagtail has no field-level permissions, so a translator (a user whose only role is
Översättare) gets every non-English field disabled: Django then ignores whatever is
posted for those fields and keeps the stored values.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks.base import BlockField

from ..editorial.roles import is_translator_only

# Fields every user may change whatever their role (Wagtail's own bookkeeping).
ALWAYS_EDITABLE = {"comment_notifications"}
LOCKED_HELP = _("Only editors change this field; translators edit the English fields.")


class EnglishOnlyForTranslatorsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if is_translator_only(getattr(self, "for_user", None)):
            self.lock_non_english_fields()

    def lock_non_english_fields(self) -> None:
        for name, field in self.fields.items():
            if name.endswith("_en") or name in ALWAYS_EDITABLE:
                continue
            field.disabled = True
            field.help_text = LOCKED_HELP
        for name, formset in getattr(self, "formsets", {}).items():
            if name == "comments":
                continue
            # Disabling every field (the DELETE box too) keeps child rows as stored.
            for form in formset.forms:
                for field in form.fields.values():
                    field.disabled = True


class EnglishStreamFormField(BlockField):
    """An English StreamField in the page form, always validated the way Wagtail 8
    validates a draft (``clean_deferred``): a required text left blank does not stop
    the form, every other check (addresses, choices, counts) still applies.

    Blocks copied from the Swedish layout start with their text blank. Without
    this, nobody (not even a reviewer sending the page back with "Begär
    ändringar") could save a half-translated page; with it, a blank block makes
    the English incomplete instead (EnglishReadinessMixin), so it never reaches
    English readers and the step "Översättning klar" does not pass.
    """

    @property
    def is_deferred_validation(self):
        return True

    @is_deferred_validation.setter
    def is_deferred_validation(self, value):
        pass  # Wagtail's form turns deferral on and off; here it stays on

    @is_deferred_validation.deleter
    def is_deferred_validation(self):
        pass


class PageForm(EnglishOnlyForTranslatorsMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            if name.endswith("_en") and type(field) is BlockField:
                self.fields[name] = EnglishStreamFormField(
                    block=field.block,
                    required=field.required,
                    label=field.label,
                    help_text=field.help_text,
                    widget=field.widget,
                    disabled=field.disabled,
                )


class SnippetForm(EnglishOnlyForTranslatorsMixin, WagtailAdminModelForm):
    pass
