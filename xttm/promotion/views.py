"""Pages of the programme: schemes and their moves, activities, participations, deals, rates,
notifications, the summary and the dashboard of a programme year."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from xttm.accounts.roles import Role, has_role
from xttm.core.views import ObjectDetailView, ObjectListView, get_scoped_or_404
from xttm.directory.choices import ProvinceSystem
from xttm.directory.models import Organization, Province

from . import filters, forms, services, tables, totals
from .choices import TRANSITIONS, FacilityKind, SchemeStatus
from .models import (
    Activity,
    ApprovalBatch,
    Attachment,
    BrandCycle,
    ContentRate,
    Deal,
    ExchangeRate,
    Facility,
    NetworkStaffing,
    Notification,
    Participation,
    ProgrammeYear,
    ResultSummary,
    Scheme,
)

PROGRAMME_EDITORS = (Role.ADMIN, Role.PROGRAMME_OFFICER)
RESULT_RECORDERS = (Role.ADMIN, Role.PROGRAMME_OFFICER, Role.PARTNER_OFFICER)


# --- Schemes -----------------------------------------------------------------------------------


class SchemeListView(ObjectListView):
    model = Scheme
    filterset_class = filters.SchemeFilterSet
    table_class = tables.SchemeTable
    title = gettext_lazy("Đề án")
    create_url_name = "promotion:scheme-create"

    def get_queryset(self):
        return super().get_queryset().select_related("lead", "content_type", "province")

    def can_create(self):
        return services.may_edit_draft(self.request.user)


class SchemeDetailView(ObjectDetailView):
    model = Scheme
    template_name = "promotion/scheme_detail.html"

    def can_edit(self, obj):
        return services.may_edit_draft(self.request.user, obj)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scheme = self.object
        user = self.request.user
        context.update(
            moves=[
                {
                    "to": to_state,
                    "rule": rule,
                    "form": forms.MoveForm(
                        to_state=to_state, from_state=scheme.status, prefix=to_state
                    ),
                }
                for to_state, rule in services.available_transitions(scheme, user)
            ],
            events=scheme.events.select_related("actor"),
            appraisals=scheme.appraisals.select_related("appraiser"),
            warnings=services.appraisal_warnings(scheme)
            if scheme.status in (SchemeStatus.SUBMITTED, SchemeStatus.APPRAISED)
            else [],
            ceiling=services.support_ceiling(scheme),
            versions=scheme.versions.all(),
            adjustments=scheme.adjustments.all(),
            budget_lines=scheme.budget_lines.all(),
            activities=scheme.activities.annotate(n=Count("participations")),
            cost_items=scheme.cost_items.all(),
            attachments=scheme.attachments.all(),
            can_attach=has_role(user, Role.PROGRAMME_OFFICER, Role.ADMIN)
            or (has_role(user, Role.PARTNER_OFFICER) and user.organization_id == scheme.lead_id),
            can_delete_attachments=services.may_edit_draft(user, scheme),
            can_budget=has_role(user, Role.PROGRAMME_OFFICER, Role.ADMIN)
            and scheme.budget_lines.exists(),
            budget_form=forms.BudgetLineForm(),
            can_record=services.may_record_results(user, scheme),
            can_appraise=scheme.status == SchemeStatus.SUBMITTED
            and has_role(user, Role.PROGRAMME_OFFICER, Role.ADMIN),
        )
        return context


class SchemeFormView(LoginRequiredMixin, View):
    """Draft a scheme (or change a draft) with its cost estimate; saved through `services.save_draft`."""

    template_name = "promotion/scheme_form.html"

    def get_object(self):
        if "pk" in self.kwargs:
            scheme = get_scoped_or_404(Scheme, self.request.user, pk=self.kwargs["pk"])
            if not services.may_edit_draft(self.request.user, scheme):
                raise PermissionDenied(_("Chỉ sửa được đề án dự thảo hoặc cần bổ sung."))
            return scheme
        if not services.may_edit_draft(self.request.user):
            raise PermissionDenied(_("Bạn không có quyền lập đề án."))
        return None

    def render_form(self, form, formset, scheme):
        title = _("Sửa đề án") if scheme else _("Lập đề án")
        return render(
            self.request,
            self.template_name,
            {"form": form, "formset": formset, "object": scheme, "title": title},
        )

    def get(self, request, *args, **kwargs):
        scheme = self.get_object()
        form = forms.SchemeForm(instance=scheme, user=request.user)
        formset = forms.CostItemFormSet(instance=scheme or Scheme(), prefix="costs")
        return self.render_form(form, formset, scheme)

    def post(self, request, *args, **kwargs):
        scheme = self.get_object()
        form = forms.SchemeForm(request.POST, instance=scheme, user=request.user)
        formset = forms.CostItemFormSet(request.POST, instance=scheme or Scheme(), prefix="costs")
        if form.is_valid() and formset.is_valid():
            obj = form.save(commit=False)
            if form.fields["lead"].disabled:
                obj.lead_id = request.user.organization_id
            items = [
                (
                    f.cleaned_data["name"],
                    f.cleaned_data["amount"],
                    f.cleaned_data.get("eligible", False),
                )
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                with transaction.atomic():
                    services.save_draft(obj, actor=request.user, cost_items=items)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except services.Refused as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lưu đề án."))
                return redirect(obj.get_absolute_url())
        return self.render_form(form, formset, scheme)


class SchemeMoveView(LoginRequiredMixin, View):
    """POST a move of a scheme: the same `services.transition` the API calls."""

    def post(self, request, pk, to_state):
        scheme = get_scoped_or_404(Scheme, request.user, pk=pk)
        if (
            to_state not in TRANSITIONS.get(scheme.status, {})
            and to_state not in SchemeStatus.values
        ):
            raise Http404
        form = forms.MoveForm(
            request.POST, to_state=to_state, from_state=scheme.status, prefix=to_state
        )
        if not form.is_valid():
            messages.error(
                request, _("Dữ liệu chưa hợp lệ: {errors}").format(errors=form.errors.as_text())
            )
            return redirect(scheme.get_absolute_url())
        try:
            services.transition(scheme, to_state, actor=request.user, **form.service_kwargs())
        except services.Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Đề án đã chuyển sang “{state}”.").format(state=SchemeStatus(to_state).label),
            )
        return redirect(scheme.get_absolute_url())


class AppraisalView(LoginRequiredMixin, View):
    def post(self, request, pk):
        scheme = get_scoped_or_404(Scheme, request.user, pk=pk)
        try:
            services.add_appraisal(
                scheme,
                actor=request.user,
                score=int(request.POST.get("score") or 0),
                notes=request.POST.get("notes", ""),
            )
        except (services.Refused, ValueError) as exc:
            messages.error(request, getattr(exc, "message", str(exc)))
        else:
            messages.success(request, _("Đã ghi ý kiến thẩm định."))
        return redirect(scheme.get_absolute_url())


class AttachmentAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        scheme = get_scoped_or_404(Scheme, request.user, pk=pk)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Hãy chọn tệp."))
        else:
            try:
                services.add_attachment(
                    scheme, actor=request.user, title=request.POST.get("title", ""), file=upload
                )
            except services.Refused as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã đính kèm tài liệu."))
        return redirect(scheme.get_absolute_url())


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Attachments are served through the scheme's scope, never from a public media URL."""

    def get(self, request, pk):
        attachment = get_scoped_or_404(Attachment, request.user, pk=pk)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.file.name.rsplit("/", 1)[-1],
        )


