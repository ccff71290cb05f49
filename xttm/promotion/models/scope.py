"""One scope rule for everything hanging off a scheme: partner officers see their organisation's."""

from django.db import models

from xttm.accounts.roles import Role, has_role

# Read everything: the agency's programme side and leadership; the emulation
# secretariat reads, since units are scored on their programme work.
READ_ALL = (Role.ADMIN, Role.LEADERSHIP, Role.PROGRAMME_OFFICER, Role.EMULATION_SECRETARIAT)


def scoped_by_lead(queryset: models.QuerySet, user, lead_path: str) -> models.QuerySet:
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if has_role(user, *READ_ALL):
        return queryset
    if has_role(user, Role.PARTNER_OFFICER) and user.organization_id:
        return queryset.filter(**{lead_path: user.organization_id})
    return queryset.none()


class LeadScopedQuerySet(models.QuerySet):
    lead_path = "scheme__lead_id"

    def for_user(self, user):
        return scoped_by_lead(self, user, self.lead_path)
