"""Entry pages of the records the engine reads: initiatives, discipline, holds, leave, old awards.

Also the criteria of a movement and the registrations of units. Only the
secretariat (and administrators) write; every list is scoped by `for_user`.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from xttm.core.views import (
    ObjectCreateView,
    ObjectListView,
    ObjectUpdateView,
    get_scoped_or_404,
)
from xttm.directory.models import Unit

from . import filters, forms, scope, services, tables
from .choices import RegistrationStatus
from .models import (
    Commendation,
    Discipline,
    Initiative,
    Leave,
    Movement,
    Registration,
    ReviewHold,
)
from .services import ServiceError


def _secretariat(user, obj=None) -> bool:
    return scope.edits(user)


class EditorListView(ObjectListView):
    """A list whose "new" button and edit column are the secretariat's."""

    def can_create(self):
        return scope.edits(self.request.user)


class SecretariatWrites:
    """A create or edit page that only the emulation secretariat (and administrators) may use."""

    def allowed(self, user, obj=None):
        return scope.edits(user)


class EditorFormMixin(SecretariatWrites):
    """Create/edit of a record: the secretariat writes; back to the list when saved."""

    list_url_name = ""

    def get_success_url(self):
        return reverse(self.list_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.page_title())
        return context

    def page_title(self):
        meta = self.model._meta
        if getattr(self, "object", None) is not None and self.object.pk:
            return _("Sửa {name}: {object}").format(name=meta.verbose_name, object=self.object)
        return _("Thêm {name}").format(name=meta.verbose_name)


# --- Initiatives with their authors -----------------------------------------------------


class InitiativeListView(EditorListView):
    model = Initiative
    filterset_class = filters.InitiativeFilterSet
    table_class = tables.InitiativeTable
    title = gettext_lazy("Sáng kiến")
    create_url_name = "emulation:initiative-create"

    def get_queryset(self):
        return super().get_queryset().select_related("unit").prefetch_related("authors__person")


class InitiativeFormMixin(EditorFormMixin):
    """The initiative and its authors are saved together, or not at all."""

    model = Initiative
    form_class = forms.InitiativeForm
    template_name = "emulation/formset_form.html"
    list_url_name = "emulation:initiative-list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.formset())
        context["formset_title"] = _("Tác giả và tỷ lệ đóng góp (tổng 100%)")
        return context

    def formset(self, data=None):
        return forms.AuthorFormSet(data, instance=self.object or Initiative(), prefix="authors")

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if "pk" in self.kwargs else None
        form = self.get_form()
        formset = self.formset(request.POST)
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                self.object = form.save()
                formset.instance = self.object
                formset.save()
            messages.success(request, _("Đã lưu sáng kiến."))
            return redirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class InitiativeCreateView(InitiativeFormMixin, ObjectCreateView):
    pass


class InitiativeUpdateView(InitiativeFormMixin, ObjectUpdateView):
    pass


# --- Discipline, review holds, leave -------------------------------------------------------


class DisciplineListView(EditorListView):
    model = Discipline
    filterset_class = filters.DisciplineFilterSet
    table_class = tables.DisciplineTable
    title = gettext_lazy("Kỷ luật")
    create_url_name = "emulation:discipline-create"

    def get_queryset(self):
        return super().get_queryset().select_related("person__unit")


class DisciplineCreateView(EditorFormMixin, ObjectCreateView):
    model = Discipline
    form_class = forms.DisciplineForm
    list_url_name = "emulation:discipline-list"


class DisciplineUpdateView(EditorFormMixin, ObjectUpdateView):
    model = Discipline
    form_class = forms.DisciplineForm
    list_url_name = "emulation:discipline-list"


class ReviewHoldListView(EditorListView):
    model = ReviewHold
    filterset_class = filters.ReviewHoldFilterSet
    table_class = tables.ReviewHoldTable
    title = gettext_lazy("Tạm dừng xét khen thưởng")
    create_url_name = "emulation:hold-create"

    def get_queryset(self):
        return super().get_queryset().select_related("person__unit")


class ReviewHoldCreateView(EditorFormMixin, ObjectCreateView):
    model = ReviewHold
    form_class = forms.ReviewHoldForm
    list_url_name = "emulation:hold-list"


class ReviewHoldUpdateView(EditorFormMixin, ObjectUpdateView):
    model = ReviewHold
    form_class = forms.ReviewHoldForm
    list_url_name = "emulation:hold-list"


