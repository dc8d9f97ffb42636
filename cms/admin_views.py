"""Admin views: translation status report and "mark English as checked"."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, FloatField, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import log
from wagtail.models import Page

import django_filters

from .cache import invalidate
from .editorial.roles import may_publish
from .i18n import parse_number
from .layout_copy import copy_layout, stream_fields
from .models import TRANSLATION_STATUS_CHOICES, Feedback, TranslationStatus
from .translation_status import field_labels, mark_checked


def edit_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    viewset = getattr(obj, "snippet_viewset", None)
    if viewset is not None:
        return reverse(viewset.get_url_name("edit"), args=[obj.pk])
    return reverse("wagtailadmin_home")


def can_edit(user, obj) -> bool:
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def _object(content_type_id, object_id):
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
        model = content_type.model_class()
        obj = model.objects.get(pk=object_id)
    except Exception as error:
        raise Http404 from error
    return obj.specific if isinstance(obj, Page) else obj


def mark_english_checked(request, content_type_id, object_id):
    """Confirm, then record that the English needs no change after a Swedish edit."""
    obj = _object(content_type_id, object_id)
    if not can_edit(request.user, obj):
        raise PermissionDenied
    next_url = request.GET.get("next") or request.POST.get("next") or edit_url(obj)
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = edit_url(obj)
    row = TranslationStatus.objects.filter(
        content_type_id=content_type_id, object_id=str(obj.pk)
    ).first()
    if request.method == "POST":
        fields = list(row.outdated_fields) if row else []
        mark_checked(obj, request.user)
        log(
            instance=obj,
            action="cms.translation_checked",
            user=request.user,
            data={"fields": fields},
        )
        invalidate("English marked as checked")
        messages.success(request, _("The English version is marked as checked."))
        return redirect(next_url)
    return TemplateResponse(
        request,
        "cms/admin/mark_checked.html",
        {
            "object": obj,
            "outdated": field_labels(type(obj), row.outdated_fields if row else []),
            "next": next_url,
        },
    )


def _sections(request):
    return Page.objects.filter(depth=3).order_by("path")


class TranslationStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=TRANSLATION_STATUS_CHOICES
    )
    section = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Section"), queryset=_sections
    )
    content_type = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Kind"),
        queryset=lambda request: ContentType.objects.filter(
            pk__in=TranslationStatus.objects.values_list("content_type", flat=True)
        ),
    )

    class Meta:
        model = TranslationStatus
        fields = ["status", "section", "content_type"]


class TranslationStatusReportView(ReportView):
    """Översättningsstatus: pages and snippets by translation status."""

    page_title = gettext_lazy("Translation status")
    header_icon = "globe"
    index_url_name = "cms_translation_status"
    index_results_url_name = "cms_translation_status_results"
    results_template_name = "cms/admin/translation_status_results.html"
    filterset_class = TranslationStatusFilterSet
    list_export = [
        "title",
        "kind",
        "status_label",
        "missing_labels",
        "outdated_labels",
        "swedish_changed_at",
        "english_changed_at",
    ]
    export_headings = {
        "title": gettext_lazy("Title"),
        "kind": gettext_lazy("Kind"),
        "status_label": gettext_lazy("Status"),
        "missing_labels": gettext_lazy("Missing English fields"),
        "outdated_labels": gettext_lazy("Outdated English fields"),
        "swedish_changed_at": gettext_lazy("Swedish last changed"),
        "english_changed_at": gettext_lazy("English last changed"),
    }

    def get_queryset(self):
        return TranslationStatus.objects.select_related(
            "content_type", "section"
        ).order_by("status", "-swedish_changed_at")

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for row in rows:
            model = row.content_type.model_class()
            row.kind = str(model._meta.verbose_name).capitalize() if model else ""
            row.status_label = row.get_status_display()
            row.missing_labels = ", ".join(field_labels(model, row.missing_fields))
            row.outdated_labels = ", ".join(field_labels(model, row.outdated_fields))
            row.edit_url = (
                reverse("wagtailadmin_pages:edit", args=[row.object_id])
                if model and issubclass(model, Page)
                else self._snippet_url(model, row.object_id)
            )
        return rows

    @staticmethod
    def _snippet_url(model, object_id):
        viewset = getattr(model, "snippet_viewset", None)
        return (
            reverse(viewset.get_url_name("edit"), args=[object_id]) if viewset else ""
        )


COPIED_MESSAGE = gettext_lazy(
    "The Swedish layout is copied to English: %(fields)s. Fill in the text."
)


def copy_swedish_layout(request, page_id):
    """Confirm, then copy the Swedish block layout to the English StreamFields of
    the latest draft, text left empty for the translator."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    page = page.specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    names = [name for name in stream_fields(draft) if getattr(draft, f"{name}_sv")]
    filled = [name for name in names if getattr(draft, f"{name}_en")]
    if request.method == "POST":
        overwrite = bool(request.POST.get("overwrite"))
        copied = copy_layout(draft, names, overwrite=overwrite)
        if copied:
            draft.save_revision(user=request.user, log_action=True)
            messages.success(
                request,
                COPIED_MESSAGE
                % {"fields": ", ".join(field_labels(type(draft), copied))},
            )
        else:
            messages.warning(
                request,
                _("Nothing was copied: the English fields already have content."),
            )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "cms/admin/copy_layout.html",
        {
            "page": page,
            "fields": field_labels(type(draft), names),
            "filled": field_labels(type(draft), filled),
        },
    )


