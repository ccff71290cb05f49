"""Forms of the emulation pages (the verbs they lead to live in services.py)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from xttm.accounts.roles import Role

from .choices import HonourCode, NominationStatus, Vote
from .models import EmulationSetting, Exemplar, Lesson, Movement, Registration, Review, Round

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