class AttachmentDeleteView(LoginRequiredMixin, View):
    """Remove an attachment (and its file) while the scheme is a draft or needs supplementing."""

    def post(self, request, pk):
        attachment = get_scoped_or_404(Attachment, request.user, pk=pk)
        scheme = attachment.scheme
        try:
            services.delete_attachment(attachment, actor=request.user)
        except services.Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã xóa tài liệu đính kèm."))
        return redirect(scheme.get_absolute_url())


class BudgetLineView(LoginRequiredMixin, View):
    """Programme officers record what was disbursed and settled for a year of a scheme."""

    def post(self, request, pk):
        scheme = get_scoped_or_404(Scheme, request.user, pk=pk)
        form = forms.BudgetLineForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.set_budget_line(
                    scheme,
                    data["year"],
                    actor=request.user,
                    disbursed=data["disbursed"],
                    settled=data["settled"],
                )
            except services.Refused as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã cập nhật kinh phí."))
        else:
            messages.error(request, form.errors.as_text())
        return redirect(scheme.get_absolute_url())


class BatchCreateView(LoginRequiredMixin, View):
    """An approval round (đợt): pick appraised schemes and amounts; one decision approves them all."""

    template_name = "promotion/batch_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_role(
            request.user, Role.PROGRAMME_OFFICER, Role.LEADERSHIP, Role.ADMIN
        ):
            raise PermissionDenied(_("Bạn không có quyền phê duyệt đề án."))
        return super().dispatch(request, *args, **kwargs)

    def candidates(self, year):
        return Scheme.objects.for_user(self.request.user).filter(
            status=SchemeStatus.APPRAISED, year=year
        )

    def render_page(self, form, year):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "year": year,
                "schemes": self.candidates(year),
                "batches": ApprovalBatch.objects.filter(year=year),
            },
        )

    def get(self, request):
        year = int(request.GET.get("year") or timezone.localdate().year)
        return self.render_page(forms.BatchForm(initial={"year": year}), year)

    def post(self, request):
        form = forms.BatchForm(request.POST)
        year = int(request.POST.get("year") or timezone.localdate().year)
        if form.is_valid():
            items = []
            for scheme in self.candidates(form.cleaned_data["year"]):
                if request.POST.get(f"pick-{scheme.pk}"):
                    amount = request.POST.get(f"amount-{scheme.pk}") or None
                    items.append((scheme, amount))
            if not items:
                form.add_error(None, _("Hãy chọn ít nhất một đề án."))
            else:
                try:
                    batch = services.approve_batch(
                        actor=request.user, items=items, **form.cleaned_data
                    )
                except (services.Refused, ArithmeticError) as exc:
                    form.add_error(None, getattr(exc, "message", str(exc)))
                else:
                    messages.success(
                        request,
                        _("Đã phê duyệt {count} đề án theo {batch}.").format(
                            count=len(items), batch=batch
                        ),
                    )
                    return redirect(f"{reverse('promotion:batch-create')}?year={batch.year}")
        return self.render_page(form, year)


