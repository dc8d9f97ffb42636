"""Every change this project makes to Wagtail's own code at start-up, in one place.

Each patch names what it changes upstream, the version it was written against and
why; ``checks.py`` fails loudly at start-up when the upstream code it replaces has
changed or a patch did not take, so an upgrade (Wagtail 8.1) is a short list to look
at, not a hunt. The replacement code lives with its feature (``cms.routing``,
``cms.slugs``); only this module assigns it.

Patches here:
- ``wagtail_modeltranslation.patch_wagtailadmin._new_route`` (wagtail-modeltranslation
  0.x, put on every translated page type as ``route``): loads every child page to
  compare slugs; replaced on our page types by ``cms.routing.route``, one query for
  the whole path.
- ``wagtail_modeltranslation.patch_wagtailadmin._validate_slugs`` (run by
  ``Page.clean()``) and the ``clean()`` of the admin page form made by
  ``patch_wagtailadmin_forms.patch_admin_page_form``: both load every sibling; the
  checks in ``cms.slugs`` are one EXISTS query per language.
- ``wagtail_modeltranslation.wagtail_hooks.PatchedCopyForm`` (0.16.1, the form of
  its ``before_copy_page`` hook): loads every sibling per language and lets an
  empty English slug clash through its Swedish fallback; ``cms.slugs.CopyForm``
  runs the model's check instead.
- ``wagtail.admin.views.mixins.SpreadsheetExportMixin`` (Wagtail 8.0): CSV exports of
  every admin listing and report. Upstream writes cell values as they are, so a
  page title or a reader's comment starting with "=", "+", "-" or "@" runs as a
  formula in Excel, and sends UTF-8 without a byte-order mark, so Excel shows
  å/ä/ö garbled. XLSX exports are safe upstream (formulas are turned to text).
- ``wagtail.query.PageQuerySet.private_q`` (Wagtail 8.0.1, behind every
  ``public()``): reads the whole view-restriction table each time, eight times for
  one press release; ``cms.view_restrictions.private_q`` reads it once per GET or
  HEAD request.

Overridden on our own image model rather than patched (``cms.images.CustomImage``),
but listed here and checked the same way: ``AbstractImage.get_rendition`` (the
fix of Wagtail c1c39fe, after 8.0.1: a rendition read from the cache is not written
back on every view) and ``create_rendition``/``create_renditions`` (two workers
making the same rendition leave one file, and nobody caches the loser's).

Done again in our own view front rather than patched, and checked the same way:
``Page.route_for_request`` (Wagtail 8.0.1), as ``cms.routing.route_for_request``,
which does not load the home page's own fields on the way to a page below it.
"""

import codecs
import itertools

from django.http import StreamingHttpResponse

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.images.models import AbstractImage
from wagtail.models import Page, get_page_models
from wagtail.query import PageQuerySet
from wagtail_modeltranslation import (
    patch_wagtailadmin,
    patch_wagtailadmin_forms,
    wagtail_hooks,
)

from . import routing, slugs, view_restrictions
from .pages import BasePage

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UPSTREAM = {
    # name: the upstream code replaced (checked by cms.checks)
    "patch_wagtailadmin._new_route": patch_wagtailadmin._new_route,
    "patch_wagtailadmin._validate_slugs": patch_wagtailadmin._validate_slugs,
    "patch_wagtailadmin_forms.patch_admin_page_form": (
        patch_wagtailadmin_forms.patch_admin_page_form
    ),
    "wagtail_hooks.PatchedCopyForm": patch_wagtailadmin_forms.PatchedCopyForm,
    # ... which this hook looks up by its global name when it runs.
    "wagtail_hooks.before_copy_page": wagtail_hooks.before_copy_page,
    "SpreadsheetExportMixin.write_csv_row": SpreadsheetExportMixin.write_csv_row,
    "SpreadsheetExportMixin.write_csv_response": (
        SpreadsheetExportMixin.write_csv_response
    ),
    "PageQuerySet.private_q": view_restrictions.UPSTREAM_PRIVATE_Q,
    # Overridden on cms.images.CustomImage, not patched: listed so that an upgrade
    # that changes them (Wagtail 8.1 has the cache fix) is looked at.
    "AbstractImage.get_rendition": AbstractImage.get_rendition,
    "AbstractImage.create_rendition": AbstractImage.create_rendition,
    "AbstractImage.create_renditions": AbstractImage.create_renditions,
    # Done again by our front for Wagtail's view (cms.caching.routes.serve), not
    # patched: cms.routing.route_for_request must leave the same result.
    "Page.route_for_request": Page.route_for_request,
}


def spreadsheet_safe(value):
    """A cell value that a spreadsheet shows as text, never runs as a formula
    (OWASP's advice: a leading quote)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            field: spreadsheet_safe(
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
            )
            for field, value in row_dict.items()
        }
    )


def write_csv_response(self, queryset):
    stream = itertools.chain([codecs.BOM_UTF8], self.stream_csv(queryset))
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{self.get_filename()}.csv"'
    )
    return response


def install() -> None:
    """Called from CmsConfig.ready, after wagtail-modeltranslation (an app listed
    earlier) has patched the page models."""
    patch_wagtailadmin._validate_slugs = slugs.validate_slugs
    wagtail_hooks.PatchedCopyForm = slugs.CopyForm
    for model in get_page_models():
        if issubclass(model, BasePage):
            model.route = routing.route
        form_class = model.__dict__.get("base_form_class")
        if slugs.is_package_form(form_class):
            model.base_form_class = slugs.checked_form(form_class)
    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin.write_csv_response = write_csv_response
    PageQuerySet.private_q = view_restrictions.private_q


def not_taken() -> list[str]:
    """The patches that are not in place (checked by cms.checks at start-up)."""
    missing = []
    if patch_wagtailadmin._validate_slugs is not slugs.validate_slugs:
        missing.append("patch_wagtailadmin._validate_slugs")
    if wagtail_hooks.PatchedCopyForm is not slugs.CopyForm:
        missing.append("wagtail_hooks.PatchedCopyForm")
    for model in get_page_models():
        if issubclass(model, BasePage) and model.route is not routing.route:
            missing.append(f"{model._meta.label}.route")
        if slugs.is_package_form(model.base_form_class):
            missing.append(f"{model._meta.label}.base_form_class")
    if SpreadsheetExportMixin.write_csv_row is not write_csv_row:
        missing.append("SpreadsheetExportMixin.write_csv_row")
    if SpreadsheetExportMixin.write_csv_response is not write_csv_response:
        missing.append("SpreadsheetExportMixin.write_csv_response")
    if PageQuerySet.private_q is not view_restrictions.private_q:
        missing.append("PageQuerySet.private_q")
    return missing
