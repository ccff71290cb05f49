"""Who sees what in emulation: the role sets every `for_user` scope and every button asks."""

from django.db.models import Q

from xttm.accounts.roles import Role, has_role

# Read every emulation record.
READERS = (Role.ADMIN, Role.LEADERSHIP, Role.EMULATION_SECRETARIAT)
# Launch movements, open rounds, nominate, run sessions, draft and issue decisions.
EDITORS = (Role.ADMIN, Role.EMULATION_SECRETARIAT)


def reads_all(user) -> bool:
    return has_role(user, *READERS)


def edits(user) -> bool:
    return has_role(user, *EDITORS)


def own_subject_q(user, prefix: str = "") -> Q:
    """Rows about the user's own Person (a person subject only: units are not anyone's own)."""
    return Q(**{f"{prefix}person__user": user})


def headed_subject_q(user, prefix: str = "") -> Q:
    """Rows about the members of units the user heads, and about those units."""
    return Q(**{f"{prefix}person__unit__head__user": user}) | Q(
        **{f"{prefix}unit__head__user": user}
    )
