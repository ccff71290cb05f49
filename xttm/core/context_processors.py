"""Template context shared by every page: the navigation the user's roles allow."""

from xttm.accounts.roles import Role, roles_of


def navigation(request):
    roles = roles_of(request.user)
    return {
        "user_roles": roles,
        "nav_people": bool(
            roles & {Role.ADMIN, Role.LEADERSHIP, Role.EMULATION_SECRETARIAT, Role.COUNCIL_MEMBER}
        ),
    }
