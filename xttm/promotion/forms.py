"""Forms of the programme: the draft scheme with its cost estimate, moves, activities, deals, rates,
the brand programme, facilities and the network's staffing."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from xttm.directory.choices import ProvinceSystem
from xttm.directory.forms import DateInput
from xttm.directory.models import Enterprise, Organization, Province

from .choices import BRAND_MAX, SchemeStatus
from .models import (
    Activity,
    BrandApplicant,
    BrandCycle,
    BrandProduct,
    ContentRate,
    CostItem,
    Deal,
    ExchangeRate,
    Facility,
    NetworkStaffing,
    ProgrammeYear,
    Scheme,
)

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _dates(form, *names):
    for name in names:
        form.fields[name].widget = DateInput()
        form.fields[name].input_formats = DATE_FORMATS


def _provinces(field):
    field.queryset = Province.objects.order_by("-system", "name")
    field.label_from_instance = lambda p: (
        p.name if p.system == ProvinceSystem.NEW_34 else _("{name} (cũ)").format(name=p.name)
    )


class SchemeForm(forms.ModelForm):
    """A draft scheme; the requested support may be lowered, never raised above the ceiling."""

    class Meta:
        model = Scheme
        fields = [
            "code",
            "year",
            "end_year",
            "content_type",
            "lead",
            "title",
            "objectives",
            "country",
            "city",
            "province",
            "start_date",
            "end_date",
            "planned_booths",
            "planned_enterprises",
            "planned_deals",
            "support_requested",
        ]
        help_texts = {
            "support_requested": _(
                "Để 0 để tính theo mức hỗ trợ hiện hành; chỉ được ghi thấp hơn mức tính được."
            )
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "start_date", "end_date")
        _provinces(self.fields["province"])
        self.fields["lead"].queryset = Organization.objects.leads()
        if (
            user is not None
            and user.has_role("partner_officer")
            and not user.has_role("programme_officer", "administrator")
        ):
            self.fields["lead"].disabled = True
            self.fields["lead"].required = False
            self.initial["lead"] = user.organization_id
        self.fields["support_requested"].required = False

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        country = data.get("country")
        if country and str(country) == "VN" and not data.get("province"):
            self.add_error("province", _("Hoạt động trong nước cần ghi tỉnh, thành phố."))
        if data.get("support_requested") is None:
            data["support_requested"] = 0
        return data


CostItemFormSet = forms.inlineformset_factory(
    Scheme,
    CostItem,
    fields=["name", "amount", "eligible"],
    extra=3,
    can_delete=True,
    min_num=1,
    validate_min=True,
)


class MoveForm(forms.Form):
    """A move of a scheme: reason and the document behind it; some moves ask more."""

    reason = forms.CharField(
        label=_("Lý do, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    document_number = forms.CharField(label=_("Số văn bản"), required=False, max_length=60)
    document_date = forms.DateField(
        label=_("Ngày văn bản"), required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )
    amount = forms.DecimalField(
        label=_("Kinh phí phê duyệt (đồng)"), required=False, decimal_places=0
    )
    score = forms.IntegerField(
        label=_("Điểm thẩm định (0–100)"), required=False, min_value=0, max_value=100
    )
    notes = forms.CharField(
        label=_("Ý kiến thẩm định"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    approve = forms.BooleanField(label=_("Đồng ý điều chỉnh"), required=False, initial=True)
    new_start_date = forms.DateField(
        label=_("Ngày bắt đầu mới"), required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )
    new_end_date = forms.DateField(
        label=_("Ngày kết thúc mới"), required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )
    new_city = forms.CharField(label=_("Thành phố mới"), required=False)
    new_support_approved = forms.DecimalField(
        label=_("Kinh phí mới (đồng)"), required=False, decimal_places=0
    )

    FIELDS_BY_TARGET = {
        SchemeStatus.APPRAISED: ["reason", "score", "notes"],
        SchemeStatus.APPROVED: ["reason", "document_number", "document_date", "amount"],
        SchemeStatus.ADJUSTMENT_REQUESTED: [
            "reason",
            "new_start_date",
            "new_end_date",
            "new_city",
            "new_support_approved",
        ],
    }

    def __init__(self, *args, to_state=None, from_state=None, **kwargs):
        super().__init__(*args, **kwargs)
        keep = self.FIELDS_BY_TARGET.get(to_state, ["reason", "document_number", "document_date"])
        if from_state == SchemeStatus.ADJUSTMENT_REQUESTED and to_state == SchemeStatus.IN_PROGRESS:
            keep = ["approve", "reason", "document_number", "document_date"]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"reason": data.get("reason", "")}
        for name in ("document_number", "document_date"):
            if name in self.fields:
                kwargs[name] = data.get(name) or ("" if name == "document_number" else None)
        if "amount" in self.fields and data.get("amount"):
            kwargs["amount"] = data["amount"]
        if "score" in self.fields and data.get("score") is not None:
            kwargs["score"] = data["score"]
            kwargs["notes"] = data.get("notes", "")
        if "approve" in self.fields:
            kwargs["approve"] = data.get("approve", False)
        if "new_start_date" in self.fields:
            changes = {}
            for name in ("start_date", "end_date", "city", "support_approved"):
                value = data.get(f"new_{name}")
                if value not in (None, ""):
                    changes[name] = value
            kwargs["changes"] = changes
        return kwargs


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "code",
            "kind",
            "name",
            "start_date",
            "end_date",
            "country",
            "city",
            "province",
            "booths",
            "visitors",
            "tags",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "start_date", "end_date")
        _provinces(self.fields["province"])


class ParticipationForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        queryset=Enterprise.objects.all(), label=_("Doanh nghiệp"), widget=forms.Select
    )
    booths = forms.IntegerField(label=_("Số gian hàng"), min_value=0, initial=0)
    support_vnd = forms.DecimalField(
        label=_("Kinh phí được hỗ trợ (đồng)"), min_value=0, initial=0, decimal_places=0
    )


class DealForm(forms.ModelForm):
    class Meta:
        model = Deal
        fields = [
            "code",
            "enterprise",
            "kind",
            "signed_on",
            "value",
            "currency",
            "counterpart_country",
            "product_group",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "signed_on")

    def clean_currency(self):
        return self.cleaned_data["currency"].upper()


class ExchangeRateForm(forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["date", "currency", "rate_to_vnd"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "date")

    def clean_currency(self):
        return self.cleaned_data["currency"].upper()


class ContentRateForm(forms.ModelForm):
    class Meta:
        model = ContentRate
        fields = ["content", "effective_from", "rate", "min_booths", "min_enterprises", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "effective_from")


class ProgrammeYearForm(forms.ModelForm):
    class Meta:
        model = ProgrammeYear
        fields = ["year", "budget_vnd", "proposal_deadline", "report_due_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "proposal_deadline")


class BudgetLineForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"))
    disbursed = forms.DecimalField(label=_("Đã giải ngân (đồng)"), min_value=0, decimal_places=0)
    settled = forms.DecimalField(
        label=_("Đã quyết toán (đồng)"), min_value=0, decimal_places=0, initial=0
    )


class BatchForm(forms.Form):
    year = forms.IntegerField(label=_("Năm kế hoạch"))
    number = forms.IntegerField(label=_("Đợt"), min_value=1)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=DateInput(), input_formats=DATE_FORMATS
    )


# --- Brand programme, facilities, network staffing ------------------------------------------


class BrandCycleForm(forms.ModelForm):
    class Meta:
        model = BrandCycle
        fields = [
            "year",
            "dossier_deadline",
            "decision_number",
            "decision_date",
            "published_enterprises",
            "published_products",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "dossier_deadline", "decision_date")


class BrandApplicantForm(forms.ModelForm):
    """Scores by the three criteria, each capped (300, 180, 520: a total out of 1,000)."""

    class Meta:
        model = BrandApplicant
        fields = [
            "cycle",
            "enterprise",
            "score_quality",
            "score_innovation",
            "score_pioneering",
            "result",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion, cap in BRAND_MAX.items():
            field = self.fields[f"score_{criterion}"]
            field.max_value = cap
            field.widget.attrs["max"] = cap
            field.validators.append(
                MaxValueValidator(cap, message=_("Tối đa {cap} điểm.").format(cap=cap))
            )
        self.fields["result"].help_text = _("Tổng điểm tối đa 1.000.")


class BrandProductForm(forms.ModelForm):
    class Meta:
        model = BrandProduct
        fields = ["applicant", "name", "recognised"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = BrandApplicant.objects.select_related(
            "cycle", "enterprise"
        )
        self.fields["applicant"].label_from_instance = lambda a: f"{a.cycle.year} — {a.enterprise}"


class FacilityForm(forms.ModelForm):
    class Meta:
        model = Facility
        fields = ["province", "kind", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _provinces(self.fields["province"])


class NetworkStaffingForm(forms.ModelForm):
    """A partner officer writes only their own organisation's rows: the field is fixed for them."""

    class Meta:
        model = NetworkStaffing
        fields = ["organization", "year", "headcount", "trained"]

    def __init__(self, *args, own_organization_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.leads()
        if own_organization_only:
            self.fields["organization"].disabled = True
