"""The readers' feedback panel of the page editor."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

from ..editorial.roles import may_publish
from .services import summary_for_page


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
