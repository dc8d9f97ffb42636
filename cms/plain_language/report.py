"""Klarspråk report: published pages by their measures, per language, the
hardest first."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from .models import LANGUAGES, PlainLanguageMeasure


class MeasureFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=LANGUAGES
    )

    class Meta:
        model = PlainLanguageMeasure
        fields = ["language"]


def _edit_url(measure) -> str:
    return reverse("wagtailadmin_pages:edit", args=[measure.page_id])


class PlainLanguageReportView(ReportView):
    page_title = gettext_lazy("Plain language")
    header_icon = "spell-check"
    index_url_name = "cms_plain_language_report"
    index_results_url_name = "cms_plain_language_report_results"
    filterset_class = MeasureFilterSet
    columns = [
        TitleColumn("page", label=gettext_lazy("Page"), get_url=_edit_url),
        Column("language", label=gettext_lazy("Language"), sort_key="language"),
        NumberColumn("lix", label=gettext_lazy("LIX"), sort_key="lix"),
        NumberColumn("lix_target", label=gettext_lazy("LIX target")),
        NumberColumn("words", label=gettext_lazy("Words"), sort_key="words"),
        NumberColumn(
            "long_sentences",
            label=gettext_lazy("Long sentences"),
            sort_key="long_sentences",
        ),
        NumberColumn("long_paragraphs", label=gettext_lazy("Long paragraphs")),
        NumberColumn(
            "bureaucratic_words",
            label=gettext_lazy("Bureaucratic words"),
            sort_key="bureaucratic_words",
        ),
        NumberColumn("vague_links", label=gettext_lazy("Vague link texts")),
        NumberColumn("passive", label=gettext_lazy("Maybe passive")),
    ]
    default_ordering = "-lix"
    list_export = [
        "page", "language", "lix", "lix_target", "words", "long_sentences",
        "long_paragraphs", "bureaucratic_words", "vague_links", "passive",
    ]  # fmt: skip
    no_results_message = gettext_lazy(
        "No page is measured yet: pages are measured when they are published."
    )

    def get_queryset(self):
        # Wagtail's ordering is applied here (overriding get_queryset skips it).
        return self.order_queryset(PlainLanguageMeasure.objects.select_related("page"))
