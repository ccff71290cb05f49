"""One FilterSet per emulation model: the list page, its xlsx export and the API share them."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xttm.core.filters import SearchFilterSet
from xttm.directory.models import Unit

from .choices import (
    DecisionStatus,
    HonourCode,
    Level,
    MovementForm,
    NominationStatus,
    RatingCode,
    RegistrationStatus,
    Scope,
    SessionStatus,
)
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


class SubjectSearchMixin:
    """`q` on records about a person or unit searches the subject's folded name."""

    def filter_search(self, queryset, name, value):
        from xttm.core.text import fold

        for word in fold(value).split():
            queryset = queryset.filter(
                Q(person__search_text__contains=word) | Q(unit__search_text__contains=word)
            )
        return queryset


class MovementFilterSet(SearchFilterSet):
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Cấp"))
    form = django_filters.ChoiceFilter(choices=MovementForm.choices, label=_("Hình thức"))

    class Meta:
        model = Movement
        fields = ["level", "form"]


class RegistrationFilterSet(SubjectSearchMixin, SearchFilterSet):
    status = django_filters.ChoiceFilter(choices=RegistrationStatus.choices, label=_("Trạng thái"))
    aimed_code = django_filters.ChoiceFilter(choices=HonourCode.choices, label=_("Danh hiệu"))

    class Meta:
        model = Registration
        fields = ["year", "status", "aimed_code", "movement"]


class RatingFilterSet(SubjectSearchMixin, SearchFilterSet):
    code = django_filters.ChoiceFilter(choices=RatingCode.choices, label=_("Xếp loại"))
    person__unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("Đơn vị"))

    class Meta:
        model = Rating
        fields = ["year", "code", "person__unit"]


class CommendationFilterSet(SubjectSearchMixin, SearchFilterSet):
    code = django_filters.ChoiceFilter(choices=HonourCode.choices, label=_("Danh hiệu, hình thức"))

    class Meta:
        model = Commendation
        fields = ["year", "code", "kind"]


class InitiativeFilterSet(SearchFilterSet):
    scope = django_filters.ChoiceFilter(choices=Scope.choices, label=_("Phạm vi"))

    class Meta:
        model = Initiative
        fields = ["year", "scope", "kind", "unit"]


class RoundFilterSet(django_filters.FilterSet):
    class Meta:
        model = Round
        fields = ["year", "status"]


class NominationFilterSet(SubjectSearchMixin, SearchFilterSet):
    status = django_filters.ChoiceFilter(choices=NominationStatus.choices, label=_("Trạng thái"))

    class Meta:
        model = Nomination
        fields = ["round", "year", "code", "kind", "status"]


class SessionFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=SessionStatus.choices, label=_("Trạng thái"))

    class Meta:
        model = Session
        fields = ["status", "round"]


class DecisionFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=DecisionStatus.choices, label=_("Trạng thái"))

    class Meta:
        model = Decision
        fields = ["year", "status", "kind"]


class ExemplarFilterSet(SearchFilterSet):
    class Meta:
        model = Exemplar
        fields = ["movement"]


class LessonFilterSet(SearchFilterSet):
    class Meta:
        model = Lesson
        fields = ["movement"]


class EmulationSettingFilterSet(django_filters.FilterSet):
    key = django_filters.CharFilter(lookup_expr="startswith", label=_("Khóa"))

    class Meta:
        model = EmulationSetting
        fields = ["key"]


class PersonRecordFilterSet(django_filters.FilterSet):
    """`q` on a person's record (discipline, hold, leave) searches the person's folded name."""

    q = django_filters.CharFilter(method="filter_search", label=_("Tìm kiếm"))
    person__unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("Đơn vị"))

    def filter_search(self, queryset, name, value):
        from xttm.core.text import fold

        for word in fold(value).split():
            queryset = queryset.filter(person__search_text__contains=word)
        return queryset


class DisciplineFilterSet(PersonRecordFilterSet):
    class Meta:
        model = Discipline
        fields = ["level", "person__unit"]


class ReviewHoldFilterSet(PersonRecordFilterSet):
    open = django_filters.BooleanFilter(
        field_name="ends_on", lookup_expr="isnull", label=_("Chưa kết thúc")
    )

    class Meta:
        model = ReviewHold
        fields = ["kind", "open", "person__unit"]


class LeaveFilterSet(PersonRecordFilterSet):
    class Meta:
        model = Leave
        fields = ["kind", "person__unit"]
