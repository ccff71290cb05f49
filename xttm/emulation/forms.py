"""Forms of the emulation pages (the verbs they lead to live in services.py)."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from xttm.accounts.roles import Role
from xttm.core.uploads import check_upload

from .choices import HonourCode, NominationStatus, Vote
from .models import (
    Commendation,
    Criterion,
    Discipline,
    EmulationSetting,
    Exemplar,
    Initiative,
    InitiativeAuthor,
    Leave,
    Lesson,
    Movement,
    Registration,
    Review,
    ReviewHold,
    Round,
)

# Titles a collective registers for (emulation.md, "Collectives").
COLLECTIVE_TITLES = ("TTLDTT", "TTLDXS", "CO_TD_BO", "CO_TD_CP")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MovementForm(forms.ModelForm):
    class Meta:
        model = Movement
        fields = [
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
        widgets = {
            "launched_on": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
            "bodies": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["year", "movement", "aimed_code", "commitments"]


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}))


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ["name", "year", "movement", "opened_on"]
        widgets = {"opened_on": DATE}


class SessionForm(forms.Form):
    name = forms.CharField(label=_("Tên phiên họp"), max_length=255)
    held_on = forms.DateField(label=_("Ngày họp"), widget=DATE)
    members = forms.ModelMultipleChoiceField(
        label=_("Thành viên Hội đồng"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    nominations = forms.ModelMultipleChoiceField(
        label=_("Đề nghị đưa ra biểu quyết"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (
            get_user_model().objects.filter(groups__name=Role.COUNCIL_MEMBER).order_by("username")
        )
        self.fields["nominations"].queryset = round.nominations.filter(
            status=NominationStatus.PROPOSED
        ).select_related("person", "unit")
        self.fields["nominations"].initial = list(self.fields["nominations"].queryset)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Biểu quyết"), choices=Vote.choices, widget=forms.RadioSelect
    )


class WrittenVoteForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Thành viên vắng mặt"), queryset=None)
    choice = forms.ChoiceField(label=_("Phiếu"), choices=Vote.choices)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = session.members.filter(present=False).select_related(
            "user"
        )


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=60)
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120)
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), max_length=120, initial="CỤC TRƯỞNG"
    )


class AdhocNominationForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=None)
    code = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[(c, HonourCode(c).label) for c in ("GIAY_KHEN", "BK_BO", "BK_TTG")],
    )
    achieved_on = forms.DateField(label=_("Ngày lập thành tích"), widget=DATE)
    achievement = forms.CharField(label=_("Thành tích"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        from xttm.directory.models import Person

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(is_active=True)


class EmulationSettingForm(forms.ModelForm):
    class Meta:
        model = EmulationSetting
        fields = ["key", "value", "effective_from", "source"]
        widgets = {"effective_from": DATE}


class AssessmentForm(forms.Form):
    """One field per hand-scored criterion; computed criteria are filled from the promotion data."""

    period = forms.CharField(
        label=_("Kỳ đánh giá"), max_length=20, help_text=_("Ví dụ: 2025-Q2 hoặc 2025.")
    )

    def __init__(self, *args, movement, subjects, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"] = forms.ChoiceField(label=_("Cá nhân / tập thể"), choices=subjects)
        self.fields["kind"] = forms.ChoiceField(label=_("Loại"), choices=kinds)
        self.criteria = list(movement.criteria.all())
        for criterion in self.criteria:
            if criterion.computed:
                continue
            self.fields[f"c{criterion.pk}"] = forms.DecimalField(
                label=_("{name} (tối đa {max})").format(
                    name=criterion.name, max=criterion.max_score
                ),
                min_value=0,
                max_value=criterion.max_score,
                decimal_places=2,
            )


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["kind", "held_on", "summary"]
        widgets = {"held_on": DATE}


class ExemplarForm(forms.ModelForm):
    class Meta:
        model = Exemplar
        fields = [
            "title",
            "body",
            "movement",
            "review",
            "people",
            "units",
            "recorded_on",
            "is_published",
        ]
        widgets = {"recorded_on": DATE}


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = [
            "title",
            "body",
            "movement",
            "review",
            "people",
            "units",
            "recorded_on",
            "is_published",
        ]
        widgets = {"recorded_on": DATE}


# --- Entry of the records the engine reads -----------------------------------------------


def _people():
    from xttm.directory.models import Person

    return Person.objects.select_related("unit").order_by("sort_name", "code")


def _dates_in_order(form, data):
    if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        form.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = [
            "title",
            "kind",
            "unit",
            "scope",
            "year",
            "recognised_on",
            "certificate_number",
            "certificate",
            "field",
            "effect_vnd",
            "description",
        ]
        widgets = {"recognised_on": DATE}

    def clean_certificate(self):
        certificate = self.cleaned_data.get("certificate")
        # Only a newly uploaded file is checked; the stored one passed when it came in.
        if certificate and hasattr(certificate, "content_type"):
            check_upload(certificate)
        return certificate


class LabelledRowsFormSet(forms.BaseInlineFormSet):
    """Rows of a table have no <label>: each input carries its column's name for screen readers."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if not field.widget.is_hidden and field.label:
                field.widget.attrs.setdefault("aria-label", str(field.label))


