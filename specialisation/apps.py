from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpecialisationConfig(AppConfig):
    name = "specialisation"
    verbose_name = _("Smart specialisation")
