"""Who may see a snapshot: anyone who works in the admin may see what was public;
a snapshot of a private page only those who may edit the page (for a page since
deleted, administrators)."""

from wagtail.models import Page

from .models import Snapshot


def may_see(user, snapshot: Snapshot) -> bool:
    if not user.is_active or not user.has_perm("wagtailadmin.access_admin"):
        return False
    if not snapshot.private or user.is_superuser:
        return True
    page = Page.objects.filter(pk=snapshot.page_id).first()
    return page is not None and page.permissions_for_user(user).can_edit()


def visible(user, snapshots):
    """The snapshots of a queryset ``user`` may see (one page's, usually)."""
    if user.is_superuser:
        return snapshots
    public = snapshots.filter(private=False)
    editable = [
        page.pk
        for page in Page.objects.filter(
            pk__in=snapshots.filter(private=True).values("page_id")
        )
        if page.permissions_for_user(user).can_edit()
    ]
    return public | snapshots.filter(private=True, page_id__in=editable)
