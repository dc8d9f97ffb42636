"""Admin panels for the translation model."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

from .editorial.roles import may_publish


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
            from django.urls import reverse

            from .layout_copy import stream_fields

            if not page.pk or not hasattr(page, "get_latest_revision_as_object"):
                return ""
            if any(getattr(page, f"{name}_sv") for name in stream_fields(page)):
                return reverse("cms_copy_swedish_layout", args=[page.pk])
            return ""


class FeedbackSummaryPanel(Panel):
    """Readers' answers to "Hittade du informationen du sökte?" for this page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Reader feedback"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return "feedback-summary"

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/feedback_summary.html"

        def get_context_data(self, parent_context=None):
            from django.urls import reverse

            from .feedback import summary_for_page

            context = super().get_context_data(parent_context)
            page = self.instance
            summary = summary_for_page(page) if page.pk else None
            # Comments may hold personal data: only reviewers and administrators
            # read them (and the report); others see the counts.
            readers_comments = may_publish(self.request.user)
            if summary and not readers_comments:
                summary["latest_comments"] = []
            context["summary"] = summary
            if page.pk and readers_comments:
                context["report_url"] = (
                    reverse("cms_feedback_detail") + f"?page={page.pk}"
                )
            return context
