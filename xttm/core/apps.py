"""Django app config for the shared core."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "xttm.core"
    label = "core"
    verbose_name = _("Lõi hệ thống")
