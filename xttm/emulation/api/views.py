"""API views of emulation: each queryset starts from the model's `for_user`; verbs call services."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .. import filters, loader, services
from ..models import (
    Ballot,
    Commendation,
    Decision,
    EmulationSetting,
    Exemplar,
    Initiative,
    Lesson,
    Movement,
    Nomination,
    Rating,
    Registration,
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


def _service(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except services.ServiceError as exc:
        raise ValidationError({"detail": str(exc)}) from exc


class MovementViewSet(ScopedViewSet):
    queryset = Movement.objects.all()
    serializer_class = serializers.MovementSerializer
    filterset_class = filters.MovementFilterSet


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


class CommendationViewSet(ScopedViewSet):
    queryset = Commendation.objects.all()
    serializer_class = serializers.CommendationSerializer
    filterset_class = filters.CommendationFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("uses")


class InitiativeViewSet(ScopedViewSet):
    queryset = Initiative.objects.all()
    serializer_class = serializers.InitiativeSerializer
    filterset_class = filters.InitiativeFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("authors", "used_by")


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
