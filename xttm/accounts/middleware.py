"""Second factor for administrators: enforced when XTTM_REQUIRE_2FA_FOR_ADMINS is on."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .roles import is_admin

# Paths an administrator may reach before proving the second factor. Not the profile: it
# shows the API token, which would let the password alone reach the whole API.
_OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/2fa/",
    "/accounts/password/reset/",
    "/accounts/reset/",
    "/static/",
    "/health/",
    "/i18n/",
)


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.XTTM_REQUIRE_2FA_FOR_ADMINS
            and request.user.is_authenticated
            and is_admin(request.user)
            and not request.user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('otp-verify')}?next={request.get_full_path()}")
        return self.get_response(request)
