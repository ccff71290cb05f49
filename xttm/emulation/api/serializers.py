"""Serializers of the emulation API (English field names, as in code).

A session item's tally is only serialised once its session is closed, and no
serializer has a member's choice to give: the ballot receipt has none.
"""

from rest_framework import serializers

from ..choices import Vote
from ..models import (
    Ballot,
    Commendation,
    Decision,
    DecisionRecipient,
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

SUBJECT = ["person", "unit"]


class MovementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Movement
        fields = [
            "id",
            "name",
            "level",
            "form",
            "bodies",
            "theme",
            "goals",
            "targets",
            "launched_on",
            "starts_on",
            "ends_on",
            "units",
            "people",
        ]


class RegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registration
        fields = [
            "id",
            *SUBJECT,
            "year",
            "movement",
            "aimed_code",
            "commitments",
            "status",
            "return_reason",
        ]
        read_only_fields = ["person", "unit", "status", "return_reason"]


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["id", *SUBJECT, "year", "code", "note"]


class CommendationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commendation
        fields = ["id", *SUBJECT, "code", "year", "kind", "decision", "decision_reference", "uses"]


class InitiativeSerializer(serializers.ModelSerializer):
    authors = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "title",
            "kind",
            "unit",
            "scope",
            "year",
            "recognised_on",
            "certificate_number",
            "effect_vnd",
            "authors",
            "used_by",
        ]

    def get_authors(self, obj) -> list[dict]:
        return [{"person": a.person_id, "share": str(a.share)} for a in obj.authors.all()]


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ["id", "name", "year", "movement", "status", "opened_on"]


class NominationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Nomination
        fields = [
            "id",
            "round",
            *SUBJECT,
            "code",
            "kind",
            "year",
            "achievement",
            "achieved_on",
            "verdict",
            "reasons",
            "uses",
            "status",
        ]


class SessionItemSerializer(serializers.ModelSerializer):
    tally = serializers.SerializerMethodField()
    i_voted = serializers.SerializerMethodField()

    class Meta:
        model = SessionItem
        fields = ["id", "nomination", "position", "threshold_percent", "tally", "i_voted"]

    def get_tally(self, obj) -> dict | None:
        if not obj.session.is_closed:
            return None
        return {
            "yes": obj.yes_count,
            "no": obj.no_count,
            "abstain": obj.abstain_count,
            "passed": obj.passed,
        }

    def get_i_voted(self, obj) -> bool:
        return obj.pk in self.context.get("voted", set())


class SessionSerializer(serializers.ModelSerializer):
    items = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "name",
            "round",
            "held_on",
            "status",
            "quorum_percent",
            "present_count",
            "quorum_met",
            "members",
            "items",
        ]

    def get_items(self, obj) -> list[dict]:
        items = obj.items.select_related("session")
        return SessionItemSerializer(items, many=True, context=self.context).data

    def get_members(self, obj) -> list[dict]:
        return [{"id": m.pk, "user": m.user_id, "present": m.present} for m in obj.members.all()]


class BallotSerializer(serializers.ModelSerializer):
    """A receipt: who voted on which item, and when; never the choice."""

    class Meta:
        model = Ballot
        fields = ["id", "item", "member", "written", "cast_at"]


class VoteSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    choice = serializers.ChoiceField(choices=Vote.choices)


class DecisionRecipientSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionRecipient
        fields = [*SUBJECT, "nomination", "code", "multiple", "base_salary_vnd", "amount_vnd"]


class DecisionSerializer(serializers.ModelSerializer):
    recipients = DecisionRecipientSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "number",
            "signed_on",
            "issuing_body",
            "signer_name",
            "signer_title",
            "kind",
            "year",
            "status",
            "total_vnd",
            "warnings",
            "session",
            "recipients",
        ]


class ExemplarSerializer(serializers.ModelSerializer):
    class Meta:
        model = Exemplar
        fields = ["id", "title", "body", "movement", "review", "people", "units", "recorded_on"]


class LessonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lesson
        fields = ["id", "title", "body", "movement", "review", "people", "units", "recorded_on"]


class EmulationSettingSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmulationSetting
        fields = ["id", "key", "value", "effective_from", "source"]
