"""Logging in, roles, the administrators' second factor, throttling and password reset."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from xttm.accounts.factories import UserFactory
from xttm.accounts.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-Thu-nghiem-1"


def test_the_login_page_is_in_vietnamese_and_declares_its_language(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert "Đăng nhập XTTM" in response.text


def test_the_english_switch_changes_the_language_of_the_page(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    response = client.get(reverse("login"))
    assert '<html lang="en">' in response.text


def test_a_user_logs_in_and_sees_their_roles(client):
    UserFactory(username="lan", roles=[Role.PROGRAMME_OFFICER])
    response = client.post(reverse("login"), {"username": "lan", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Cán bộ Chương trình" in response.text


def test_repeated_failed_logins_lock_the_account_out(client):
    UserFactory(username="lan")
    for _ in range(5):
        client.post(reverse("login"), {"username": "lan", "password": "sai"})
    response = client.post(reverse("login"), {"username": "lan", "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.text
    assert "_auth_user_id" not in client.session


@override_settings(XTTM_REQUIRE_2FA_FOR_ADMINS=True)
def test_an_administrator_must_pass_the_second_factor_before_any_page(client):
    admin = UserFactory(username="quantri", roles=[Role.ADMIN])
    device = TOTPDevice.objects.create(user=admin, name="default", confirmed=True)
    client.post(reverse("login"), {"username": "quantri", "password": PASSWORD})
    response = client.get(reverse("directory:enterprise-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp-verify"))

    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.post(reverse("otp-verify"), {"code": code})
    assert client.get(reverse("directory:enterprise-list")).status_code == 200


@override_settings(XTTM_REQUIRE_2FA_FOR_ADMINS=True)
def test_a_wrong_code_keeps_the_administrator_out(client):
    admin = UserFactory(username="quantri", roles=[Role.ADMIN])
    TOTPDevice.objects.create(user=admin, name="default", confirmed=True)
    client.post(reverse("login"), {"username": "quantri", "password": PASSWORD})
    wrong = client.post(reverse("otp-verify"), {"code": "000000"})
    assert "Mã xác thực không đúng hoặc đã hết hạn." in wrong.text
    assert client.get(reverse("directory:enterprise-list")).status_code == 302


@override_settings(XTTM_REQUIRE_2FA_FOR_ADMINS=True)
def test_an_administrator_without_a_device_is_sent_to_set_one_up(client):
    UserFactory(username="quantri", roles=[Role.ADMIN])
    client.post(reverse("login"), {"username": "quantri", "password": PASSWORD})
    response = client.get(reverse("otp-verify"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/setup/")
    setup = client.get(response["Location"])
    assert "data:image/svg+xml;base64," in setup.text


@override_settings(XTTM_REQUIRE_2FA_FOR_ADMINS=True)
def test_other_roles_are_not_asked_for_a_second_factor(client):
    UserFactory(username="lan", roles=[Role.PROGRAMME_OFFICER])
    client.post(reverse("login"), {"username": "lan", "password": PASSWORD})
    assert client.get(reverse("directory:enterprise-list")).status_code == 200


def test_a_password_reset_link_works_once(client):
    user = UserFactory(username="lan", email="lan@xttm.local")
    client.post(reverse("password_reset"), {"email": "lan@xttm.local"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    response = client.post(
        form_url, {"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026")
    again = client.get(link, follow=True)
    assert "không hợp lệ hoặc đã được dùng" in again.text


def test_the_api_token_can_be_regenerated_from_the_profile(client):
    user = UserFactory(username="lan")
    client.force_login(user)
    client.post(reverse("regenerate-token"))
    first = user.auth_token.key
    client.post(reverse("regenerate-token"))
    user.refresh_from_db()
    assert user.auth_token.key != first


def test_a_browser_set_to_english_still_gets_vietnamese_until_the_user_switches(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.text
    assert response["Content-Language"] == "vi"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    switched = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="vi")
    assert '<html lang="en">' in switched.text
