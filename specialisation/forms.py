"""Reader-facing filter form for the project index."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _


class ProjectFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Specialisation area"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(
        self, *args, areas, statuses, status_filter, language: str = "sv", **kwargs
    ):
        """``areas``: the areas readers of ``language`` may see; ``statuses``:
        the project statuses (value, label); ``status_filter``: a status to a
        database filter (the dates decide a project's status)."""
        self.status_filter = status_filter
        super().__init__(*args, **kwargs)
        self.language = language
        self.areas_by_slug = {
            getattr(area, f"slug_{language}") or area.slug_sv: area for area in areas
        }
        self.fields["area"].choices = [("", _("All areas"))] + [
            (slug, area.title) for slug, area in self.areas_by_slug.items()
        ]
        self.fields["status"].choices = [
            ("", _("All statuses")),
            *statuses,
        ]

    def query_string(self) -> str:
        if not self.is_valid():
            return ""
        return urlencode([(k, v) for k, v in self.cleaned_data.items() if v])

    def filter(self, projects):
        area = self.cleaned_data.get("area")
        status = self.cleaned_data.get("status")
        if area:
            projects = projects.filter(related_areas=self.areas_by_slug[area])
        if status:
            projects = projects.filter(self.status_filter(status))
        return projects
