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


def _refused(exc: services.Refused):
    return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)


class SchemeViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Schemes: drafts are created and changed through `services.save_draft`; moves are POST actions."""

    queryset = Scheme.objects.all()
    serializer_class = s.SchemeSerializer
    filterset_class = filters.SchemeFilterSet
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def check_permissions(self, request):
        # Roles that may not draft schemes are refused before their body is validated.
        super().check_permissions(request)
        if self.action == "create" and not services.may_edit_draft(request.user):
            self.permission_denied(request, message=_("Bạn không có quyền lập đề án."))

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


class ResultWritersOnly:
    """Refuse roles that record no results before their body is validated: a 403, not a
    validation error telling them what a valid row would need. The scheme-by-scheme check
    stays in the services."""

    def check_permissions(self, request):
        super().check_permissions(request)
        if request.method not in permissions.SAFE_METHODS and not services.may_record_any_results(
            request.user
        ):
            self.permission_denied(request, message=_("Bạn không có quyền thực hiện thao tác này."))


class DealViewSet(ResultWritersOnly, ScopedViewSetMixin, viewsets.ModelViewSet):
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


# --- Activities and participations: the same services as the pages -----------------------------


class ActivityViewSet(ResultWritersOnly, ScopedViewSetMixin, viewsets.ModelViewSet):
    """Activities: written through `services.save_activity` (participations and deals follow them)."""

    queryset = Activity.objects.all()
    serializer_class = s.ActivitySerializer
    filterset_class = filters.ActivityFilterSet
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _save(self, serializer):
        user = self.request.user
        data = serializer.validated_data
        instance = serializer.instance or Activity()
        # The serializer looks the scheme up within the caller's scope (partners: their own).
        if instance.pk and "scheme" in data and data["scheme"].pk != instance.scheme_id:
            raise ValidationError({"scheme": [_("Không chuyển hoạt động sang đề án khác.")]})
        for name, value in data.items():
            setattr(instance, name, value)
        try:
            services.save_activity(instance, actor=user)
        except services.Refused as exc:
            raise PermissionDenied(exc.message) from exc
        serializer.instance = instance

    perform_create = _save
    perform_update = _save


class ParticipationViewSet(ResultWritersOnly, ScopedViewSetMixin, viewsets.ModelViewSet):
    """Participations: `services.record_participation` keeps the summary exact on every write."""

    queryset = Participation.objects.all()
    serializer_class = s.ParticipationSerializer
    filterset_class = filters.ParticipationFilterSet
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def _save(self, serializer):
        user = self.request.user
        data = serializer.validated_data
        old = serializer.instance
        activity = data.get("activity", old.activity if old else None)
        enterprise = data.get("enterprise", old.enterprise if old else None)
        if old is not None and (activity.pk, enterprise.pk) != (old.activity_id, old.enterprise_id):
            raise ValidationError(
                {"activity": [_("Không đổi hoạt động, doanh nghiệp của một lượt tham gia.")]}
            )
        try:
            participation = services.record_participation(
                activity,
                enterprise,
                actor=user,
                booths=data.get("booths", old.booths if old else 0),
                support_vnd=data.get("support_vnd", old.support_vnd if old else 0),
            )
        except services.Refused as exc:
            raise PermissionDenied(exc.message) from exc
        serializer.instance = participation

    perform_create = _save
    perform_update = _save

    def perform_destroy(self, instance):
        try:
            services.delete_participation(instance, actor=self.request.user)
        except services.Refused as exc:
            raise PermissionDenied(exc.message) from exc


# --- Brand programme, facilities, staffing ----------------------------------------------------


class NetworkWriteViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Reference rows of the network: everyone signed in reads; `services.may_edit_network` writes."""

    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def may_write_at_all(self, user) -> bool:
        return services.may_edit_network(user)

    def check_permissions(self, request):
        # Refuse a role that may write nothing before its body is read: a 403, not a
        # validation error that tells it what a valid row would need.
        super().check_permissions(request)
        if request.method not in permissions.SAFE_METHODS and not self.may_write_at_all(
            request.user
        ):
            self.permission_denied(request, message=_("Bạn không có quyền thực hiện thao tác này."))

    def check_write(self, serializer) -> None:
        if not services.may_edit_network(self.request.user):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))

    def perform_create(self, serializer):
        self.check_write(serializer)
        serializer.save()

    def perform_update(self, serializer):
        self.check_write(serializer)
        serializer.save()


class BrandCycleViewSet(NetworkWriteViewSet):
    queryset = BrandCycle.objects.all()
    serializer_class = s.BrandCycleSerializer


class BrandApplicantViewSet(NetworkWriteViewSet):
    queryset = BrandApplicant.objects.all()
    serializer_class = s.BrandApplicantSerializer
    filterset_class = filters.BrandApplicantFilterSet


class BrandProductViewSet(NetworkWriteViewSet):
    queryset = BrandProduct.objects.all()
    serializer_class = s.BrandProductSerializer
    filterset_class = filters.BrandProductFilterSet


class FacilityViewSet(NetworkWriteViewSet):
    queryset = Facility.objects.all()
    serializer_class = s.FacilitySerializer
    filterset_class = filters.FacilityFilterSet


class NetworkStaffingViewSet(NetworkWriteViewSet):
    """A partner officer writes their own organisation's rows; the programme side writes all."""

    queryset = NetworkStaffing.objects.all()
    serializer_class = s.NetworkStaffingSerializer
    filterset_class = filters.NetworkStaffingFilterSet

    def may_write_at_all(self, user) -> bool:
        return services.may_edit_staffing(user)

    def check_write(self, serializer) -> None:
        user = self.request.user
        organizations = {serializer.validated_data.get("organization")}
        if serializer.instance is not None:
            organizations.add(serializer.instance.organization)
        if not all(
            services.may_edit_staffing(user, org.pk if org else None) for org in organizations
        ):
            raise PermissionDenied(_("Chỉ sửa được số liệu nhân lực của tổ chức mình."))


# --- Notifications ------------------------------------------------------------------------------


class NotificationViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """One's own notifications (the scope is the recipient); `read` marks one read."""

    queryset = Notification.objects.all()
    serializer_class = s.NotificationSerializer
    filterset_class = filters.NotificationFilterSet

    @extend_schema(request=None, responses=s.NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        note = self.get_object()
        try:
            services.mark_read(note, actor=request.user)
        except services.Refused as exc:
            return _refused(exc)
        return Response(s.NotificationSerializer(note).data)
