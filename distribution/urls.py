"""Reader addresses in both languages (/prenumerera/, /en/subscribe/ ...); the
root URLconf puts them inside its language patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import preview_views, views

urlpatterns = [
    # Embargoed previews: one address for both languages (?mode=en), not indexed.
    path("forhandsvisning/<str:token>/", preview_views.preview, name="press_preview"),
    path(
        "forhandsvisning/<str:token>/bild/<int:image_id>/",
        preview_views.image,
        name="press_preview_image",
    ),
    path(_("subscribe/"), views.subscribe, name="subscribe"),
    path(
        _("subscribe/confirm/<str:token>/"), views.confirm, name="subscription_confirm"
    ),
    path(_("subscription/<str:token>/"), views.manage, name="subscription_manage"),
    path(
        _("subscription/<str:token>/unsubscribe/"),
        views.unsubscribe,
        name="subscription_unsubscribe",
    ),
]