class AuthorSharesFormSet(LabelledRowsFormSet):
    """The authors of one initiative: each person once, shares totalling exactly 100%."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        total, people = Decimal(0), set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("person"):
                continue
            if data["person"].pk in people:
                raise forms.ValidationError(
                    _("“{person}” được nhập hai lần.").format(person=data["person"])
                )
            people.add(data["person"].pk)
            total += data.get("share") or 0
        if not people:
            raise forms.ValidationError(_("Sáng kiến cần ít nhất một tác giả."))
        if total != 100:
            raise forms.ValidationError(
                _("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là {total}%).").format(
                    total=f"{total.normalize():f}"
                )
            )


AuthorFormSet = forms.inlineformset_factory(
    Initiative,
    InitiativeAuthor,
    formset=AuthorSharesFormSet,
    fields=["person", "share"],
    extra=2,
    can_delete=True,
)


class DisciplineForm(forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["person", "level", "starts_on", "ends_on", "reference"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people()

    def clean(self):
        data = super().clean()
        _dates_in_order(self, data)
        return data


class ReviewHoldForm(DisciplineForm):
    class Meta:
        model = ReviewHold
        fields = ["person", "kind", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class LeaveForm(DisciplineForm):
    class Meta:
        model = Leave
        fields = ["person", "kind", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class LiftHoldForm(forms.Form):
    ends_on = forms.DateField(label=_("Kết thúc từ ngày"), widget=DATE)


class HistoricalCommendationForm(forms.ModelForm):
    """A title or award from before the system: recorded with the number of its paper decision."""

    class Meta:
        model = Commendation
        fields = ["person", "unit", "code", "year", "kind", "decision_reference", "uses"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people()
        self.fields["decision_reference"].required = True
        self.fields["decision_reference"].help_text = _("Ví dụ: 1234/QĐ-BCT ngày 20/01/2020.")
        free = Initiative.objects.filter(used_by__isnull=True)
        if self.instance.pk:
            free = free | self.instance.uses.all()
        self.fields["uses"].queryset = free.distinct().order_by("-year", "title")
        self.fields["uses"].required = False

    def clean(self):
        data = super().clean()
        person, unit = data.get("person"), data.get("unit")
        if bool(person) == bool(unit):
            raise forms.ValidationError(_("Chọn đúng một: cá nhân hoặc tập thể."))
        same = Commendation.objects.filter(
            code=data.get("code"), year=data.get("year"), kind=data.get("kind")
        ).filter(**({"person": person} if person else {"unit": unit}))
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(_("Đã có danh hiệu, hình thức này cho năm này."))
        for initiative in data.get("uses") or []:
            if person and not initiative.authors.filter(person=person).exists():
                self.add_error(
                    "uses",
                    _("“{person}” không phải tác giả của sáng kiến “{initiative}”.").format(
                        person=person, initiative=initiative
                    ),
                )
            elif unit and initiative.unit_id != unit.pk:
                self.add_error(
                    "uses",
                    _("Sáng kiến “{initiative}” không thuộc đơn vị “{unit}”.").format(
                        initiative=initiative, unit=unit
                    ),
                )
        return data


class CriterionSharesFormSet(LabelledRowsFormSet):
    """A movement's criteria: weights total 100; a criterion already scored is not deleted."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        total, codes = Decimal(0), set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data:
                continue
            if data.get("DELETE"):
                if form.instance.pk and form.instance.scores.exists():
                    raise forms.ValidationError(
                        _("Tiêu chí “{name}” đã có điểm, không xóa được.").format(
                            name=form.instance.name
                        )
                    )
                continue
            if data.get("code") in codes:
                raise forms.ValidationError(
                    _("Mã tiêu chí “{code}” bị trùng.").format(code=data["code"])
                )
            codes.add(data.get("code"))
            total += data.get("weight") or 0
        if not codes:
            raise forms.ValidationError(_("Phong trào cần ít nhất một tiêu chí."))
        if total != 100:
            raise forms.ValidationError(
                _("Tổng trọng số các tiêu chí phải bằng 100 (hiện là {total}).").format(
                    total=f"{total.normalize():f}"
                )
            )


CriterionFormSet = forms.inlineformset_factory(
    Movement,
    Criterion,
    formset=CriterionSharesFormSet,
    fields=["code", "name", "weight", "max_score", "computed"],
    extra=3,
    can_delete=True,
)


class UnitRegistrationForm(forms.ModelForm):
    """A unit's registration of the collective title it aims for."""

    class Meta:
        model = Registration
        fields = ["unit", "year", "movement", "aimed_code", "commitments"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].required = True
        self.fields["aimed_code"].choices = [(c, HonourCode(c).label) for c in COLLECTIVE_TITLES]
