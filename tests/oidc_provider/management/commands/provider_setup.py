"""Makes the provider's accounts and the tracker's application (client) in its database."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application

from tests.oidc_provider.people import ACCOUNTS, CLIENT_ID, CLIENT_SECRET, PASSWORD


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--redirect-uri", action="append", required=True)

    def handle(self, *args, redirect_uri, **options):
        User = get_user_model()
        for account in ACCOUNTS.values():
            user, _ = User.objects.get_or_create(username=account.username)
            user.email = account.email
            user.set_password(PASSWORD)
            user.save()
        Application.objects.update_or_create(
            client_id=CLIENT_ID,
            defaults={
                "name": "Workforce Strategy Tracker",
                "client_secret": CLIENT_SECRET,
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "redirect_uris": " ".join(redirect_uri),
                "skip_authorization": True,
                "algorithm": Application.RS256_ALGORITHM,
            },
        )
