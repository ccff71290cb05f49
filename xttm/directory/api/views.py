"""API views of the directory: the list pages' FilterSets and the models' for_user scopes."""

from django.utils.translation import gettext as _
from rest_framework import permissions, viewsets
from rest_framework.exceptions import PermissionDenied

from xttm.accounts.roles import Role, has_role

from .. import filters
from ..models import Enterprise, Organization, Person, Province, Unit
from ..views import ENTERPRISE_CREATORS
from . import serializers


class ScopedViewSetMixin:
    """Every API queryset starts from the model's `for_user` scope."""

    def get_queryset(self):
        return self.queryset.model.objects.for_user(self.request.user).order_by("pk")


class ProvinceViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Province.objects.all()
    serializer_class = serializers.ProvinceSerializer
    filterset_class = filters.ProvinceFilterSet


class OrganizationViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Organization.objects.all()
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilterSet


class UnitViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Unit.objects.all()
    serializer_class = serializers.UnitSerializer
    filterset_class = filters.UnitFilterSet


class PersonViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilterSet


class EnterpriseViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Enterprises: everyone signed in reads; creators add; editors change their own."""

    queryset = Enterprise.objects.all()
    serializer_class = serializers.EnterpriseSerializer
    filterset_class = filters.EnterpriseFilterSet
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def check_permissions(self, request):
        # Roles that may not add enterprises are refused before their body is validated.
        super().check_permissions(request)
        if self.action == "create" and not has_role(request.user, *ENTERPRISE_CREATORS):
            self.permission_denied(request, message=_("Bạn không có quyền thêm doanh nghiệp."))

    def perform_create(self, serializer):
        user = self.request.user
        if not has_role(user, *ENTERPRISE_CREATORS):
            raise PermissionDenied(_("Bạn không có quyền thêm doanh nghiệp."))
        registered_by = user.organization if has_role(user, Role.PARTNER_OFFICER) else None
        serializer.save(registered_by=registered_by)

    def perform_update(self, serializer):
        if (
            not Enterprise.objects.editable_by(self.request.user)
            .filter(pk=serializer.instance.pk)
            .exists()
        ):
            raise PermissionDenied(_("Bạn không có quyền sửa doanh nghiệp này."))
        serializer.save()