class ReviewHoldLiftView(LoginRequiredMixin, FormView):
    """End a hold from a date: the person is considered again."""

    form_class = forms.LiftHoldForm
    template_name = "core/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.hold = get_scoped_or_404(ReviewHold, request.user, pk=kwargs["pk"])
            if not scope.edits(request.user):
                raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"ends_on": datetime.date.today()}

    def get_context_data(self, **kwargs):
        title = _("Chấm dứt tạm dừng xét: {hold}").format(hold=self.hold)
        return super().get_context_data(title=title, **kwargs)

    def form_valid(self, form):
        try:
            services.lift_hold(
                self.hold, ends_on=form.cleaned_data["ends_on"], actor=self.request.user
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Đã chấm dứt tạm dừng xét."))
        return redirect("emulation:hold-list")


class LeaveListView(EditorListView):
    model = Leave
    filterset_class = filters.LeaveFilterSet
    table_class = tables.LeaveTable
    title = gettext_lazy("Thời gian nghỉ")
    create_url_name = "emulation:leave-create"

    def get_queryset(self):
        return super().get_queryset().select_related("person__unit")


class LeaveCreateView(EditorFormMixin, ObjectCreateView):
    model = Leave
    form_class = forms.LeaveForm
    list_url_name = "emulation:leave-list"


class LeaveUpdateView(EditorFormMixin, ObjectUpdateView):
    model = Leave
    form_class = forms.LeaveForm
    list_url_name = "emulation:leave-list"


# --- Titles and awards from before the system ---------------------------------------------


class CommendationListView(EditorListView):
    model = Commendation
    filterset_class = filters.CommendationFilterSet
    table_class = tables.CommendationTable
    title = gettext_lazy("Danh hiệu, khen thưởng")
    create_url_name = "emulation:commendation-create"

    def get_queryset(self):
        return super().get_queryset().select_related("person", "unit", "decision")


class CommendationFormMixin(EditorFormMixin):
    model = Commendation
    form_class = forms.HistoricalCommendationForm
    list_url_name = "emulation:commendation-list"

    def allowed(self, user, obj=None):
        # What an issued decision wrote changes only through the decision.
        return scope.edits(user) and (obj is None or obj.decision_id is None)

    def page_title(self):
        if getattr(self, "object", None) is not None and self.object.pk:
            return _("Sửa khen thưởng trước khi có hệ thống: {object}").format(object=self.object)
        return _("Nhập khen thưởng trước khi có hệ thống")


class CommendationCreateView(CommendationFormMixin, ObjectCreateView):
    pass


class CommendationUpdateView(CommendationFormMixin, ObjectUpdateView):
    pass


# --- Criteria of a movement ----------------------------------------------------------------


class CriteriaView(LoginRequiredMixin, View):
    """All criteria of one movement on one page: weights must total 100."""

    template_name = "emulation/formset_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.movement = get_scoped_or_404(Movement, request.user, pk=kwargs["pk"])
            if not scope.edits(request.user):
                raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        return super().dispatch(request, *args, **kwargs)

    def render(self, formset):
        return render(
            self.request,
            self.template_name,
            {
                "title": _("Tiêu chí chấm điểm: {movement}").format(movement=self.movement),
                "formset": formset,
                "formset_title": _("Tiêu chí (tổng trọng số 100)"),
                "object": self.movement,
            },
        )

    def get(self, request, pk):
        return self.render(forms.CriterionFormSet(instance=self.movement, prefix="criteria"))

    def post(self, request, pk):
        formset = forms.CriterionFormSet(request.POST, instance=self.movement, prefix="criteria")
        if not formset.is_valid():
            return self.render(formset)
        with transaction.atomic():
            formset.save()
        messages.success(request, _("Đã lưu tiêu chí chấm điểm."))
        return redirect(self.movement)


# --- Unit registrations and the secretariat's consolidation ---------------------------------


def registering_units(user):
    """Units the user may register: those they head; the secretariat any active unit."""
    if scope.edits(user):
        return Unit.objects.filter(is_active=True).order_by("name")
    return Unit.objects.filter(head__user=user, is_active=True).order_by("name")


class UnitRegistrationCreateView(LoginRequiredMixin, FormView):
    form_class = forms.UnitRegistrationForm
    template_name = "core/object_form.html"
    extra_context = {"title": gettext_lazy("Đăng ký thi đua của tập thể")}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not registering_units(request.user).exists():
            raise PermissionDenied(_("Chỉ thủ trưởng đơn vị hoặc thường trực thi đua đăng ký."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": registering_units(self.request.user)}

    def get_initial(self):
        return {"year": datetime.date.today().year}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        try:
            registration = services.register(unit, actor=self.request.user, **data)
        except ServiceError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu bản nháp đăng ký."))
        return redirect(registration)


class RegistrationConsolidateView(LoginRequiredMixin, View):
    """The secretariat's view of a year's submitted registrations, by unit; approve the chosen."""

    template_name = "emulation/registration_consolidate.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope.edits(request.user):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        return super().dispatch(request, *args, **kwargs)

    def year(self):
        try:
            return int(self.request.GET.get("year") or self.request.POST.get("year"))
        except (TypeError, ValueError):
            return datetime.date.today().year

    def submitted(self, year):
        return (
            Registration.objects.for_user(self.request.user)
            .filter(year=year, status=RegistrationStatus.SUBMITTED)
            .select_related("person__unit", "unit", "movement")
        )

    def get(self, request):
        year = self.year()
        groups: dict = {}
        for registration in self.submitted(year):
            unit = registration.unit or registration.person.unit
            groups.setdefault(unit, []).append(registration)
        context = {
            "title": _("Tổng hợp đăng ký thi đua năm {year}").format(year=year),
            "year": year,
            "groups": sorted(groups.items(), key=lambda kv: kv[0].name),
        }
        return render(request, self.template_name, context)

    def post(self, request):
        year = self.year()
        chosen = list(self.submitted(year).filter(pk__in=request.POST.getlist("registration")))
        if not chosen:
            messages.error(request, _("Hãy chọn ít nhất một đăng ký."))
        else:
            try:
                count = services.approve_registrations(chosen, actor=request.user)
                messages.success(request, _("Đã duyệt {count} đăng ký.").format(count=count))
            except ServiceError as exc:
                messages.error(request, str(exc))
        return redirect(f"{reverse('emulation:registration-consolidate')}?year={year}")
