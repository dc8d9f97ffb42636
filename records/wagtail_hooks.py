"""The web archive in the admin: "Webbarkiv" in the menu (every snapshot, for the
registrar), "Webbarkiv" on each page (its timeline)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("webarchive/", admin_views.index, name="records_index"),
        path(
            "webarchive/page/<int:page_id>/",
            admin_views.timeline,
            name="records_timeline",
        ),
        path("webarchive/<int:pk>/", admin_views.detail, name="records_detail"),
        path("webarchive/<int:pk>/view/", admin_views.view, name="records_view"),
        path("webarchive/<int:pk>/raw/", admin_views.raw, name="records_raw"),
        path(
            "webarchive/<int:pk>/file/<int:index>/",
            admin_views.archived_file,
            name="records_file",
        ),
        path(
            "webarchive/<int:pk>/warc/",
            admin_views.download,
            name="records_download",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(
        _("Web archive"), reverse("records_index"), icon_name="history", order=850
    )


class ArchiveButton(PageMenuItem):
    label = _("Web archive")
    icon_name = "history"
    url_name = "records_timeline"
    priority = 60

    def is_shown(self, user):
        return user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_page_header_buttons")
def page_header_archive_button(page, user, view_name, next_url=None):
    yield ArchiveButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def page_listing_archive_button(page, user, next_url=None):
    yield ArchiveButton(page=page)
