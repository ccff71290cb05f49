"""API views of emulation: each queryset starts from the model's `for_user`; verbs call services."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from .. import filters, forms, loader, scope, services
from ..models import (
    Ballot,
    Commendation,
    Decision,
    Discipline,
    EmulationSetting,
    Exemplar,
    Initiative,
    Leave,
    Lesson,
    Movement,
    Nomination,
    Rating,
    Registration,
    ReviewHold,
    Round,
    Session,
    SessionItem,
)
from ..views import profile_people, profile_units
from . import serializers


class ScopedViewSet(viewsets.ReadOnlyModelViewSet):
    """Every API queryset starts from the model's `for_user` scope."""

    def get_queryset(self):
        return self.queryset.model.objects.for_user(self.request.user).order_by("pk")


class SecretariatWrites(permissions.IsAuthenticated):
    """Reads for anyone signed in (scoped by `for_user`); writes for the secretariat and admins."""

    message = _("Bạn không có quyền thực hiện thao tác này.")

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or scope.edits(request.user)


class RecordViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedViewSet):
    """A record the secretariat enters as on its page: create and update, no delete (as the page)."""

    permission_classes = [SecretariatWrites]


def _service(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except services.ServiceError as exc:
        raise ValidationError({"detail": str(exc)}) from exc


def criteria_formset(movement, rows):
    """The criteria page's formset bound to API rows: rows with an id change that criterion,
    rows without add one, and recorded criteria left out are deleted (unless already scored)."""
    existing = list(movement.criteria.order_by("pk"))
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValidationError({"criteria": ["[{code, name, weight, max_score, computed}]"]})
    sent = {}
    for row in rows:
        if row.get("id") is not None:
            sent[str(row["id"])] = row
    known = {str(c.pk) for c in existing}
    unknown = sorted(set(sent) - known)
    if unknown:
        raise ValidationError({"criteria": [f"id {pk}: ?" for pk in unknown]})
    fields = ("code", "name", "weight", "max_score", "computed")
    added = [row for row in rows if row.get("id") is None]
    data = {
        "criteria-TOTAL_FORMS": str(len(existing) + len(added)),
        "criteria-INITIAL_FORMS": str(len(existing)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, criterion in enumerate(existing):
        row = sent.get(str(criterion.pk))
        data[f"criteria-{index}-id"] = str(criterion.pk)
        for name in fields:
            value = row.get(name, getattr(criterion, name)) if row else getattr(criterion, name)
            data[f"criteria-{index}-{name}"] = "" if value is None else value
        if row is None:
            data[f"criteria-{index}-DELETE"] = "on"
    for offset, row in enumerate(added):
        index = len(existing) + offset
        for name in fields:
            value = row.get(name)
            data[f"criteria-{index}-{name}"] = "" if value is None else value
    return forms.CriterionFormSet(data, instance=movement, prefix="criteria")


class MovementViewSet(ScopedViewSet):
    """Movements; GET/PUT …/criteria/ reads or replaces the scoring criteria (weights total 100)."""

    queryset = Movement.objects.all()
    serializer_class = serializers.MovementSerializer
    filterset_class = filters.MovementFilterSet

    @extend_schema(
        request=serializers.CriterionSerializer(many=True),
        responses={200: serializers.CriterionSerializer(many=True)},
    )
    @action(detail=True, methods=["get", "put"], permission_classes=[SecretariatWrites])
    def criteria(self, request, pk=None):
        movement = self.get_object()
        if request.method == "PUT":
            formset = criteria_formset(movement, request.data)
            if not formset.is_valid():
                rows = [serializers.form_errors(e) for e in formset.errors if e]
                raise ValidationError(
                    {"criteria": [str(e) for e in formset.non_form_errors()] + rows}
                )
            with transaction.atomic():
                formset.save()
        criteria = movement.criteria.order_by("code")
        return Response(serializers.CriterionSerializer(criteria, many=True).data)


class RegistrationViewSet(ScopedViewSet):
    """Registrations; POST …/submit/, …/approve/, …/return/ {reason} move them through services."""

    queryset = Registration.objects.all()
    serializer_class = serializers.RegistrationSerializer
    filterset_class = filters.RegistrationFilterSet

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        _service(services.submit_registration, self.get_object(), actor=request.user)
        return Response(serializers.RegistrationSerializer(self.get_object()).data)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        _service(services.approve_registration, self.get_object(), actor=request.user)
        return Response(serializers.RegistrationSerializer(self.get_object()).data)

    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        _service(
            services.return_registration,
            self.get_object(),
            actor=request.user,
            reason=str(request.data.get("reason", "")),
        )
        return Response(serializers.RegistrationSerializer(self.get_object()).data)


class RatingViewSet(ScopedViewSet):
    queryset = Rating.objects.all()
    serializer_class = serializers.RatingSerializer
    filterset_class = filters.RatingFilterSet


class CommendationViewSet(RecordViewSet):
    """Titles and awards; writes are the historical entry (before the system), as on the page."""

    queryset = Commendation.objects.all()
    serializer_class = serializers.CommendationSerializer
    filterset_class = filters.CommendationFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("uses")

    def update(self, request, *args, **kwargs):
        # What an issued decision wrote changes only through the decision.
        if self.get_object().decision_id is not None:
            raise PermissionDenied(_("Khen thưởng theo quyết định chỉ sửa qua quyết định đó."))
        return super().update(request, *args, **kwargs)


class InitiativeViewSet(RecordViewSet):
    """Initiatives with their authors; `authors` sent replace those recorded (shares total 100%)."""

    queryset = Initiative.objects.all()
    serializer_class = serializers.InitiativeSerializer
    filterset_class = filters.InitiativeFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("authors", "used_by")


class DisciplineViewSet(RecordViewSet):
    queryset = Discipline.objects.all()
    serializer_class = serializers.DisciplineSerializer
    filterset_class = filters.DisciplineFilterSet


class ReviewHoldViewSet(RecordViewSet):
    """Review holds; POST …/lift/ {ends_on} ends one through `services.lift_hold`."""

    queryset = ReviewHold.objects.all()
    serializer_class = serializers.ReviewHoldSerializer
    filterset_class = filters.ReviewHoldFilterSet

    @extend_schema(
        request=serializers.LiftHoldSerializer,
        responses={200: serializers.ReviewHoldSerializer},
    )
    @action(detail=True, methods=["post"])
    def lift(self, request, pk=None):
        hold = self.get_object()
        form = forms.LiftHoldForm(
            data=serializers.plain_data(request.data, forms.LiftHoldForm.base_fields)
        )
        if not form.is_valid():
            raise ValidationError(serializers.form_errors(form.errors))
        _service(services.lift_hold, hold, ends_on=form.cleaned_data["ends_on"], actor=request.user)
        hold.refresh_from_db()
        return Response(serializers.ReviewHoldSerializer(hold).data)


class LeaveViewSet(RecordViewSet):
    queryset = Leave.objects.all()
    serializer_class = serializers.LeaveSerializer
    filterset_class = filters.LeaveFilterSet


class RoundViewSet(ScopedViewSet):
    queryset = Round.objects.all()
    serializer_class = serializers.RoundSerializer
    filterset_class = filters.RoundFilterSet


class NominationViewSet(ScopedViewSet):
    queryset = Nomination.objects.all()
    serializer_class = serializers.NominationSerializer
    filterset_class = filters.NominationFilterSet


class SessionViewSet(ScopedViewSet):
    """Sessions the user may see; POST …/vote/ {item, choice} casts the user's own secret ballot."""

    queryset = Session.objects.all()
    serializer_class = serializers.SessionSerializer
    filterset_class = filters.SessionFilterSet

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["voted"] = set(
            Ballot.objects.filter(member__user=self.request.user).values_list("item_id", flat=True)
        )
        return context

    @extend_schema(request=serializers.VoteSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        session = self.get_object()
        data = serializers.VoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = get_object_or_404(SessionItem, session=session, pk=data.validated_data["item"])
        _service(
            services.cast_ballot, item, voter=request.user, choice=data.validated_data["choice"]
        )
        return Response({"voted": True})


class BallotViewSet(ScopedViewSet):
    """Receipts: a member's own; the emulation side sees who voted, never how."""

    queryset = Ballot.objects.all()
    serializer_class = serializers.BallotSerializer


class DecisionViewSet(ScopedViewSet):
    queryset = Decision.objects.all()
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("recipients")


class ExemplarViewSet(ScopedViewSet):
    queryset = Exemplar.objects.all()
    serializer_class = serializers.ExemplarSerializer
    filterset_class = filters.ExemplarFilterSet


class LessonViewSet(ScopedViewSet):
    queryset = Lesson.objects.all()
    serializer_class = serializers.LessonSerializer
    filterset_class = filters.LessonFilterSet


class EmulationSettingViewSet(ScopedViewSet):
    queryset = EmulationSetting.objects.all()
    serializer_class = serializers.EmulationSettingSerializer
    filterset_class = filters.EmulationSettingFilterSet


class FactsViewSet(viewsets.ViewSet):
    """GET people/<pk>/facts/?year= (and units/…): the facts file of eligibility-io.md."""

    kind = "person"
    lookup_value_regex = "[0-9]+"

    @extend_schema(
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH),
            OpenApiParameter("year", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True),
        ],
        responses={200: OpenApiTypes.OBJECT},
        description="The facts file of eligibility-io.md, as `xttm eligibility` reads it.",
    )
    def retrieve(self, request, pk=None):
        queryset = (
            profile_people(request.user) if self.kind == "person" else profile_units(request.user)
        )
        subject = get_object_or_404(queryset, pk=pk)
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError as exc:
            raise ValidationError({"year": "year=YYYY"}) from exc
        if not 1900 <= year <= 2200:
            raise ValidationError({"year": "1900–2200"})
        if self.kind == "person":
            facts = loader.load_facts(year, people=[subject])
        else:
            facts = loader.load_facts(year, units=[subject])
        return HttpResponse(
            loader.export_json(facts), content_type="application/json; charset=utf-8"
        )


class PersonFactsViewSet(FactsViewSet):
    kind = "person"


class UnitFactsViewSet(FactsViewSet):
    kind = "unit"
