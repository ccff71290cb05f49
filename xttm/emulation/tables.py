"""One django-tables2 table per emulation model: the columns of the list page and its export."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import scope
from .models import (
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


class EditableTable(tables.Table):
    """A table with an "edit" link column, shown only to the secretariat (and not exported)."""

    edit_url_name = ""

    edit = tables.Column(
        accessor="pk", verbose_name="", orderable=False, empty_values=(), exclude_from_export=True
    )

    def __init__(self, *args, request=None, **kwargs):
        if request is None or not scope.edits(request.user):
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "edit")
        super().__init__(*args, request=request, **kwargs)

    def editable(self, record) -> bool:
        return True

    def render_edit(self, record):
        if not self.editable(record):
            return ""
        return format_html(
            '<a href="{}">{}</a>', reverse(self.edit_url_name, args=[record.pk]), _("Sửa")
        )


class CommendationTable(EditableTable):
    subject = SubjectColumn()
    edit_url_name = "emulation:commendation-edit"

    class Meta:
        model = Commendation
        fields = ("year", "subject", "code", "kind", "decision", "decision_reference")

    def editable(self, record):
        return record.decision_id is None


class InitiativeTable(EditableTable):
    authors = tables.Column(
        accessor="pk", verbose_name=_("Tác giả (tỷ lệ)"), orderable=False, empty_values=()
    )
    edit_url_name = "emulation:initiative-edit"

    class Meta:
        model = Initiative
        fields = (
            "title",
            "kind",
            "unit",
            "scope",
            "year",
            "recognised_on",
            "certificate_number",
            "authors",
        )

    def render_authors(self, record):
        return "; ".join(str(a) for a in record.authors.all())

    def value_authors(self, record):
        return self.render_authors(record)


class DisciplineTable(EditableTable):
    edit_url_name = "emulation:discipline-edit"

    class Meta:
        model = Discipline
        fields = ("person", "person__unit", "level", "starts_on", "ends_on", "reference")


class ReviewHoldTable(EditableTable):
    edit_url_name = "emulation:hold-edit"
    lift = tables.Column(
        accessor="pk", verbose_name="", orderable=False, empty_values=(), exclude_from_export=True
    )

    class Meta:
        model = ReviewHold
        fields = ("person", "person__unit", "kind", "starts_on", "ends_on")

    def __init__(self, *args, request=None, **kwargs):
        if request is None or not scope.edits(request.user):
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "lift")
        super().__init__(*args, request=request, **kwargs)

    def render_lift(self, record):
        if record.ends_on is not None:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("emulation:hold-lift", args=[record.pk]),
            _("Chấm dứt"),
        )


class LeaveTable(EditableTable):
    edit_url_name = "emulation:leave-edit"

    class Meta:
        model = Leave
        fields = ("person", "person__unit", "kind", "starts_on", "ends_on")


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
