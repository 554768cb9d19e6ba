"""Settings for the development tools: the production settings plus the ``devtools`` app.

``tracker.settings`` never installs ``devtools``, so `bench`, `seed_scale`, `load_targets` and
`setup_demo` exist only under this module (and the test settings, which build on it). Every
other value is production's and still comes from the environment: `bin/load` runs it with DEBUG
off against PostgreSQL, `bin/serve` with DEBUG=true on SQLite.

    DJANGO_SETTINGS_MODULE=devtools.settings DEBUG=true python manage.py bench
"""

from tracker.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
