"""The reader's address for requesting an archived page, in both languages
(/begar-arkiverad-sida/, /en/request-archived-page/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(
        _("request-archived-page/"),
        views.request_archived_page,
        name="request_archived_page",
    ),
]
