"""Pages of the directory: lists with search, filters and export; details with history; forms."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from xttm.accounts.roles import Role, has_role
from xttm.core.views import ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView

from . import filters, forms, tables
from .models import Enterprise, Organization, Person, Province, Unit

# Who may change what; each list, form and button asks these.
ENTERPRISE_CREATORS = (Role.ADMIN, Role.PROGRAMME_OFFICER, Role.PARTNER_OFFICER)
ORGANIZATION_EDITORS = (Role.ADMIN, Role.PROGRAMME_OFFICER)
UNIT_EDITORS = (Role.ADMIN,)
PERSON_EDITORS = (Role.ADMIN, Role.EMULATION_SECRETARIAT)


def may_edit_enterprise(user, obj=None) -> bool:
    if obj is None:
        return has_role(user, *ENTERPRISE_CREATORS)
    return Enterprise.objects.editable_by(user).filter(pk=obj.pk).exists()


# --- Enterprises ----------------------------------------------------------------


class EnterpriseListView(ObjectListView):
    model = Enterprise
    filterset_class = filters.EnterpriseFilterSet
    table_class = tables.EnterpriseTable
    title = _("Doanh nghiệp")
    create_url_name = "directory:enterprise-create"
    extra_actions = [
        {
            "url_name": "directory:enterprise-import",
            "label": _("Nhập từ Excel"),
            "allowed": lambda request: has_role(request.user, *ENTERPRISE_CREATORS),
        }
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("province")

    def can_create(self):
        return may_edit_enterprise(self.request.user)


class EnterpriseDetailView(ObjectDetailView):
    model = Enterprise
    template_name = "directory/enterprise_detail.html"

    def can_edit(self, obj):
        return may_edit_enterprise(self.request.user, obj)


class EnterpriseFormMixin:
    model = Enterprise
    form_class = forms.EnterpriseForm

    def allowed(self, user, obj=None):
        return may_edit_enterprise(user, obj)


class EnterpriseCreateView(EnterpriseFormMixin, ObjectCreateView):
    extra_context = {"title": _("Thêm doanh nghiệp")}

    def form_valid(self, form):
        if has_role(self.request.user, Role.PARTNER_OFFICER) and self.request.user.organization_id:
            form.instance.registered_by_id = self.request.user.organization_id
        return super().form_valid(form)


class EnterpriseUpdateView(EnterpriseFormMixin, ObjectUpdateView):
    extra_context = {"title": _("Sửa doanh nghiệp")}


# --- Organisations --------------------------------------------------------------


class OrganizationListView(ObjectListView):
    model = Organization
    filterset_class = filters.OrganizationFilterSet
    table_class = tables.OrganizationTable
    title = _("Tổ chức")
    create_url_name = "directory:organization-create"

    def get_queryset(self):
        return super().get_queryset().select_related("province")

    def can_create(self):
        return has_role(self.request.user, *ORGANIZATION_EDITORS)


class OrganizationDetailView(ObjectDetailView):
    model = Organization
    template_name = "directory/organization_detail.html"

    def can_edit(self, obj):
        return has_role(self.request.user, *ORGANIZATION_EDITORS)


class OrganizationFormMixin:
    model = Organization
    form_class = forms.OrganizationForm

    def allowed(self, user, obj=None):
        return has_role(user, *ORGANIZATION_EDITORS)


class OrganizationCreateView(OrganizationFormMixin, ObjectCreateView):
    extra_context = {"title": _("Thêm tổ chức")}


class OrganizationUpdateView(OrganizationFormMixin, ObjectUpdateView):
    extra_context = {"title": _("Sửa tổ chức")}


# --- Units ----------------------------------------------------------------------


class UnitListView(ObjectListView):
    model = Unit
    filterset_class = filters.UnitFilterSet
    table_class = tables.UnitTable
    title = _("Đơn vị thuộc Cục")
    create_url_name = "directory:unit-create"

    def get_queryset(self):
        return super().get_queryset().select_related("parent", "head", "organization")

    def can_create(self):
        return has_role(self.request.user, *UNIT_EDITORS)


class UnitDetailView(ObjectDetailView):
    model = Unit
    template_name = "directory/unit_detail.html"

    def can_edit(self, obj):
        return has_role(self.request.user, *UNIT_EDITORS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = Person.objects.for_user(self.request.user).filter(unit=self.object)
        return context


class UnitSearchView(LoginRequiredMixin, View):
    """The options of the people filter's unit picker for what was typed in its search box.

    The picker sends the list page's own parameters (`unit`, `unit_search`); the
    answer comes from the same FilterSet, so its rows are the filter's queryset,
    scoped by `Unit.objects.for_user`, written as the page writes them.
    """

    def get(self, request):
        form = filters.PersonFilterSet(request.GET, request=request).form
        options = form.fields["unit"].widget.options_html(
            request.GET.getlist("unit"), request.GET.get("unit_search", "")
        )
        return HttpResponse(options)


class UnitFormMixin:
    model = Unit
    form_class = forms.UnitForm

    def allowed(self, user, obj=None):
        return has_role(user, *UNIT_EDITORS)


class UnitCreateView(UnitFormMixin, ObjectCreateView):
    extra_context = {"title": _("Thêm đơn vị")}


class UnitUpdateView(UnitFormMixin, ObjectUpdateView):
    extra_context = {"title": _("Sửa đơn vị")}


# --- People ---------------------------------------------------------------------


class PersonListView(ObjectListView):
    model = Person
    filterset_class = filters.PersonFilterSet
    table_class = tables.PersonTable
    title = _("Cán bộ")
    create_url_name = "directory:person-create"
    keys_first = True  # person_list_order covers the search and every filter
    extra_actions = [
        {
            "url_name": "directory:person-import",
            "label": _("Nhập từ Excel"),
            "allowed": lambda request: has_role(request.user, *PERSON_EDITORS),
        }
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("unit")

    def can_create(self):
        return has_role(self.request.user, *PERSON_EDITORS)


class PersonDetailView(ObjectDetailView):
    model = Person
    template_name = "directory/person_detail.html"

    def can_edit(self, obj):
        return has_role(self.request.user, *PERSON_EDITORS)


class PersonFormMixin:
    model = Person
    form_class = forms.PersonForm

    def allowed(self, user, obj=None):
        return has_role(user, *PERSON_EDITORS)


class PersonCreateView(PersonFormMixin, ObjectCreateView):
    extra_context = {"title": _("Thêm cán bộ")}


class PersonUpdateView(PersonFormMixin, ObjectUpdateView):
    extra_context = {"title": _("Sửa cán bộ")}


# --- Provinces ------------------------------------------------------------------


class ProvinceListView(ObjectListView):
    model = Province
    filterset_class = filters.ProvinceFilterSet
    title = _("Tỉnh, thành phố")
    paginate_by = 100

    table_class = tables.ProvinceTable

    def get_queryset(self):
        return super().get_queryset().select_related("successor")


def detail_url(obj) -> str:
    return reverse(f"directory:{obj._meta.model_name}-detail", args=[obj.pk])
