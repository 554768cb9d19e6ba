"""Writes for the second factor: an authenticator app being set up, then confirmed."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.errors import NotAllowed

DEVICE_NAME = "Authenticator app"


def totp_device_start(*, user) -> TOTPDevice:
    """The app the person is setting up: the same key until it is confirmed, so the QR code
    does not change when a code is wrong or the page is opened again."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None:
            device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
            device.full_clean()
            device.save()
    return device


def totp_device_confirm(*, device: TOTPDevice) -> TOTPDevice:
    """After a right code from it, the app becomes the person's second factor.

    Only for someone with no confirmed app: adding another would need the second factor
    itself, which is what the password alone must not give."""
    with transaction.atomic():
        if TOTPDevice.objects.filter(user_id=device.user_id, confirmed=True).exists():
            raise NotAllowed(_("This account already has an authenticator app."))
        device.confirmed = True
        device.full_clean()
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
    return device
