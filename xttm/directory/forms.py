"""Create and edit forms of the directory, with Vietnamese validation messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ProvinceSystem
from .models import Enterprise, Organization, Person, Province, Unit
from .taxcode import TaxCodeError, normalize_tax_code


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}, **kwargs)


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "tax_code",
            "name",
            "english_name",
            "province",
            "sector",
            "size",
            "ownership",
            "address",
            "phone",
            "email",
            "website",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.order_by("-system", "name")
        self.fields["province"].label_from_instance = lambda p: (
            p.name if p.system == ProvinceSystem.NEW_34 else _("{name} (cũ)").format(name=p.name)
        )

    def clean_tax_code(self):
        try:
            code = normalize_tax_code(self.cleaned_data["tax_code"])
        except TaxCodeError as exc:
            raise forms.ValidationError(str(exc)) from exc
        clash = Enterprise.objects.filter(tax_code=code).exclude(pk=self.instance.pk).first()
        if clash:
            raise forms.ValidationError(
                _("Mã số thuế {code} đã thuộc về “{name}”.").format(code=code, name=clash.name)
            )
        return code


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "province",
            "address",
            "phone",
            "email",
            "website",
            "is_active",
        ]


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["organization", "parent", "code", "name", "head", "is_active"]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "code",
            "full_name",
            "gender",
            "date_of_birth",
            "unit",
            "position",
            "employment_category",
            "recruited_on",
            "memberships",
            "email",
            "phone",
            "is_active",
        ]
        widgets = {
            "date_of_birth": DateInput(),
            "recruited_on": DateInput(),
            "memberships": forms.CheckboxSelectMultiple,
        }