# --- Activities, participations, deals --------------------------------------------------------


class ActivityListView(ObjectListView):
    model = Activity
    filterset_class = filters.ActivityFilterSet
    table_class = tables.ActivityTable
    title = gettext_lazy("Hoạt động")

    def get_queryset(self):
        return super().get_queryset().select_related("scheme", "province")


class ActivityDetailView(ObjectDetailView):
    model = Activity
    template_name = "promotion/activity_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        context["participations"] = activity.participations.select_related("enterprise")[:200]
        context["deals"] = activity.deals.select_related("enterprise")[:200]
        context["totals"] = activity.deals.aggregate(
            vnd=Sum("value_vnd"), usd=Sum("value_usd"), n=Count("pk")
        )
        context["can_record"] = services.may_record_results(self.request.user, activity.scheme)
        context["participation_form"] = forms.ParticipationForm()
        return context


class ActivityCreateView(LoginRequiredMixin, View):
    template_name = "core/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.scheme = get_scoped_or_404(Scheme, request.user, pk=kwargs["pk"])
        if not services.may_record_results(request.user, self.scheme):
            raise PermissionDenied(_("Chỉ ghi nhận hoạt động cho đề án đã phê duyệt."))
        return super().dispatch(request, *args, **kwargs)

    def context(self, form):
        return {
            "form": form,
            "title": _("Thêm hoạt động của đề án {code}").format(code=self.scheme.code),
        }

    def get(self, request, pk):
        s = self.scheme
        initial = {
            "start_date": s.start_date,
            "end_date": s.end_date,
            "country": s.country,
            "city": s.city,
            "province": s.province_id,
            "name": s.title,
            "booths": s.planned_booths,
        }
        return render(
            request, self.template_name, self.context(forms.ActivityForm(initial=initial))
        )

    def post(self, request, pk):
        form = forms.ActivityForm(request.POST)
        if form.is_valid():
            activity = form.save(commit=False)
            activity.scheme = self.scheme
            try:
                services.save_activity(activity, actor=request.user)
            except services.Refused as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã thêm hoạt động."))
                return redirect(activity.get_absolute_url())
        return render(request, self.template_name, self.context(form))


class ParticipationAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        activity = get_scoped_or_404(Activity, request.user, pk=pk)
        form = forms.ParticipationForm(request.POST)
        if form.is_valid():
            try:
                services.record_participation(
                    activity,
                    form.cleaned_data["enterprise"],
                    actor=request.user,
                    booths=form.cleaned_data["booths"],
                    support_vnd=form.cleaned_data["support_vnd"],
                )
            except services.Refused as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã ghi nhận doanh nghiệp tham gia."))
        else:
            messages.error(request, form.errors.as_text())
        return redirect(activity.get_absolute_url())


