"""Every change this project makes to Wagtail's own code at start-up, in one place.

Each patch names what it changes upstream, the version it was written against and
why; ``checks.py`` fails loudly when the upstream code it replaces has changed, so
an upgrade (Wagtail 8.1) is a short list to look at, not a hunt.

Patches here:
- ``wagtail.admin.views.mixins.SpreadsheetExportMixin`` (Wagtail 8.0): CSV exports of
  every admin listing and report. Upstream writes cell values as they are, so a
  page title or a reader's comment starting with "=", "+", "-" or "@" runs as a
  formula in Excel, and sends UTF-8 without a byte-order mark, so Excel shows
  å/ä/ö garbled. XLSX exports are safe upstream (formulas are turned to text).
"""

import codecs
import itertools

from django.http import StreamingHttpResponse

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UPSTREAM = {
    # name: the upstream function replaced (checked by cms.checks)
    "SpreadsheetExportMixin.write_csv_row": SpreadsheetExportMixin.write_csv_row,
    "SpreadsheetExportMixin.write_csv_response": (
        SpreadsheetExportMixin.write_csv_response
    ),
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
    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin.write_csv_response = write_csv_response
