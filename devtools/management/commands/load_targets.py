from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.templatetags.static import static as static_file
from django.test import Client
from django.urls import reverse
from django.utils import translation

from actions.models import Action, DeliveryPlan
from actions.views import PAGE_SIZE
from core import roles
from devtools.scale import REAL_PLAN_SLUG, SEED_USERNAME
from measures.models import Indicator

LOAD_SIG_USERNAME = "load-sig"


class Command(BaseCommand):
    help = (
        "For bin/load only: write the addresses the load run requests, one per line (the "
        "public mix, the static file that is the ceiling, and the signed-in pages), and a "
        "signed-in SIG member's session cookie. Runs only on a database filled by seed_scale."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--paths", type=Path, required=True, help="File for the public mix's addresses."
        )
        parser.add_argument(
            "--static", type=Path, required=True, help="File for the static file's address."
        )
        parser.add_argument(
            "--staff", type=Path, required=True, help="File for the signed-in addresses."
        )
        parser.add_argument("--cookie", type=Path, required=True, help="File for the cookie.")

    def handle(self, *args, paths: Path, static: Path, staff: Path, cookie: Path, **options):
        if not User.objects.filter(username=SEED_USERNAME).exists():
            raise CommandError(
                "This database has no synthetic data (run seed_scale first). load_targets "
                "signs in a test account, so it never runs on a live service."
            )
        real = DeliveryPlan.objects.get(slug=REAL_PLAN_SLUG)
        other = DeliveryPlan.objects.exclude(pk=real.pk).order_by("slug").first()
        last_page = max(1, -(-Action.objects.count() // PAGE_SIZE))
        indicators = list(Indicator.objects.filter(plan=real).order_by("pk")[:3])
        public: list[str] = []
        for language in ("en", "cy"):
            with translation.override(language):
                public += [
                    reverse("home"),
                    *(reverse("themes:detail", kwargs={"number": n}) for n in range(1, 8)),
                    reverse("actions:list"),
                    reverse("actions:list") + "?plan=",
                    reverse("actions:list") + f"?plan=&page={(last_page + 1) // 2}",
                    reverse("actions:list") + "?theme=2&status=on_track",
                    reverse("actions:list") + "?q=wellbeing",
                    *(
                        reverse("actions:detail", kwargs={"plan": real.slug, "number": n})
                        for n in (1, 2, 17, 20, 35)
                    ),
                    reverse("measures:list"),
                    *(reverse("measures:detail", kwargs={"pk": i.pk}) for i in indicators),
                    reverse("reports:list"),
                ]
                if other is not None:
                    public.append(
                        reverse("actions:detail", kwargs={"plan": other.slug, "number": 7})
                    )
        # The open data, as the public mix has it.
        public += [
            reverse("data-actions-json"),
            reverse("data-actions-csv") + "?theme=3",
            reverse("data-indicators-json"),
        ]
        with translation.override("en"):
            signed_in = [reverse("staff:dashboard"), reverse("staff:audit")]
        with translation.override("cy"):
            signed_in.append(reverse("staff:dashboard"))

        user, _created = User.objects.get_or_create(username=LOAD_SIG_USERNAME)
        user.set_unusable_password()
        user.save()
        user.groups.set([roles.roles_ensure()[roles.SIG_MEMBER]])
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value

        paths.write_text("\n".join(public) + "\n", encoding="utf-8")
        # The ceiling: a file whitenoise serves from the same gunicorn (hashed name, immutable).
        static.write_text(static_file("css/site.css") + "\n", encoding="utf-8")
        staff.write_text("\n".join(f"SIG {path}" for path in signed_in) + "\n", encoding="utf-8")
        cookie.write_text(f"{settings.SESSION_COOKIE_NAME}={session}", encoding="utf-8")
        self.stdout.write(
            f"{len(public)} public, 1 static and {len(signed_in)} signed-in addresses written."
        )