# --- Feedback ("Återkoppling") -------------------------------------------------------


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
        label=gettext_lazy("Section"), queryset=_sections, method="filter_section"
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


class FeedbackReportView(ReportView):
    """Återkoppling: answers per page, most "no" first."""

    page_title = gettext_lazy("Feedback")
    header_icon = "comment"
    index_url_name = "cms_feedback_report"
    index_results_url_name = "cms_feedback_report_results"
    results_template_name = "cms/admin/feedback_results.html"
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
    ORDERINGS = {"no": "-no", "yes": "-yes", "total": "-total", "share": "share"}

    def dispatch(self, request, *args, **kwargs):
        # Comments may hold personal data: reviewers and administrators only.
        if not may_publish(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Feedback.objects.all()

    def get_filtered_queryset(self):
        answers = self.filter_queryset(self.get_queryset())
        ordering = self.ORDERINGS.get(self.request.GET.get("ordering", "no"), "-no")
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
        rows = list(object_list)
        pages = Page.objects.in_bulk([row["page"] for row in rows])
        return [FeedbackRow(row, pages.get(row["page"])) for row in rows]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["ordering"] = self.request.GET.get("ordering", "no")
        context["filter_query"] = self.request.GET.urlencode()
        # Column links change the order and keep the filters (and start at page 1).
        params = self.request.GET.copy()
        for name in ("ordering", "p", "page", "export"):
            params.pop(name, None)
        context["sort_query"] = f"{params.urlencode()}&" if params else ""
        return context


def feedback_detail(request):
    """Answers per week for one page or a section (SVG chart), with the comments."""
    from django.core.paginator import Paginator

    if not may_publish(request.user):
        raise PermissionDenied

    from .feedback import counts, svg_chart, weekly

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


# --- Failed logins (django-axes) -----------------------------------------------------


def can_see_security(user) -> bool:
    from .editorial.roles import ADMINS, user_roles

    return user.is_superuser or ADMINS in user_roles(user)


def failed_logins(request):
    """Failed logins and current lockouts, for administrators; unlock on request."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.utils import reset

    if not can_see_security(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("unlock"):
        username = request.POST["unlock"]
        reset(username=username)
        log(
            instance=request.user,
            action="cms.login_unlocked",
            user=request.user,
            data={"username": username},
        )
        messages.success(
            request, _("%(username)s can log in again.") % {"username": username}
        )
        return redirect("cms_failed_logins")
    return TemplateResponse(
        request,
        "cms/admin/failed_logins.html",
        {
            "attempts": AccessAttempt.objects.order_by("-attempt_time")[:100],
            "failures": AccessFailureLog.objects.order_by("-attempt_time")[:100],
            "limit": settings.AXES_FAILURE_LIMIT,
        },
    )
