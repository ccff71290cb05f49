"""Django app config for the directory."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "xttm.directory"
    label = "directory"
    verbose_name = _("Danh mục")
