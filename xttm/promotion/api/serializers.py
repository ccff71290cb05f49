"""Serializers of the programme API (English field names, as in code)."""

from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from ..models import (
    Activity,
    Adjustment,
    Appraisal,
    ApprovalBatch,
    BrandApplicant,
    BrandCycle,
    BudgetLine,
    ContentRate,
    Deal,
    ExchangeRate,
    Facility,
    NetworkStaffing,
    Notification,
    Participation,
    ProgrammeYear,
    Scheme,
    SchemeEvent,
    SupportContent,
)


def model_serializer(model_class, field_list="__all__", read_only=()):
    meta = type(
        "Meta", (), {"model": model_class, "fields": field_list, "read_only_fields": read_only}
    )
    return type(f"{model_class.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})


ProgrammeYearSerializer = model_serializer(ProgrammeYear)
SupportContentSerializer = model_serializer(SupportContent)
ContentRateSerializer = model_serializer(ContentRate)
BudgetLineSerializer = model_serializer(BudgetLine)
SchemeEventSerializer = model_serializer(SchemeEvent)
AppraisalSerializer = model_serializer(Appraisal)
ApprovalBatchSerializer = model_serializer(ApprovalBatch)
AdjustmentSerializer = model_serializer(Adjustment)
ExchangeRateSerializer = model_serializer(ExchangeRate)
BrandCycleSerializer = model_serializer(BrandCycle)
BrandApplicantSerializer = model_serializer(BrandApplicant)
FacilitySerializer = model_serializer(Facility)
NetworkStaffingSerializer = model_serializer(NetworkStaffing)
NotificationSerializer = model_serializer(Notification)


class SchemeSerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Scheme
        exclude = ["search_text"]
        read_only_fields = ["status", "support_approved", "support_rate", "created_at"]


class ActivitySerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Activity
        exclude = ["search_text"]


class ParticipationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participation
        fields = ["id", "activity", "enterprise", "booths", "support_vnd"]


class DealSerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Deal
        fields = "__all__"
        read_only_fields = [
            "rate_to_vnd",
            "rate_date",
            "rate_is_fallback",
            "value_vnd",
            "value_usd",
        ]


class MoveSerializer(serializers.Serializer):
    to = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    document_number = serializers.CharField(required=False, allow_blank=True, default="")
    document_date = serializers.DateField(required=False, allow_null=True, default=None)
    amount = serializers.DecimalField(max_digits=18, decimal_places=0, required=False)
    score = serializers.IntegerField(required=False, min_value=0, max_value=100)
    notes = serializers.CharField(required=False, allow_blank=True)
    approve = serializers.BooleanField(required=False)
    changes = serializers.DictField(required=False)
