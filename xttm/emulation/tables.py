"""One django-tables2 table per emulation model: the columns of the list page and its export."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import (
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
)


class SubjectColumn(tables.Column):
    """The person or unit a record is about, linked to their achievement profile."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Cá nhân / tập thể"))
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("orderable", False)
        super().__init__(accessor="pk", **kwargs)

    def render(self, record):
        return str(record.subject)

    def value(self, record):
        return str(record.subject)


class MovementTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Movement
        fields = ("name", "level", "form", "launched_on", "starts_on", "ends_on")


class RegistrationTable(tables.Table):
    subject = SubjectColumn()
    year = tables.Column(linkify=True)

    class Meta:
        model = Registration
        fields = ("year", "subject", "movement", "aimed_code", "status")


class RatingTable(tables.Table):
    subject = SubjectColumn()

    class Meta:
        model = Rating
        fields = ("year", "subject", "code", "note")


class CommendationTable(tables.Table):
    subject = SubjectColumn()

    class Meta:
        model = Commendation
        fields = ("year", "subject", "code", "kind", "decision", "decision_reference")


class InitiativeTable(tables.Table):
    class Meta:
        model = Initiative
        fields = ("title", "kind", "unit", "scope", "year", "recognised_on", "certificate_number")


class RoundTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Round
        fields = ("name", "year", "movement", "status", "opened_on")


class NominationTable(tables.Table):
    subject = SubjectColumn()
    code = tables.Column(linkify=True)

    class Meta:
        model = Nomination
        fields = ("code", "subject", "year", "kind", "verdict", "status", "round")


class SessionTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Session
        fields = ("name", "held_on", "round", "status")


class DecisionTable(tables.Table):
    number = tables.Column(linkify=True)

    class Meta:
        model = Decision
        fields = ("number", "signed_on", "year", "kind", "signer_name", "status", "total_vnd")


class ExemplarTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = Exemplar
        fields = ("title", "movement", "recorded_on")


class LessonTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = Lesson
        fields = ("title", "movement", "recorded_on")


class EmulationSettingTable(tables.Table):
    class Meta:
        model = EmulationSetting
        fields = ("key", "value", "effective_from", "source")
