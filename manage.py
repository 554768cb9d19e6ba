#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Read the settings before any command runs, so a missing or bad value is one clear
        # message (naming the variable) instead of a traceback from inside Django.
        settings.INSTALLED_APPS  # noqa: B018
    except (ImproperlyConfigured, ImportError) as exc:
        sys.exit(
            f"manage.py: the settings ({os.environ['DJANGO_SETTINGS_MODULE']}) cannot start: "
            f"{exc}\nEvery variable is in README.md, under Configuration (bin/serve runs "
            "with DEBUG=true)."
        )
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
