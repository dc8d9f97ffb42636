"""Återkoppling: the feedback report, per page and per week, for reviewers and
administrators (comments may hold personal data)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, FloatField, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

import django_filters

from ..editorial.roles import may_publish
from ..pages import site_sections
from ..reader_input import parse_number
from .models import Feedback
from .services import counts, svg_chart, weekly


class FeedbackFilterSet(WagtailFilterSet):
    date_from = django_filters.DateFilter(
        label=gettext_lazy("From"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=AdminDateInput,
    )
    date_to = django_filters.DateFilter(
        label=gettext_lazy("To"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=AdminDateInput,
    )
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=[("sv", "Svenska"), ("en", "English")]
    )
    section = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Section"), queryset=site_sections, method="filter_section"
    )

    class Meta:
        model = Feedback
        fields = ["date_from", "date_to", "language", "section"]

    def filter_section(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(page__path__startswith=value.path)


class FeedbackRow:
    """One page's answers in the report (plain attributes for the export)."""

    def __init__(self, data, page):
        self.page = page
        self.title = page.title if page else ""
        self.yes = data["yes"]
        self.no = data["no"]
        self.total = data["yes"] + data["no"]
        self.comments = data["comments"]
        self.share_yes = round(100 * self.yes / self.total) if self.total else 0
        self.share_label = f"{self.share_yes} %"
        self.detail_url = (
            reverse("cms_feedback_detail") + f"?page={page.pk}" if page else None
        )


class FeedbackReportView(ReportView):
    """Återkoppling: answers per page, most "no" first."""

    page_title = gettext_lazy("Feedback")
    header_icon = "comment"
    index_url_name = "cms_feedback_report"
    index_results_url_name = "cms_feedback_report_results"
    columns = [
        TitleColumn(
            "title", label=gettext_lazy("Page"), get_url=lambda row: row.detail_url
        ),
        NumberColumn("yes", label=gettext_lazy("Yes"), sort_key="yes"),
        NumberColumn("no", label=gettext_lazy("No"), sort_key="no"),
        NumberColumn("total", label=gettext_lazy("Answers"), sort_key="total"),
        Column(
            "share_yes",
            label=gettext_lazy("Share of yes"),
            accessor="share_label",
            sort_key="share",
        ),
        NumberColumn("comments", label=gettext_lazy("Comments")),
    ]
    default_ordering = "-no"  # the pages readers found least helpful first
    no_results_message = gettext_lazy("No answers match the filters.")
    filterset_class = FeedbackFilterSet
    list_export = ["title", "yes", "no", "total", "share_yes", "comments"]
    export_headings = {
        "title": gettext_lazy("Page"),
        "yes": gettext_lazy("Yes"),
        "no": gettext_lazy("No"),
        "total": gettext_lazy("Answers"),
        "share_yes": gettext_lazy("Share of yes (%)"),
        "comments": gettext_lazy("Comments"),
    }

    def dispatch(self, request, *args, **kwargs):
        # Comments may hold personal data: reviewers and administrators only.
        if not may_publish(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Feedback.objects.all()

    def get_filtered_queryset(self):
        answers = self.filter_queryset(self.get_queryset())
        ordering = self.ordering or self.default_ordering
        rows = (
            answers.values("page")
            .annotate(
                yes=Count("pk", filter=Q(helpful=True)),
                no=Count("pk", filter=Q(helpful=False)),
                comments=Count("pk", filter=~Q(comment="")),
                total=Count("pk"),
                share=Cast(Count("pk", filter=Q(helpful=True)), FloatField())
                / Cast(Count("pk"), FloatField()),
            )
            .order_by(ordering, "page")
        )
        return rows

    def decorate_paginated_queryset(self, object_list):
        # Rows are values() dicts; the table is built before ReportView decorates
        # the page, so both get the same FeedbackRow objects (one query for pages).
        if getattr(self, "_rows", None) is None:
            rows = list(object_list)
            pages = Page.objects.in_bulk([row["page"] for row in rows])
            self._rows = [FeedbackRow(row, pages.get(row["page"])) for row in rows]
        return self._rows

    def get_table(self, object_list):
        return super().get_table(self.decorate_paginated_queryset(object_list))


def feedback_detail(request):
    """Answers per week for one page or a section (SVG chart), with the comments."""
    if not may_publish(request.user):
        raise PermissionDenied
    answers = Feedback.objects.all()
    title = _("All pages")
    page_id = parse_number(request.GET.get("page", ""))
    section_id = parse_number(request.GET.get("section", ""))
    if ("page" in request.GET and page_id is None) or (
        "section" in request.GET and section_id is None
    ):
        raise Http404
    target = None
    if page_id is not None:
        target = Page.objects.filter(pk=page_id).first()
        if target is None:
            raise Http404
        answers = answers.filter(page=target)
        title = target.title
    elif section_id is not None:
        target = Page.objects.filter(pk=section_id).first()
        if target is None:
            raise Http404
        answers = answers.filter(page__path__startswith=target.path)
        title = _("Section: %(title)s") % {"title": target.title}
    filterset = FeedbackFilterSet(
        request.GET or None, queryset=answers, request=request
    )
    if filterset.is_bound and filterset.is_valid():
        answers = filterset.qs
    today = timezone.localdate()
    start = (
        filterset.form.cleaned_data.get("date_from")
        if filterset.is_bound and filterset.is_valid()
        else None
    )
    end = (
        filterset.form.cleaned_data.get("date_to")
        if filterset.is_bound and filterset.is_valid()
        else None
    )
    end = end or today
    start = start or end - datetime.timedelta(weeks=11)
    if (end - start).days > 366 * 3:
        start = end - datetime.timedelta(days=366 * 3)
    weeks = weekly(
        answers.filter(created_at__date__gte=start, created_at__date__lte=end),
        start,
        end,
    )
    comments = (
        answers.exclude(comment="").select_related("page").order_by("-created_at")
    )
    paginator = Paginator(comments, 25)
    number = request.GET.get("p", "1")
    page_obj = paginator.get_page(number)
    return TemplateResponse(
        request,
        "cms/admin/feedback_detail.html",
        {
            "title": title,
            "target": target,
            "totals": counts(answers),
            "weeks": weeks,
            "chart": mark_safe(svg_chart(weeks, title)),  # noqa: S308 - built from escaped parts
            "comments": page_obj,
            "filter_form": filterset.form,
        },
    )
