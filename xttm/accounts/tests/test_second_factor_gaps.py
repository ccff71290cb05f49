"""The password alone never gets an administrator past the second factor: not via the profile's
API token, not by enrolling an authenticator of one's own."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from xttm.accounts.factories import UserFactory
from xttm.accounts.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-Thu-nghiem-1"


@pytest.fixture
def admin_with_password_only(client):
    admin = UserFactory(username="quantri", roles=[Role.ADMIN])
    TOTPDevice.objects.create(user=admin, name="default", confirmed=True)
    client.post(reverse("login"), {"username": "quantri", "password": PASSWORD})
    return admin


@override_settings(XTTM_REQUIRE_2FA_FOR_ADMINS=True)
def test_it_keeps_the_profile_and_its_api_token_from_an_unverified_administrator(
    client, admin_with_password_only
):
    profile = client.get(reverse("profile"))
    regenerate = client.post(reverse("regenerate-token"))

    assert profile.status_code == 302
    assert profile["Location"].startswith(reverse("otp-verify"))
    assert regenerate.status_code == 302
    assert regenerate["Location"].startswith(reverse("otp-verify"))
    assert Token.objects.filter(user=admin_with_password_only).count() == 0


@override_settings(XTTM_REQUIRE_2FA_FOR_ADMINS=True)
def test_it_refuses_to_enrol_a_second_authenticator_without_the_first(
    client, admin_with_password_only
):
    response = client.get(reverse("otp-setup"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp-verify"))
    assert list(TOTPDevice.objects.values_list("confirmed", flat=True)) == [True]


@override_settings(XTTM_REQUIRE_2FA_FOR_ADMINS=True)
def test_the_way_back_in_stays_open_to_an_unverified_administrator(
    client, admin_with_password_only
):
    assert client.get(reverse("otp-verify")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
