"""System checks: a patch of upstream code (cms.patches) stops the start-up checks
when the code it replaces has changed, e.g. after an upgrade of Wagtail, so it is
looked at again instead of silently doing the wrong thing."""

import hashlib
import inspect

from django.core import checks

# The upstream code each patch was written against (sha256 of its source, first 16
# hex digits), from Wagtail 8.0.1.
UPSTREAM_SOURCE = {
    "SpreadsheetExportMixin.write_csv_row": "71a94feb191f6aa7",
    "SpreadsheetExportMixin.write_csv_response": "8003e788b15c23a4",
}


def source_digest(function) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


@checks.register()
def patched_code_is_unchanged(app_configs=None, **kwargs):
    from .patches import UPSTREAM

    errors = []
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
