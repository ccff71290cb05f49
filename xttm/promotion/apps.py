"""Django app config for the national programme."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    name = "xttm.promotion"
    label = "promotion"
    verbose_name = _("Chương trình cấp quốc gia về XTTM")
