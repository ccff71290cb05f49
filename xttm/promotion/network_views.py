"""Entry pages of the brand programme, facilities per province and the network's staffing.

None of these models is audited or summarised, so the generic create/update
views save them; who may write is asked of `services` (the API asks the same).
"""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from xttm.accounts.roles import Role, has_role
from xttm.core.views import ObjectCreateView, ObjectListView, ObjectUpdateView

from . import filters, forms, services, tables
from .models import BrandApplicant, BrandCycle, BrandProduct, Facility, NetworkStaffing

NETWORK = reverse_lazy("promotion:network")


class NetworkFormMixin:
    """Brand and facility rows: programme officers and administrators write them."""

    def allowed(self, user, obj=None):
        return services.may_edit_network(user)


class NetworkListView(ObjectListView):
    """A brand or facility list whose "new" button is for those who write the network rows."""

    def can_create(self):
        return services.may_edit_network(self.request.user)


# --- Brand cycles ------------------------------------------------------------------------------


class BrandCycleCreateView(NetworkFormMixin, ObjectCreateView):
    model = BrandCycle
    form_class = forms.BrandCycleForm
    success_url = NETWORK
    extra_context = {"title": _("Thêm kỳ xét chọn Thương hiệu quốc gia")}


class BrandCycleUpdateView(NetworkFormMixin, ObjectUpdateView):
    model = BrandCycle
    form_class = forms.BrandCycleForm
    success_url = NETWORK
    extra_context = {"title": _("Sửa kỳ xét chọn Thương hiệu quốc gia")}


# --- Brand applicants --------------------------------------------------------------------------


class BrandApplicantListView(NetworkListView):
    model = BrandApplicant
    filterset_class = filters.BrandApplicantFilterSet
    table_class = tables.BrandApplicantTable
    title = _("Doanh nghiệp dự xét Thương hiệu quốc gia")
    create_url_name = "promotion:brandapplicant-create"

    def get_queryset(self):
        return super().get_queryset().select_related("cycle", "enterprise")


class BrandApplicantCreateView(NetworkFormMixin, ObjectCreateView):
    model = BrandApplicant
    form_class = forms.BrandApplicantForm
    success_url = reverse_lazy("promotion:brandapplicant-list")
    extra_context = {"title": _("Thêm doanh nghiệp dự xét")}

    def get_initial(self):
        return {"cycle": self.request.GET.get("cycle")}


class BrandApplicantUpdateView(NetworkFormMixin, ObjectUpdateView):
    model = BrandApplicant
    form_class = forms.BrandApplicantForm
    success_url = reverse_lazy("promotion:brandapplicant-list")
    extra_context = {"title": _("Chấm điểm, kết quả doanh nghiệp dự xét")}


# --- Brand products ----------------------------------------------------------------------------


class BrandProductListView(NetworkListView):
    model = BrandProduct
    filterset_class = filters.BrandProductFilterSet
    table_class = tables.BrandProductTable
    title = _("Sản phẩm Thương hiệu quốc gia")
    create_url_name = "promotion:brandproduct-create"

    def get_queryset(self):
        return super().get_queryset().select_related("applicant__cycle", "applicant__enterprise")


class BrandProductCreateView(NetworkFormMixin, ObjectCreateView):
    model = BrandProduct
    form_class = forms.BrandProductForm
    success_url = reverse_lazy("promotion:brandproduct-list")
    extra_context = {"title": _("Thêm sản phẩm Thương hiệu quốc gia")}


class BrandProductUpdateView(NetworkFormMixin, ObjectUpdateView):
    model = BrandProduct
    form_class = forms.BrandProductForm
    success_url = reverse_lazy("promotion:brandproduct-list")
    extra_context = {"title": _("Sửa sản phẩm Thương hiệu quốc gia")}


# --- Facilities --------------------------------------------------------------------------------


class FacilityListView(NetworkListView):
    model = Facility
    filterset_class = filters.FacilityFilterSet
    table_class = tables.FacilityTable
    title = _("Cơ sở hạ tầng XTTM")
    create_url_name = "promotion:facility-create"

    def get_queryset(self):
        return super().get_queryset().select_related("province")


class FacilityCreateView(NetworkFormMixin, ObjectCreateView):
    model = Facility
    form_class = forms.FacilityForm
    success_url = reverse_lazy("promotion:facility-list")
    extra_context = {"title": _("Thêm cơ sở hạ tầng XTTM")}


class FacilityUpdateView(NetworkFormMixin, ObjectUpdateView):
    model = Facility
    form_class = forms.FacilityForm
    success_url = reverse_lazy("promotion:facility-list")
    extra_context = {"title": _("Sửa cơ sở hạ tầng XTTM")}


# --- Network staffing --------------------------------------------------------------------------


def _partner_only(user) -> bool:
    return not has_role(user, Role.PROGRAMME_OFFICER, Role.ADMIN)


class NetworkStaffingListView(ObjectListView):
    model = NetworkStaffing
    filterset_class = filters.NetworkStaffingFilterSet
    table_class = tables.NetworkStaffingTable
    title = _("Nhân lực XTTM theo tổ chức và năm")
    create_url_name = "promotion:staffing-create"

    def get_queryset(self):
        return super().get_queryset().select_related("organization")

    def can_create(self):
        return services.may_edit_staffing(self.request.user)


class NetworkStaffingFormMixin:
    model = NetworkStaffing
    form_class = forms.NetworkStaffingForm
    success_url = reverse_lazy("promotion:staffing-list")

    def allowed(self, user, obj=None):
        return services.may_edit_staffing(user, obj.organization_id if obj else None)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        user = self.request.user
        kwargs["own_organization_only"] = _partner_only(user)
        if kwargs["own_organization_only"] and kwargs.get("instance") is None:
            # The disabled field takes its value from the instance, never from the POST.
            kwargs["instance"] = NetworkStaffing(organization_id=user.organization_id)
        return kwargs


class NetworkStaffingCreateView(NetworkStaffingFormMixin, ObjectCreateView):
    extra_context = {"title": _("Thêm số liệu nhân lực XTTM")}


class NetworkStaffingUpdateView(NetworkStaffingFormMixin, ObjectUpdateView):
    extra_context = {"title": _("Sửa số liệu nhân lực XTTM")}
