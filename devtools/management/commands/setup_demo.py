import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actions.models import Organisation, OrganisationMembership
from core import roles

# (username, role, organisation slug for an action owner)
DEMO_ACCOUNTS = [
    ("demo-admin", roles.ADMINISTRATOR, None),
    ("demo-editor", roles.EDITOR, None),
    ("demo-owner", roles.ACTION_OWNER, "heiw"),
    ("demo-sig", roles.SIG_MEMBER, None),
]


class Command(BaseCommand):
    help = (
        "Create the role groups and one demo account per role, each with a new random "
        "password, and print them. For development and demonstrations only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even though DEBUG is off (never on a live service).",
        )

    def handle(self, *args, allow_without_debug: bool = False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Demo accounts have known passwords printed to the console, so this command "
                "runs only with DEBUG=true. Pass --allow-without-debug to override."
            )
        groups = roles.roles_ensure()
        rows = []
        with transaction.atomic():
            for username, role, organisation_slug in DEMO_ACCOUNTS:
                user, _created = User.objects.get_or_create(username=username)
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.is_staff = role in (roles.ADMINISTRATOR, roles.EDITOR, roles.SIG_MEMBER)
                user.is_superuser = role == roles.ADMINISTRATOR
                user.email = f"{username}@example.org"
                user.save()
                user.groups.set([groups[role]])
                where = ""
                if organisation_slug:
                    organisation = Organisation.objects.filter(slug=organisation_slug).first()
                    if organisation is None:
                        raise CommandError(
                            f"Organisation {organisation_slug!r} is missing: run "
                            "`python manage.py load_plan` first."
                        )
                    OrganisationMembership.objects.update_or_create(
                        user=user, defaults={"organisation": organisation}
                    )
                    where = f" for {organisation.name_en}"
                rows.append((str(roles.ROLE_LABELS[role]) + where, username, password))
        width = max(len(r[0]) for r in rows)
        self.stdout.write("Demo accounts (new passwords every run):")
        for label, username, password in rows:
            self.stdout.write(f"  {label.ljust(width)}  user: {username:<12} password: {password}")
