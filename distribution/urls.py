"""Reader addresses in both languages (/prenumerera/, /en/subscribe/ ...); the
root URLconf puts them inside its language patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
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
