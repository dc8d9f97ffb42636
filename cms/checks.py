"""System checks: a patch of upstream code (cms.patches) stops the start-up checks
when the code it replaces has changed, e.g. after an upgrade of Wagtail, or when it
did not take, so it is looked at again instead of silently doing the wrong thing."""

import hashlib
import inspect

from django.core import checks

from .patches import UPSTREAM, not_taken

# The upstream code each patch was written against (sha256 of its source, first 16
# hex digits): Wagtail 8.0.1 and wagtail-modeltranslation 0.16.1.
UPSTREAM_SOURCE = {
    "patch_wagtailadmin._new_route": "deccc0c8975a2a9e",
    "patch_wagtailadmin._validate_slugs": "10939e5b7b752aa7",
    "patch_wagtailadmin_forms.patch_admin_page_form": "7fbb0a3eb1113ab6",
    "wagtail_hooks.PatchedCopyForm": "4845d93add0c871c",
    "wagtail_hooks.before_copy_page": "43bbec6100267294",
    "SpreadsheetExportMixin.write_csv_row": "71a94feb191f6aa7",
    "SpreadsheetExportMixin.write_csv_response": "8003e788b15c23a4",
    "PageQuerySet.private_q": "eb30b1c0017f13c2",
    "AbstractImage.get_rendition": "b8d5d70680023197",
    "AbstractImage.create_rendition": "6d0e50db85e6b53f",
    "AbstractImage.create_renditions": "1521f52ce67e3a88",
    "Page.route_for_request": "5530d229b2de42ba",
}


def source_digest(function) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


@checks.register()
def patched_code_is_unchanged(app_configs=None, **kwargs):
    errors = [
        checks.Error(
            f"{name} is not patched.",
            hint="cms.patches.install() did not run or something replaced the "
            "patch after it.",
            id="cms.E002",
        )
        for name in not_taken()
    ]
    for name, function in UPSTREAM.items():
        if source_digest(function) != UPSTREAM_SOURCE.get(name):
            errors.append(
                checks.Error(
                    f"{name} is not the code cms.patches was written for.",
                    hint="Read the upstream change, then update or drop the patch "
                    "and its digest in cms/checks.py.",
                    id="cms.E001",
                )
            )
    return errors
