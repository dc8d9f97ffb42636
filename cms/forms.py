"""Admin forms that let translators change English fields only.

Wagtail has no field-level permissions, so a translator (a user whose only role is
Översättare) gets every non-English field disabled: Django then ignores whatever is
posted for those fields and keeps the stored values.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .roles import is_translator_only

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


class PageForm(EnglishOnlyForTranslatorsMixin, WagtailAdminPageForm):
    pass


class SnippetForm(EnglishOnlyForTranslatorsMixin, WagtailAdminModelForm):
    pass
