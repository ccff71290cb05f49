"""Serializers of the programme API (English field names, as in code)."""

from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from ..choices import BRAND_MAX
from ..models import (
    Activity,
    Adjustment,
    Appraisal,
    ApprovalBatch,
    BrandApplicant,
    BrandCycle,
    BrandProduct,
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
BrandProductSerializer = model_serializer(BrandProduct)
FacilitySerializer = model_serializer(Facility)
NetworkStaffingSerializer = model_serializer(NetworkStaffing)
NotificationSerializer = model_serializer(Notification)


class BrandApplicantSerializer(serializers.ModelSerializer):
    """Scores capped by criterion (300, 180, 520); the total is out of 1,000."""

    total_score = serializers.IntegerField(read_only=True)

    class Meta:
        model = BrandApplicant
        fields = [
            "id",
            "cycle",
            "enterprise",
            "score_quality",
            "score_innovation",
            "score_pioneering",
            "total_score",
            "result",
        ]
        extra_kwargs = {
            f"score_{criterion}": {"max_value": cap} for criterion, cap in BRAND_MAX.items()
        }


class SchemeSerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Scheme
        exclude = ["search_text"]
        read_only_fields = ["status", "support_approved", "support_rate", "created_at"]


class ScopedRelationsMixin:
    """Related rows are looked up within the caller's scope: another organisation's row and a
    missing one give the same answer, so ids of others' rows are not told."""

    scoped_relations: dict = {}

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        for name, model in self.scoped_relations.items():
            if name in fields and not fields[name].read_only:
                fields[name].queryset = model.objects.for_user(user)
        return fields


class ActivitySerializer(ScopedRelationsMixin, CountryFieldMixin, serializers.ModelSerializer):
    scoped_relations = {"scheme": Scheme}

    class Meta:
        model = Activity
        exclude = ["search_text"]


class ParticipationSerializer(ScopedRelationsMixin, serializers.ModelSerializer):
    scoped_relations = {"activity": Activity}

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
