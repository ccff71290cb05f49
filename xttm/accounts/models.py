"""The user account: a login, its roles (groups) and the organisation it acts for."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role, has_role, roles_of


class User(AbstractUser):
    """A person who logs in to XTTM.

    Partner officers act for one lead organisation (a provincial centre or an
    association) and see only its records; agency staff are linked to their
    `directory.Person` so that their own profile and registrations find them.
    """

    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("tổ chức"),
        help_text=_("Tổ chức mà tài khoản làm việc cho; bắt buộc với cán bộ đơn vị chủ trì."),
    )

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def roles(self) -> frozenset[str]:
        return roles_of(self)

    def has_role(self, *roles: str) -> bool:
        return has_role(self, *roles)

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in sorted(self.roles) if r in Role.values]
