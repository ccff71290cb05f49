"""The roles of XTTM: each is a Django group, and these helpers are the only way to ask."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "administrator", _("Quản trị hệ thống")
    LEADERSHIP = "leadership", _("Lãnh đạo Cục")
    PROGRAMME_OFFICER = "programme_officer", _("Cán bộ Chương trình")
    PARTNER_OFFICER = "partner_officer", _("Cán bộ đơn vị chủ trì")
    EMULATION_SECRETARIAT = "emulation_secretariat", _("Thường trực thi đua")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    STAFF = "staff", _("Cán bộ, công chức, viên chức")


def roles_of(user) -> frozenset[str]:
    """The role codes a user holds; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_xttm_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached = cached | {Role.ADMIN.value}
        user._xttm_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & {str(r) for r in roles})


def is_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


def sees_everything(user) -> bool:
    """Administrators and the agency's leadership read every record."""
    return has_role(user, Role.ADMIN, Role.LEADERSHIP)
