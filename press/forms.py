"""Reader-facing filters for the news index and feeds."""

from urllib.parse import urlencode

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from cms.i18n import readable
from specialisation.models import SpecialisationAreaPage


class NewsFilterForm(forms.Form):
    """Kind, specialisation area, year and month. Values that make no sense are
    form errors (shown in the reader's language), never server errors."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    area = forms.ChoiceField(label=_("Specialisation area"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)
    month = forms.TypedChoiceField(label=_("Month"), required=False, coerce=int)

    def __init__(self, *args, years, kinds, language: str = "sv", **kwargs):
        """``years``: the years with releases in ``language``, newest first."""
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["kind"].choices = [
            ("", _("All kinds")),
            *kinds,
        ]
        areas = readable(SpecialisationAreaPage.objects.all(), language).order_by(
            "path"
        )
        self.areas_by_slug = {
            (getattr(area, f"slug_{language}") or area.slug_sv): area for area in areas
        }
        self.fields["area"].choices = [("", _("All areas"))] + [
            (slug, area.title) for slug, area in self.areas_by_slug.items()
        ]
        self.fields["year"].choices = [("", _("All years"))] + [
            (year, str(year)) for year in years
        ]
        self.fields["month"].choices = [("", _("All months"))] + list(MONTHS.items())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("month") and not cleaned.get("year"):
            self.add_error("month", _("Choose a year to filter by month."))
        return cleaned

    def filter(self, releases):
        data = self.cleaned_data
        if data.get("kind"):
            releases = releases.filter(kind=data["kind"])
        if data.get("area"):
            releases = releases.filter(related_areas=self.areas_by_slug[data["area"]])
        if data.get("year"):
            releases = releases.filter(publication_date__year=data["year"])
        if data.get("month"):
            releases = releases.filter(publication_date__month=data["month"])
        return releases

    def query_string(self) -> str:
        """The valid filters as a query string, for pagination links and feeds."""
        if not self.is_valid():
            return ""
        pairs = [(k, v) for k, v in self.cleaned_data.items() if v not in ("", None)]
        return urlencode(pairs)

    def error_text(self) -> str:
        return "\n".join(
            f"{self.fields[name].label}: {' '.join(errors)}"
            if name in self.fields
            else " ".join(errors)
            for name, errors in self.errors.items()
        )
