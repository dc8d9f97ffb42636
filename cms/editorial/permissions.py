"""Who may do what to a page: Wagtail's page permissions, with the newsroom's rules.

Wagtail's own model lets anyone with "change" permission delete (or move) a page
that is not live. Here, a page scheduled to go live (an approved, embargoed
release) is the reviewers' decision: only those who may publish it may delete or
move it, through any path (the page's delete view, bulk actions, the explorer).
Wagtail lets page types give their own tester (``permissions_for_user``), so the
rule sits in one place, beneath every view.
"""

from wagtail.models import PagePermissionTester


class EditorialPagePermissionTester(PagePermissionTester):
    def _scheduled_for_someone_else(self) -> bool:
        return (
            not self.user.is_superuser
            and "publish" not in self.permissions
            and self.page.scheduled_revision is not None
        )

    def can_delete(self, ignore_bulk=False):
        return (
            super().can_delete(ignore_bulk) and not self._scheduled_for_someone_else()
        )

    def can_move(self):
        return super().can_move() and not self._scheduled_for_someone_else()

    def can_submit_for_moderation(self):
        # Wagtail asks only whether a workflow applies; only those who may edit a
        # page send it to review (translators edit only inside their own step).
        return super().can_submit_for_moderation() and self.can_edit()
