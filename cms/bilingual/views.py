"""The translator's admin views: the translation status report, "Markera engelskan
som kontrollerad" and "Kopiera svensk layout till engelska"."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log
from wagtail.models import Page

import django_filters

from ..caching.generation import invalidate
from ..pages import site_sections
from .layout_copy import copy_layout, stream_fields
from .models import TRANSLATION_STATUS_CHOICES, TranslationStatus
from .status import field_labels, mark_checked


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


class TranslationStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=TRANSLATION_STATUS_CHOICES
    )
    section = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Section"), queryset=site_sections
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


class SectionTitleColumn(TitleColumn):
    """The title, linked to its editor, with the site section beneath it."""

    cell_template_name = "cms/admin/section_title_cell.html"


class StatusColumn(Column):
    cell_template_name = "cms/admin/translation_status_cell.html"


class FieldsColumn(Column):
    cell_template_name = "cms/admin/translation_fields_cell.html"


class TranslationStatusReportView(ReportView):
    """Översättningsstatus: pages and snippets by translation status."""

    page_title = gettext_lazy("Translation status")
    header_icon = "globe"
    index_url_name = "cms_translation_status"
    index_results_url_name = "cms_translation_status_results"
    columns = [
        SectionTitleColumn(
            "title", label=gettext_lazy("Title"), get_url=lambda row: row.edit_url
        ),
        Column("kind", label=gettext_lazy("Kind")),
        StatusColumn("status", label=gettext_lazy("Status")),
        FieldsColumn(
            "fields", label=gettext_lazy("Missing or outdated English fields")
        ),
        DateColumn("swedish_changed_at", label=gettext_lazy("Swedish last changed")),
        DateColumn("english_changed_at", label=gettext_lazy("English last changed")),
    ]
    no_results_message = gettext_lazy("Nothing matches the filters.")
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
