"""The second factor in tests: codes from real TOTP devices, as a person's app computes them.

`client.force_login` stands for a finished sign-in, both steps (tests/conftest.py makes it
so with `force_login_verified`); the browser tests sign in through the pages and give a code
with `pass_second_factor`. The two-factor tests themselves sign in through the forms.
"""

import time
from base64 import b32encode

import django_otp
from django.http import HttpRequest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

_force_login = Client.force_login


def code_for(device: TOTPDevice) -> str:
    """The code the person's app shows now; one step ahead when this step's code was used
    (a device refuses a code twice, and accepts the next step's)."""
    now = (int(time.time()) - device.t0) // device.step
    ahead = max(0, device.last_t + 1 - now)
    if ahead > 1:
        time.sleep(device.step * (ahead - 1))
        return code_for(device)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, ahead):06d}"


def device_for(user) -> TOTPDevice:
    """The person's confirmed authenticator app, set up if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def force_login_verified(client: Client, user, backend=None) -> None:
    """Django's force_login, then the session marked as having passed the second factor with
    a real device, as django_otp.login does after a right code."""
    _force_login(client, user, backend)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    django_otp.login(request, device_for(user))
    request.session.save()
    user.__dict__.pop("otp_device", None)


def pass_second_factor(page, username: str) -> None:
    """In a browser, after the password: give a code on the two-factor page, if it is asked
    for (Editors and Administrators). A first sign-in sets the app up from the key shown."""
    if "/two-factor/" not in page.url:
        return
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    if "/set-up/" in page.url:
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        shown = page.locator("main code").inner_text().replace(" ", "")
        assert shown == b32encode(device.bin_key).decode(), "the page shows another key"
    else:
        device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.fill("#id_code", code_for(device))
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert "/two-factor/" not in page.url, f"the code was refused: {page.url}"
