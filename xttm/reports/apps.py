"""Django app config for reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "xttm.reports"
    label = "reports"
    verbose_name = _("Báo cáo")
