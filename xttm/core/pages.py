"""The home page: what the signed-in user can reach, with the directory's counts."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from xttm.directory.models import Enterprise, Organization, Person, Province, Unit


@login_required
def home(request):
    user = request.user
    counts = [
        ("directory:enterprise-list", "enterprise", Enterprise.objects.for_user(user).count()),
        (
            "directory:organization-list",
            "organization",
            Organization.objects.for_user(user).count(),
        ),
        ("directory:unit-list", "unit", Unit.objects.for_user(user).count()),
        ("directory:person-list", "person", Person.objects.for_user(user).count()),
        ("directory:province-list", "province", Province.objects.current().count()),
    ]
    return render(request, "core/home.html", {"counts": counts})
