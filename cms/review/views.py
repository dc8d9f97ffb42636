"""The review admin: "Reviewed, no changes", the review report and the
dashboard panel of the pages a user keeps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from ..editorial.roles import is_translator_only
from ..pages import BasePage
from ..templatetags.page_tags import long_date
from .dates import DUE, ESCALATED, OVERDUE, SOON, state
from .services import _with_review, mark_reviewed, review_models

STATE_LABELS = {
    ESCALATED: gettext_lazy("Overdue more than a month"),
    OVERDUE: gettext_lazy("Overdue"),
    DUE: gettext_lazy("Due now"),
    SOON: gettext_lazy("Due within 30 days"),
    None: gettext_lazy("Up to date"),
}


def confirm_reviewed(request, page_id):
    """Confirm, then record that the page still holds: the next review date
    moves on, an entry goes into the history, and no revision is made."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, BasePage) or not page.live or not page.review_months():
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST":
        mark_reviewed(page, request.user)
        messages.success(
            request,
            _("“%(title)s” is marked as reviewed. Next review: %(date)s.")
            % {"title": page.title, "date": long_date(page.next_review_at)},
        )
        return redirect(next_url)
    return TemplateResponse(
        request,
        "cms/admin/confirm_reviewed.html",
        {"page": page, "next": next_url},
    )


class ReviewRow:
    def __init__(self, page, today):
        self.page = page
        self.title = page.title
        self.page_type = page.specific_class._meta.verbose_name
        owner = page.review_owner
        self.owner = (owner.get_full_name() or owner.get_username()) if owner else ""
        if page.review_mailbox:
            self.owner = ", ".join(filter(None, [self.owner, page.review_mailbox]))
        self.last_reviewed_at = page.last_reviewed_at
        self.next_review_at = page.next_review_at
        self.state = state(
            page.next_review_at, today, page.translation_status == "outdated"
        )
        self.state_label = STATE_LABELS[self.state]
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])


def review_rows(pages_filter: Q | None = None):
    today = timezone.localdate()
    rows = []
    for model in review_models():
        for page in (
            _with_review(model)
            .filter(pages_filter or Q())
            .select_related("review_owner")
        ):
            rows.append(ReviewRow(page, today))
    return sorted(
        rows, key=lambda row: (row.next_review_at is None, row.next_review_at or today)
    )


class ReviewReportView(ReportView):
    """Granskning: every reviewed page with its owner and dates, next due first."""

    page_title = gettext_lazy("Page reviews")
    header_icon = "calendar-alt"
    index_url_name = "cms_review_report"
    index_results_url_name = "cms_review_report_results"
    columns = [
        TitleColumn("title", label=gettext_lazy("Page"), get_url=lambda r: r.edit_url),
        Column("page_type", label=gettext_lazy("Type")),
        Column("owner", label=gettext_lazy("Page owner")),
        DateColumn("last_reviewed_at", label=gettext_lazy("Last reviewed")),
        DateColumn("next_review_at", label=gettext_lazy("Next review")),
        Column("state_label", label=gettext_lazy("Status")),
    ]
    list_export = [
        "title",
        "page_type",
        "owner",
        "last_reviewed_at",
        "next_review_at",
        "state_label",
    ]
    export_headings = {
        "title": gettext_lazy("Page"),
        "page_type": gettext_lazy("Type"),
        "owner": gettext_lazy("Page owner"),
        "last_reviewed_at": gettext_lazy("Last reviewed"),
        "next_review_at": gettext_lazy("Next review"),
        "state_label": gettext_lazy("Status"),
    }
    no_results_message = gettext_lazy("No page has a review date.")

    def dispatch(self, request, *args, **kwargs):
        # Those who keep pages: not translators, who edit no page on their own.
        if is_translator_only(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return review_rows()

    def get_filtered_queryset(self):
        return self.get_queryset()


class ReviewPanel(Component):
    """On the dashboard: the pages this user keeps that are due within 30 days
    or overdue, with the way to mark each as reviewed."""

    name = "cms_review"
    order = 90
    template_name = "cms/admin/review_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        # The pages whose reminders this user gets (cms.review.services._owners).
        mine = Q(review_owner=self.user) | Q(
            review_owner=None, review_mailbox="", owner=self.user
        )
        rows = [row for row in review_rows(mine) if row.state]
        return {"rows": rows, "report_url": reverse("cms_review_report")}
