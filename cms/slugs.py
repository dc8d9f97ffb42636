"""Sibling slug checks that do not load every sibling page.

wagtail-modeltranslation checks a page's slug in each language against its
siblings twice, in ``Page.clean()``
(``wagtail_modeltranslation.patch_wagtailadmin._validate_slugs``) and in the admin
form (``patch_wagtailadmin_forms.patch_admin_page_form``), both by loading every
sibling: under a news index with 10,000 releases each save of a release loaded
20,000 pages, about two seconds. Here the same checks are one EXISTS query per
language. ``cms.patches`` swaps them in after the package has patched the models,
and puts ``CopyForm`` in place of the package's copy form, which did the same.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from modeltranslation import settings as mt_settings
from wagtail_modeltranslation import patch_wagtailadmin_forms

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


class CopyForm(patch_wagtailadmin_forms.PatchedCopyForm):
    """wagtail-modeltranslation's copy form (a title and a slug per language) with
    the model's own slug check. The package's ``clean`` loads every sibling once per
    language, and skips an empty slug although the copy's address in that language
    then falls back to the Swedish slug: such a clash got past the form. The rest
    of its ``clean`` is kept as it is, in the same order."""

    def clean(self):
        cleaned_data = forms.Form.clean(self)
        parent_page = cleaned_data.get("new_parent_page") or self.page.get_parent()
        if not parent_page.permissions_for_user(self.user).can_add_subpage():
            raise ValidationError(
                {
                    "new_parent_page": _(
                        'You do not have permission to copy to page "%(page_title)s"'
                    )
                    % {"page_title": parent_page.get_admin_display_title()}
                }
            )
        slugs = {
            language: cleaned_data.get(f"new_slug_{language}")
            for language in mt_settings.AVAILABLE_LANGUAGES
        }
        errors = slug_errors(parent_page.get_children(), slugs)
        if errors:
            raise ValidationError(
                {f"new_{field}": message for field, message in errors.items()}
            )
        if cleaned_data.get("copy_subpages") and (
            self.page == parent_page or parent_page.is_descendant_of(self.page)
        ):
            raise ValidationError(
                {
                    "new_parent_page": _(
                        "You cannot copy a page into itself when copying subpages"
                    )
                }
            )
        return cleaned_data
