"""The "Engelsk version" panel of the page and snippet editors."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

from .layout_copy import stream_fields


class TranslationStatusPanel(Panel):
    """Shows on the edit view whether the English version is complete, and which
    required English fields are missing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("English version"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return "translation-status"

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/translation_status.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["swedish_only"] = getattr(page, "swedish_only", False)
            context["missing"] = (
                page.missing_english_labels()
                if hasattr(page, "missing_english_labels")
                else []
            )
            context["status"] = (
                page.translation_status_info()
                if page.pk and hasattr(page, "translation_status_info")
                else None
            )
            context["copy_layout_url"] = self._copy_layout_url(page)
            return context

        @staticmethod
        def _copy_layout_url(page):
            if not page.pk or not hasattr(page, "get_latest_revision_as_object"):
                return ""
            if any(getattr(page, f"{name}_sv") for name in stream_fields(page)):
                return reverse("cms_copy_swedish_layout", args=[page.pk])
            return ""
