"""Settings for the test suite: the development settings (production's plus the devtools app,
whose commands the tests run) with test-friendly environment defaults.

Every value can still be overridden from the environment (CI points DATABASE_URL at
PostgreSQL and REDIS_URL at Redis).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
# The test client speaks plain HTTP; production redirects to HTTPS.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Unit tests run tasks in-process; with Redis (CI's second run) the real-worker tests send them
# to a worker, as production does.
_EAGER = "false" if os.environ.get("REDIS_URL") else "true"
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", _EAGER)

# The API's anonymous rate limit is off in tests (tests/api sets its own to check the 429).
os.environ.setdefault("API_ANON_RATE", "off")

from devtools.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