class DealCreateView(LoginRequiredMixin, View):
    template_name = "core/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.activity = get_scoped_or_404(Activity, request.user, pk=kwargs["pk"])
        if not services.may_record_results(request.user, self.activity.scheme):
            raise PermissionDenied(_("Bạn không có quyền ghi nhận giao dịch cho hoạt động này."))
        return super().dispatch(request, *args, **kwargs)

    def context(self, form):
        return {
            "form": form,
            "title": _("Thêm hợp đồng, giao dịch — {name}").format(name=self.activity.name),
        }

    def get(self, request, pk):
        return render(request, self.template_name, self.context(forms.DealForm()))

    def post(self, request, pk):
        form = forms.DealForm(request.POST)
        if form.is_valid():
            deal = form.save(commit=False)
            deal.activity = self.activity
            try:
                services.save_deal(deal, actor=request.user)
            except services.Refused as exc:
                form.add_error(None, exc.message)
            else:
                if note := services.fallback_note(deal):
                    messages.warning(request, note)
                messages.success(request, _("Đã ghi nhận giao dịch."))
                return redirect(self.activity.get_absolute_url())
        return render(request, self.template_name, self.context(form))


class ParticipationListView(ObjectListView):
    model = Participation
    filterset_class = filters.ParticipationFilterSet
    table_class = tables.ParticipationTable
    title = gettext_lazy("Lượt doanh nghiệp tham gia")
    extra_actions = [
        {
            "url_name": "promotion:participation-import",
            "label": gettext_lazy("Nhập từ Excel"),
            "allowed": lambda request: has_role(request.user, *RESULT_RECORDERS),
        }
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("activity", "enterprise")


class DealListView(ObjectListView):
    model = Deal
    filterset_class = filters.DealFilterSet
    table_class = tables.DealTable
    title = gettext_lazy("Hợp đồng, giao dịch")
    extra_actions = [
        {
            "url_name": "promotion:deal-import",
            "label": gettext_lazy("Nhập từ Excel"),
            "allowed": lambda request: has_role(request.user, *RESULT_RECORDERS),
        }
    ]
    # The table (and its export) shows the activity and the enterprise by name only: their
    # 30 other columns (search text, address…) were read and converted for every row.
    DEAL_FIELDS = tuple(f.name for f in Deal._meta.concrete_fields)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("activity", "enterprise")
            .only(*self.DEAL_FIELDS, "activity__name", "enterprise__name")
        )


# --- Exchange rates ----------------------------------------------------------------------------


class ExchangeRateListView(ObjectListView):
    model = ExchangeRate
    filterset_class = filters.ExchangeRateFilterSet
    table_class = tables.ExchangeRateTable
    title = gettext_lazy("Tỷ giá")
    create_url_name = "promotion:exchangerate-create"

    def can_create(self):
        return has_role(self.request.user, *PROGRAMME_EDITORS)


class SimpleCreateView(LoginRequiredMixin, View):
    """A create form for reference rows that programme officers (or administrators) keep."""

    template_name = "core/object_form.html"
    form_class = None
    roles = PROGRAMME_EDITORS
    title = ""
    success_url = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_role(request.user, *self.roles):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": self.form_class(), "title": self.title})

    def post(self, request):
        form = self.form_class(request.POST)
        if form.is_valid():
            obj = form.save(commit=False)
            obj._history_user = request.user
            obj.save()
            messages.success(request, _("Đã lưu."))
            return redirect(reverse(self.success_url))
        return render(request, self.template_name, {"form": form, "title": self.title})


class ExchangeRateCreateView(SimpleCreateView):
    form_class = forms.ExchangeRateForm
    title = gettext_lazy("Thêm tỷ giá")
    success_url = "promotion:exchangerate-list"


class ContentRateCreateView(SimpleCreateView):
    """Support rates and thresholds are settings with an effective date; administrators add them."""

    form_class = forms.ContentRateForm
    roles = (Role.ADMIN,)
    title = gettext_lazy("Thêm mức hỗ trợ mới")
    success_url = "promotion:settings"


