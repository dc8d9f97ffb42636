"""Sibling slug checks that do not load every sibling page.

wagtail-modeltranslation checks a page's slug in each language against its
siblings twice, in ``Page.clean()``
(``wagtail_modeltranslation.patch_wagtailadmin._validate_slugs``) and in the admin
form (``patch_wagtailadmin_forms.patch_admin_page_form``), both by loading every
sibling: under a news index with 10,000 releases each save of a release loaded
20,000 pages, about two seconds. Here the same checks are one EXISTS query per
language. ``cms.patches`` swaps them in after the package has patched the models.
"""

from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from modeltranslation import settings as mt_settings

PACKAGE_FORMS = "wagtail_modeltranslation.patch_wagtailadmin_forms"


def slug_errors(siblings, slugs: dict) -> dict:
    """Errors by field name (``slug_sv``, ``slug_en``) for the slugs in ``slugs``
    (language -> slug) that one of ``siblings`` already uses in that language.
    A missing slug counts as the default language's, as the package's fallback
    does when it builds URLs."""
    default = mt_settings.DEFAULT_LANGUAGE
    errors = {}
    for language in mt_settings.AVAILABLE_LANGUAGES:
        slug = slugs.get(language) or slugs.get(default)
        if not slug:
            continue
        effective = Coalesce(
            NullIf(F(f"slug_{language}"), Value("")),
            F(f"slug_{default}"),
            output_field=CharField(),
        )
        if siblings.annotate(_slug=effective).filter(_slug=slug).exists():
            errors[f"slug_{language}"] = _(
                "Another page at the same level already uses this slug."
            )
    return errors


def _slugs_of(page) -> dict:
    return {
        language: getattr(page, f"slug_{language}", None)
        for language in mt_settings.AVAILABLE_LANGUAGES
    }


def validate_slugs(page) -> dict:
    """Replaces the package's ``_validate_slugs`` (called by ``Page.clean()``)."""
    if not page.path or page.get_parent() is None:
        return {}
    return slug_errors(page.get_siblings(inclusive=False), _slugs_of(page))


def is_package_form(form_class) -> bool:
    """Whether ``form_class`` is the admin page form the package built around a
    page type's own form (``patch_admin_page_form`` defines it in a function, so
    its module is the only way to know it)."""
    return getattr(form_class, "__module__", "") == PACKAGE_FORMS


def checked_form(form_class):
    """``form_class`` without the package's form-level check, with this one."""
    if is_package_form(form_class):
        form_class = form_class.__bases__[0]

    class SlugCheckedPageForm(form_class):
        def clean(self):
            cleaned_data = super().clean()
            siblings = self.parent_page.get_children()
            if self.instance.pk:
                siblings = siblings.not_page(self.instance)
            slugs = {
                language: cleaned_data.get(f"slug_{language}")
                for language in mt_settings.AVAILABLE_LANGUAGES
            }
            for field, message in slug_errors(siblings, slugs).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
            return cleaned_data

    SlugCheckedPageForm.__name__ = SlugCheckedPageForm.__qualname__ = (
        f"SlugChecked{form_class.__name__}"
    )
    return SlugCheckedPageForm
