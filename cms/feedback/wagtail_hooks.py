"""The feedback report in the admin (reviewers and administrators)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ..editorial.roles import may_publish
from .admin_views import FeedbackReportView, feedback_detail


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("feedback/", FeedbackReportView.as_view(), name="cms_feedback_report"),
        path(
            "feedback/results/",
            FeedbackReportView.as_view(results_only=True),
            name="cms_feedback_report_results",
        ),
        path("feedback/detail/", feedback_detail, name="cms_feedback_detail"),
    ]


class ReviewerMenuItem(MenuItem):
    """Shown to reviewers and administrators (readers' comments may hold personal
    data)."""

    def is_shown(self, request):
        return may_publish(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report():
    return ReviewerMenuItem(
        gettext_lazy("Feedback"),
        reverse("cms_feedback_report"),
        name="feedback",
        icon_name="comment",
        order=710,
    )
