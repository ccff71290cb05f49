"""Account pages: profile with API token, the administrator's second factor (TOTP)."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from .forms import OTPCodeForm


@login_required
def profile(request):
    token = Token.objects.filter(user=request.user).first()
    person = getattr(request.user, "person", None)
    return render(request, "accounts/profile.html", {"token": token, "person": person})


@login_required
@require_POST
def regenerate_token(request):
    Token.objects.filter(user=request.user).delete()
    Token.objects.create(user=request.user)
    messages.success(request, _("Đã tạo khóa API mới; khóa cũ không còn dùng được."))
    return redirect("profile")


def _safe_next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@login_required
def otp_verify(request):
    """Ask for the TOTP code; an administrator without a device is sent to set one up."""
    devices = TOTPDevice.objects.devices_for_user(request.user, confirmed=True)
    device = devices.first()
    if device is None:
        return redirect(f"/accounts/2fa/setup/?next={_safe_next(request, '/')}")
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
    return render(request, "accounts/otp_verify.html", {"form": form})


@login_required
def otp_setup(request):
    """Show a QR code for an authenticator app, confirmed by a first valid code.

    Someone who has only the password must not enrol an authenticator of their
    own: once a device is confirmed, a new one needs a session that passed it.
    """
    if (
        TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
        and not request.user.is_verified()
    ):
        return redirect(f"{reverse('otp-verify')}?next={request.get_full_path()}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="default", confirmed=False)
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai lớp."))
            return redirect(_safe_next(request))
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buf = io.BytesIO()
    image.save(buf)
    qr_data = "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request, "accounts/otp_setup.html", {"form": form, "qr": qr_data, "secret": secret}
    )
