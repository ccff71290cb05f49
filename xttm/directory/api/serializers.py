"""Serializers of the directory API (English field names, as in code)."""

from rest_framework import serializers

from ..forms import EnterpriseForm
from ..models import Enterprise, Organization, Person, Province, Unit


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = [
            "id",
            "system",
            "code",
            "name",
            "full_name",
            "kind",
            "latitude",
            "longitude",
            "successor",
        ]


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "id",
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


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "organization", "parent", "code", "name", "head", "is_active"]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = [
            "id",
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


class EnterpriseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enterprise
        fields = [
            "id",
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
            "registered_by",
        ]
        read_only_fields = ["registered_by"]
        # The form owns the uniqueness message, so the API and the page say the same.
        extra_kwargs = {"tax_code": {"validators": []}}

    def validate(self, attrs):
        data = {**{f: getattr(self.instance, f, None) for f in EnterpriseForm.Meta.fields}, **attrs}
        data["province"] = data["province"].pk if data.get("province") else None
        form = EnterpriseForm(
            data={k: v if v is not None else "" for k, v in data.items()}, instance=self.instance
        )
        if not form.is_valid():
            raise serializers.ValidationError(
                {field: [str(e) for e in errors] for field, errors in form.errors.items()}
            )
        attrs["tax_code"] = form.cleaned_data["tax_code"]
        return attrs
