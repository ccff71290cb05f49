"""Account forms: the second-factor code."""

from django import forms
from django.utils.translation import gettext_lazy as _


class OTPCodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\d{6}$",
        label=_("Mã xác thực (6 chữ số)"),
        error_messages={"invalid": _("Mã xác thực gồm đúng 6 chữ số.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
