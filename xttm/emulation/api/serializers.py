"""Serializers of the emulation API (English field names, as in code).

A session item's tally is only serialised once its session is closed, and no
serializer has a member's choice to give: the ballot receipt has none.
"""

from django.db import transaction
from django.forms import ModelMultipleChoiceField, MultipleChoiceField
from django.forms.models import model_to_dict
from rest_framework import serializers

from .. import forms
from ..choices import Vote
from ..models import (
    Ballot,
    Commendation,
    Criterion,
    Decision,
    DecisionRecipient,
    Discipline,
    EmulationSetting,
    Exemplar,
    Initiative,
    InitiativeAuthor,
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

SUBJECT = ["person", "unit"]
MULTIPLE = (ModelMultipleChoiceField, MultipleChoiceField)


def form_errors(errors) -> dict:
    """A Django form's errors as DRF wants them; the form's own words, so page and API agree."""
    return {
        ("non_field_errors" if field == "__all__" else field): [str(e) for e in messages]
        for field, messages in errors.items()
    }


def plain_data(data, fields: dict) -> dict:
    """Request data (JSON or a QueryDict) as a plain dict for a form with these `fields`."""
    if hasattr(data, "getlist"):
        return {
            name: data.getlist(name) if isinstance(field, MULTIPLE) else data.get(name)
            for name, field in fields.items()
            if name in data
        }
    return {name: data[name] for name in fields if name in data}


class FormBackedSerializer(serializers.ModelSerializer):
    """Writes go through the page's form: it validates and saves, so both say the same thing.

    The serializer's fields check types and shape the output; `validate` binds
    the form to the raw request data over the instance's current values
    (partial updates keep what they do not send).
    """

    form_class: type | None = None

    def form_data(self) -> dict:
        names = list(self.form_class.base_fields)
        current = model_to_dict(self.instance, fields=names) if self.instance else {}
        merged = {**current, **plain_data(self.initial_data, self.form_class.base_fields)}
        for name in names:
            value = merged.get(name)
            if isinstance(value, list):
                merged[name] = [getattr(v, "pk", v) for v in value]
            elif value is None:
                merged[name] = ""
            else:
                merged[name] = getattr(value, "pk", value)
        return merged

    def validate(self, attrs):
        self.form = self.form_class(data=self.form_data(), instance=self.instance)
        if not self.form.is_valid():
            raise serializers.ValidationError(form_errors(self.form.errors))
        return attrs

    def create(self, validated_data):
        return self.form.save()

    def update(self, instance, validated_data):
        return self.form.save()


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


class CommendationSerializer(FormBackedSerializer):
    """Written only for titles and awards from before the system (the historical entry form)."""

    form_class = forms.HistoricalCommendationForm

    class Meta:
        model = Commendation
        fields = ["id", *SUBJECT, "code", "year", "kind", "decision", "decision_reference", "uses"]
        read_only_fields = ["decision"]
        # The form owns the "already recorded" message.
        validators = []
        extra_kwargs = {"uses": {"required": False}}


class InitiativeAuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = InitiativeAuthor
        fields = ["person", "share"]


class InitiativeSerializer(FormBackedSerializer):
    """An initiative with its authors, saved together or not at all; shares total 100%."""

    form_class = forms.InitiativeForm
    authors = InitiativeAuthorSerializer(many=True)

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
            "field",
            "effect_vnd",
            "description",
            "authors",
            "used_by",
        ]
        read_only_fields = ["used_by"]

    def author_formset(self):
        rows = self.initial_data.get("authors") or []
        data = {
            "authors-TOTAL_FORMS": str(len(rows)),
            "authors-INITIAL_FORMS": "0",
            "authors-MIN_NUM_FORMS": "0",
            "authors-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            row = row if isinstance(row, dict) else {}
            for name in ("person", "share"):
                value = row.get(name)
                data[f"authors-{index}-{name}"] = "" if value is None else value
        # An unsaved initiative: the authors sent replace the authors recorded.
        return forms.AuthorFormSet(data, instance=Initiative(), prefix="authors")

    def validate(self, attrs):
        errors = {}
        try:
            attrs = super().validate(attrs)
        except serializers.ValidationError as exc:
            errors.update(exc.detail)
        self.formset = None
        if "authors" in self.initial_data or self.instance is None:
            self.formset = self.author_formset()
            if not self.formset.is_valid():
                rows = [form_errors(e) for e in self.formset.errors if e]
                errors["authors"] = [str(e) for e in self.formset.non_form_errors()] + rows
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    @transaction.atomic
    def save_with_authors(self):
        initiative = self.form.save()
        if self.formset is not None:
            initiative.authors.all().delete()
            self.formset.instance = initiative
            self.formset.save()
        return initiative

    def create(self, validated_data):
        return self.save_with_authors()

    def update(self, instance, validated_data):
        return self.save_with_authors()


class DisciplineSerializer(FormBackedSerializer):
    form_class = forms.DisciplineForm

    class Meta:
        model = Discipline
        fields = ["id", "person", "level", "starts_on", "ends_on", "reference"]


class ReviewHoldSerializer(FormBackedSerializer):
    form_class = forms.ReviewHoldForm

    class Meta:
        model = ReviewHold
        fields = ["id", "person", "kind", "starts_on", "ends_on"]


class LiftHoldSerializer(serializers.Serializer):
    ends_on = serializers.DateField()


class LeaveSerializer(FormBackedSerializer):
    form_class = forms.LeaveForm

    class Meta:
        model = Leave
        fields = ["id", "person", "kind", "starts_on", "ends_on"]


class CriterionSerializer(serializers.ModelSerializer):
    """A criterion of a movement; send `id` to keep (and change) one, leave it out to add one."""

    id = serializers.IntegerField(required=False)

    class Meta:
        model = Criterion
        fields = ["id", "code", "name", "weight", "max_score", "computed"]
        validators = []


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