class ProgrammeYearCreateView(SimpleCreateView):
    form_class = forms.ProgrammeYearForm
    roles = (Role.ADMIN,)
    title = gettext_lazy("Thêm năm kế hoạch")
    success_url = "promotion:settings"


class SettingsView(LoginRequiredMixin, TemplateView):
    """Programme years, content types and their rates in force, with the history of each rate."""

    template_name = "promotion/settings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = ProgrammeYear.objects.all()
        context["rates"] = ContentRate.objects.select_related("content").order_by(
            "content__line", "content__code", "-effective_from"
        )
        context["can_edit"] = has_role(self.request.user, Role.ADMIN)
        return context


# --- Notifications -----------------------------------------------------------------------------


class NotificationListView(ObjectListView):
    model = Notification
    filterset_class = filters.NotificationFilterSet
    table_class = tables.NotificationTable
    title = gettext_lazy("Thông báo")


class NotificationOpenView(LoginRequiredMixin, View):
    def get(self, request, pk):
        note = get_scoped_or_404(Notification, request.user, pk=pk)
        services.mark_read(note, actor=request.user)
        return redirect(note.link or reverse("promotion:notification-list"))


# --- Summary, dashboard, network ---------------------------------------------------------------


class SummaryView(LoginRequiredMixin, TemplateView):
    """The programme's figures for any filter, read from the summary table."""

    template_name = "promotion/summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.dict()
        context["form"] = totals.SummaryFilterForm(params or None)
        context["result"] = totals.totals(self.request.user, params)
        return context


class DashboardView(LoginRequiredMixin, TemplateView):
    """A programme year: budget, totals, schemes by state and overdue results reports."""

    template_name = "promotion/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        year = self.kwargs.get("year") or timezone.localdate().year
        context["year"] = year
        context["programme_year"] = ProgrammeYear.objects.filter(year=year).first()
        context["years"] = ProgrammeYear.objects.values_list("year", flat=True)
        context["result"] = totals.totals(user, {"year_from": year, "year_to": year})
        context["by_status"] = (
            Scheme.objects.for_user(user)
            .filter(year=year)
            .values("status")
            .annotate(n=Count("pk"))
            .order_by("status")
        )
        visible = set(Activity.objects.for_user(user).values_list("pk", flat=True))
        context["overdue"] = [a for a in services.overdue_activities() if a.pk in visible][:100]
        context["status_labels"] = dict(SchemeStatus.choices)
        return context


class NetworkView(LoginRequiredMixin, TemplateView):
    """Facilities per province, the white spots (provinces with none), and the network's staff."""

    template_name = "promotion/network.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        provinces = list(Province.objects.filter(system=ProvinceSystem.NEW_34).order_by("name"))
        counts = {}
        for row in Facility.objects.values(
            "province__successor_id", "province_id", "kind"
        ).annotate(n=Count("pk")):
            pid = row["province__successor_id"] or row["province_id"]
            counts.setdefault(pid, {})[row["kind"]] = (
                counts.get(pid, {}).get(row["kind"], 0) + row["n"]
            )
        year = NetworkStaffing.objects.order_by("-year").values_list("year", flat=True).first()
        staffing = {}
        for row in NetworkStaffing.objects.filter(year=year).values(
            "organization__province_id", "headcount", "trained"
        ):
            s = staffing.setdefault(row["organization__province_id"], [0, 0])
            s[0] += row["headcount"]
            s[1] += row["trained"]
        rows = []
        for p in provinces:
            c = counts.get(p.pk, {})
            head, trained = staffing.get(p.pk, [0, 0])
            rows.append(
                {
                    "province": p,
                    "counts": [c.get(k, 0) for k in FacilityKind.values],
                    "white_spot": not c,
                    "headcount": head,
                    "trained": trained,
                    "thin": head < 5 or (head and trained * 2 < head),
                }
            )
        context.update(
            rows=rows,
            kinds=FacilityKind.labels,
            white_spots=[r for r in rows if r["white_spot"]],
            staffing_year=year,
            cycles=BrandCycle.objects.annotate(applicants_n=Count("applicants", distinct=True)),
            can_edit_network=services.may_edit_network(self.request.user),
            can_edit_staffing=services.may_edit_staffing(self.request.user),
        )
        return context


def summary_rows_visible(user):
    return ResultSummary.objects.for_user(user)


__all__ = ["Organization"]
