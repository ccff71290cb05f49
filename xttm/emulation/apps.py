"""Django app config for emulation and commendation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "xttm.emulation"
    label = "emulation"
    verbose_name = _("Thi đua – Khen thưởng")
