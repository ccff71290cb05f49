"""Django app config for accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "xttm.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")
