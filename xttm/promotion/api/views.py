"""API views of the programme: the list pages' FilterSets, the models' for_user scopes, the services."""

import datetime

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from xttm.directory.api.views import ScopedViewSetMixin

from .. import filters, services, totals
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
from . import serializers as s


def _read_only(model, serializer, filterset=None):
    attrs = {"queryset": model.objects.all(), "serializer_class": serializer}
    if filterset is not None:
        attrs["filterset_class"] = filterset
    return type(
        f"{model.__name__}ViewSet", (ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet), attrs
    )


ProgrammeYearViewSet = _read_only(
    ProgrammeYear, s.ProgrammeYearSerializer, filters.ProgrammeYearFilterSet
)
SupportContentViewSet = _read_only(
    SupportContent, s.SupportContentSerializer, filters.SupportContentFilterSet
)
ContentRateViewSet = _read_only(ContentRate, s.ContentRateSerializer, filters.ContentRateFilterSet)
BudgetLineViewSet = _read_only(BudgetLine, s.BudgetLineSerializer, filters.BudgetLineFilterSet)
SchemeEventViewSet = _read_only(SchemeEvent, s.SchemeEventSerializer, filters.SchemeEventFilterSet)
AppraisalViewSet = _read_only(Appraisal, s.AppraisalSerializer)
ApprovalBatchViewSet = _read_only(ApprovalBatch, s.ApprovalBatchSerializer)
AdjustmentViewSet = _read_only(Adjustment, s.AdjustmentSerializer)
ExchangeRateViewSet = _read_only(
    ExchangeRate, s.ExchangeRateSerializer, filters.ExchangeRateFilterSet
)
BrandCycleViewSet = _read_only(BrandCycle, s.BrandCycleSerializer)
BrandApplicantViewSet = _read_only(
    BrandApplicant, s.BrandApplicantSerializer, filters.BrandApplicantFilterSet
)
FacilityViewSet = _read_only(Facility, s.FacilitySerializer, filters.FacilityFilterSet)
NetworkStaffingViewSet = _read_only(
    NetworkStaffing, s.NetworkStaffingSerializer, filters.NetworkStaffingFilterSet
)
NotificationViewSet = _read_only(
    Notification, s.NotificationSerializer, filters.NotificationFilterSet
)
ActivityViewSet = _read_only(Activity, s.ActivitySerializer, filters.ActivityFilterSet)
ParticipationViewSet = _read_only(
    Participation, s.ParticipationSerializer, filters.ParticipationFilterSet
)


def _refused(exc: services.Refused):
    return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)


class SchemeViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Schemes: drafts are created and changed through `services.save_draft`; moves are POST actions."""

    queryset = Scheme.objects.all()
    serializer_class = s.SchemeSerializer
    filterset_class = filters.SchemeFilterSet
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        if not services.may_edit_draft(self.request.user):
            raise PermissionDenied(_("Bạn không có quyền lập đề án."))
        self._save(serializer)

    def perform_update(self, serializer):
        if not services.may_edit_draft(self.request.user, serializer.instance):
            raise PermissionDenied(_("Chỉ sửa được đề án dự thảo hoặc cần bổ sung."))
        self._save(serializer)

    def _save(self, serializer):
        from django.core.exceptions import ValidationError as DjangoValidationError

        instance = serializer.instance or Scheme()
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        cost_items = self.request.data.get("cost_items")
        items = None
        if cost_items is not None:
            items = [(c["name"], c["amount"], c.get("eligible", True)) for c in cost_items]
        try:
            services.save_draft(instance, actor=self.request.user, cost_items=items)
        except services.Refused as exc:
            raise PermissionDenied(exc.message) from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        serializer.instance = instance

    @extend_schema(request=s.MoveSerializer, responses=s.SchemeEventSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the scheme (`to` = the target state); the same service as the page's buttons."""
        scheme = self.get_object()
        data = s.MoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        kwargs = dict(data.validated_data)
        to_state = kwargs.pop("to")
        if "changes" in kwargs:
            changes = dict(kwargs["changes"])
            for name in ("start_date", "end_date"):
                if isinstance(changes.get(name), str):
                    changes[name] = datetime.date.fromisoformat(changes[name])
            kwargs["changes"] = changes
        try:
            event = services.transition(scheme, to_state, actor=request.user, **kwargs)
        except services.Refused as exc:
            return _refused(exc)
        except TypeError:
            return Response({"detail": _("Tham số không phù hợp với thao tác này.")}, status=400)
        return Response(s.SchemeEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def transitions(self, request, pk=None):
        """The moves the caller may make now."""
        scheme = self.get_object()
        return Response(
            [
                {"to": to, "label": str(rule.label), "needs_document": rule.needs_document}
                for to, rule in services.available_transitions(scheme, request.user)
            ]
        )


class DealViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Deals: VND and USD values are computed from the rate table when written."""

    queryset = Deal.objects.all()
    serializer_class = s.DealSerializer
    filterset_class = filters.DealFilterSet
    permission_classes = [permissions.IsAuthenticated]

    def _save(self, serializer):
        instance = serializer.instance or Deal()
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        activity = instance.activity
        if not Activity.objects.for_user(self.request.user).filter(pk=activity.pk).exists():
            raise ValidationError({"activity": [_("Không tìm thấy hoạt động.")]})
        try:
            services.save_deal(instance, actor=self.request.user)
        except services.Refused as exc:
            raise PermissionDenied(exc.message) from exc
        serializer.instance = instance

    perform_create = _save
    perform_update = _save

    def perform_destroy(self, instance):
        try:
            services.delete_deal(instance, actor=self.request.user)
        except services.Refused as exc:
            raise PermissionDenied(exc.message) from exc


SUMMARY_PARAMS = [
    OpenApiParameter(name, str, required=False)
    for name in (
        "year_from",
        "year_to",
        "line",
        "content_type",
        "province",
        "province_system",
        "country",
        "lead",
        "group_by",
    )
]


class SummaryView(APIView):
    """Totals of the programme for a filter, from the summary table, optionally grouped."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=SUMMARY_PARAMS, responses=dict)
    def get(self, request):
        result = totals.totals(request.user, request.query_params.dict())
        if "errors" in result:
            return Response(result, status=400)
        return Response(result)
