"""Settings for the Workforce Strategy Tracker.

Every deploy-specific value comes from the environment (see README, "Configuration").
The defaults are safe for development: SQLite in the project folder, background jobs run
in-process, DEBUG on only when asked for.
"""

from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.cache_backends import redis_cache_url
from core.env import (
    read_bool,
    read_database,
    read_file_storage,
    read_int,
    read_list,
    read_redis_url,
    read_str,
    read_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = read_bool("DEBUG", default=False)

_DEV_SECRET = "insecure-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = read_str("SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set SECRET_KEY to a long random string, "
        "or set DEBUG=true for local development."
    )

ALLOWED_HOSTS = read_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = read_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    # Before the admin: core registers the history of accounts and roles in its ready(), which
    # must run before the admin's autodiscovery imports any module that queries accounts.
    "core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's widget templates, for the TemplatesSetting form renderer below.
    "django.forms",
    "django_filters",
    "csp",
    "simple_history",
    "axes",
    "tracker",
    "themes",
    "actions",
    "measures",
    "reports",
    "sig",
    "people",
    # The second factor for Editors and Administrators (people/two_factor.py): TOTP devices.
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The read API, its schema and docs, site search and feeds (issue 19).
    # Full-text and trigram search on PostgreSQL (api/search.py); inert on SQLite.
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the cache, by data version; outside the session, locale and
    # CSRF middleware so a stored page keeps their headers (core/page_cache.py).
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, so the "too large" page is in the reader's language.
    "core.upload_limit.UploadLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session passed the second factor; then the check that sends Editors and
    # Administrators who have not to give it (people/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "people.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # States the open data licence on every open data and API answer (a Link header).
    "api.licence.LicenceLinkMiddleware",
    # Last, as django-axes asks, so it sees the outcome of every sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses sign-in after repeated failures before checking a password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (people/auth.py); it does nothing while OIDC_ISSUER is unset.
    "people.auth.SignOnBackend",
]
# With Redis (REDIS_CACHE_URL, else REDIS_URL's next database number, apart from Celery's
# queues: clearing a cache empties its whole database), every worker and host shares the cached
# pages, charts and dashboard; without it, each process keeps its own in memory. Every key holds
# the database's identity and data version (core/data_version.py), so one database's entries
# are never served for another, and a failing Redis only makes pages slower: they are rendered
# uncached and still answer (core/cache_backends.py).
_REDIS_CACHE_URL = read_redis_url("REDIS_CACHE_URL") or (
    redis_cache_url(read_redis_url("REDIS_URL")) if read_redis_url("REDIS_URL") else None
)


def _shared_or_local(location: str, timeout: int | None, max_entries: int) -> dict:
    if _REDIS_CACHE_URL:
        return {
            "BACKEND": "core.cache_backends.FailSafeRedisCache",
            "LOCATION": _REDIS_CACHE_URL,
            "KEY_PREFIX": location,
            "TIMEOUT": timeout,
            # A Redis that stops answering costs at most this long, then a few seconds' rest.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": location,
        "TIMEOUT": timeout,
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


CACHES = {
    "default": _shared_or_local("default", 300, 300),
    # Whole public pages (core/page_cache.py), a few hundred per data version.
    "pages": _shared_or_local("pages", 6 * 60 * 60, 600),
    # The open data exports stay in each process's memory: each can be a megabyte, and 16
    # entries bound the memory per worker; superseded versions are pushed out by newer ones.
    "exports": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "exports",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 16},
    },
}

# Five failures for one name from one address, or twenty for one name from anywhere, lock
# sign-in for that name for 30 minutes (core/sign_in_limits.py).
AXES_FAILURE_LIMIT = read_int("AXES_FAILURE_LIMIT", default=5)
AXES_USERNAME_FAILURE_LIMIT = read_int("AXES_USERNAME_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "core.sign_in_limits.AddressAndNameHandler"
AXES_CLIENT_IP_CALLABLE = "core.sign_in_limits.client_address"
# The addresses of our own reverse proxies; only requests from them may name the client's
# address in X-Forwarded-For (docs/operations.md, "Behind a reverse proxy").
TRUSTED_PROXIES = read_list("TRUSTED_PROXIES", default=[])
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The name authenticator apps show beside the account (people/two_factor.py). A wrong code
# slows the next try down (django-otp's throttling, factor 1: 1, 2, 4, 8... seconds).
OTP_TOTP_ISSUER = "Workforce Strategy Tracker"
OTP_TOTP_THROTTLE_FACTOR = 1
# The admin never shows a person's key or its QR code: an Administrator removes a lost app, and
# the person sets up a new one themselves.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

EMAIL_BACKEND = read_str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = read_str("DEFAULT_FROM_EMAIL", default="tracker@localhost")
# EMAIL_URL names the mail server, e.g. smtp+tls://user:password@smtp.example.org:587 (password
# reset links, invitations and reminders need one in production); it sets EMAIL_BACKEND too.
if read_str("EMAIL_URL", default=""):
    import environ

    try:
        globals().update(environ.Env.email_url_config(read_str("EMAIL_URL", default="")))
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(f"EMAIL_URL is not a mail server address: {exc}") from exc
SITE_URL = read_str("SITE_URL", default="http://127.0.0.1:8000")
# How many days an invitation's link works (people/services.py).
INVITATION_DAYS = read_int("INVITATION_DAYS", default=7)

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tracker.context_processors.language_switch",
                "tracker.context_processors.navigation",
                "tracker.context_processors.welsh_translation",
            ],
        },
    },
]

# Fields render through templates/forms/field.html, so hint and error ids are Django's own.
FORM_RENDERER = "core.forms.FormRenderer"

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": read_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = read_int("CONN_MAX_AGE", default=0)
# A kept connection is checked before each request reuses it, so a restarted database costs
# one failed check, not one failed page.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Wait on a locked database instead of failing at once when a worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: English first, Welsh under /cy/.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("cy", _("Welsh")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

# django-modeltranslation: content fields get _en and _cy columns; Welsh falls back to
# English until a Welsh text is provided (templates mark the fallback with lang="en").
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "cy")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",)}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Report files and meeting packs (core/files.py): MEDIA_ROOT on the local disk, or an
    # S3-compatible bucket with FILE_STORAGE=s3 (README, "Shared file storage").
    "default": read_file_storage("FILE_STORAGE"),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The most a request may carry, files and text together: a bigger one gets a clear page and
# nothing is saved (core/upload_limit.py).
MAX_UPLOAD_BYTES = read_int("MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
MEDIA_ROOT = Path(read_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "media/"

# Single sign-on with OpenID Connect, for example Microsoft Entra ID (people/, README "Single
# sign-on"). Off while OIDC_ISSUER is unset. The provider's endpoints are discovered from
# <issuer>/.well-known/openid-configuration at the first sign-on and kept for an hour
# (people/sso_config.py), so the site starts, and password sign-in works, while it is down.
OIDC_ISSUER = read_url("OIDC_ISSUER")
OIDC_RP_CLIENT_ID = read_str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = read_str("OIDC_CLIENT_SECRET", default="")
if OIDC_ISSUER and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured(
        "OIDC_ISSUER is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set too "
        "(the application's client id and secret at the provider)."
    )
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "sso-callback"
# People signed in without a role are told to write here (people/sso_views.py), besides being
# given the Administrators' names.
ACCESS_REQUESTS_EMAIL = read_str("ACCESS_REQUESTS_EMAIL", default="")

LOGIN_URL = "login"
# staff:start sends each role to its own start page (the SIG to the dashboard).
LOGIN_REDIRECT_URL = "staff:start"
LOGOUT_REDIRECT_URL = "home"

# Background jobs never run inside a web request. With REDIS_URL set, tasks go to Redis;
# without it, to a queue in a SQLite file of its own (kombu's SQLAlchemy transport), apart from
# the app's database. Either way a separate worker runs them: bin/serve starts one.
REDIS_URL = read_redis_url("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "sqla+sqlite:///" + read_str(
    "CELERY_QUEUE_FILE", default=str(BASE_DIR / "var" / "celery-queue.sqlite3")
)
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Only the unit tests run tasks in-process (devtools/test_settings.py).
CELERY_TASK_ALWAYS_EAGER = read_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# The queue this deployment's jobs go to and its workers take them from.
CELERY_TASK_DEFAULT_QUEUE = read_str("CELERY_QUEUE", default="celery")
CELERY_TASK_EAGER_PROPAGATES = True
# Queueing a job must answer at once even when the broker is down: two quick tries, then the
# run stays queued and the recovery job sends it again (reports/services.py).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# A report build holds a lease that its worker renews while it works; a run whose lease has
# run out (its worker died) is taken over by the recovery job or a redelivery.
REPORT_LEASE_SECONDS = read_int("REPORT_LEASE_SECONDS", default=60)
# The contact on the annual report's cover. The plan's own documents give the website only
# (socialcare.wales); the address, email and telephone are shown once set here.
REPORT_CONTACT_WEBSITE = read_str("REPORT_CONTACT_WEBSITE", default="https://socialcare.wales")
REPORT_CONTACT_EMAIL = read_str("REPORT_CONTACT_EMAIL", default="")
REPORT_CONTACT_PHONE = read_str("REPORT_CONTACT_PHONE", default="")
REPORT_CONTACT_ADDRESS = read_str("REPORT_CONTACT_ADDRESS", default="")
# Redis hands an unacknowledged job to another worker after this long: longer than the
# report's hard time limit (300 s), so a job that is still running is never given out twice.
# (The SQLite queue hands its options to SQLAlchemy, which has no such option.)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 360} if REDIS_URL else {}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# `celery -A tracker beat` runs these. Reminders go once per action and quarter, so a
# weekly run only reaches owners who have still not reported.
CELERY_BEAT_SCHEDULE = {
    "update-reminders": {
        "task": "actions.tasks.reminders_send_task",
        "schedule": crontab(minute=0, hour=8, day_of_week="mon"),
    },
    # Sends again the report builds whose worker died or that never reached the broker.
    "report-runs-recover": {
        "task": "reports.tasks.report_runs_recover_task",
        "schedule": 60.0,
    },
    # Overdue decisions, and any meeting pack or decision email that could not be queued.
    "sig-meetings-daily": {
        "task": "sig.tasks.meetings_daily_task",
        "schedule": crontab(minute=30, hour=7),
    },
    # The weekly summary email for people who chose it (core/notices.py), after Monday's
    # reminders and the daily decision emails so those go into it.
    "email-weekly-digest": {
        "task": "core.tasks.notices_digest_task",
        "schedule": crontab(minute=0, hour=9, day_of_week="mon"),
    },
}

# Security. Production values (DEBUG off) pass `manage.py check --deploy`.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = read_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = read_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = read_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = read_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = read_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is polled over plain HTTP by load balancers inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]


def _error_page_style_hash(page: Path) -> str:
    """The CSP source for the 500 page's own <style> block, computed from the file so the two
    never drift apart."""
    import base64
    import hashlib
    import re

    style = re.search(r"<style>(.*?)</style>", page.read_text(encoding="utf-8"), re.S)
    digest = hashlib.sha256(style.group(1).encode("utf-8")).digest() if style else b""
    return f"'sha256-{base64.b64encode(digest).decode()}'"


# django-csp 4: no inline scripts or styles anywhere, except the 500 page's own styles: that
# page must show styled even when templates or static files are what failed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", _error_page_style_hash(BASE_DIR / "templates" / "500.html")],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": read_str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every layout step at INFO; only its warnings are worth a log line.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}


# Open data licence (issue 19): stated in the API, datapackage.json and a `Link: <...>;
# rel="license"` header on every open data answer. Social Care Wales may choose another.
OPEN_DATA_LICENCE_NAME = read_str("OPEN_DATA_LICENCE_NAME", default="OGL-UK-3.0")
OPEN_DATA_LICENCE_TITLE = read_str(
    "OPEN_DATA_LICENCE_TITLE", default="Open Government Licence v3.0"
)
OPEN_DATA_LICENCE_URL = read_str(
    "OPEN_DATA_LICENCE_URL",
    default="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
)

# The read API at /api/v1/ (api/): anonymous and read-only. Anonymous use is rate-limited per
# address; API_ANON_RATE=off turns the limit off (the tests and the load run do).
_API_ANON_RATE = read_str("API_ANON_RATE", default="120/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": None if _API_ANON_RATE == "off" else _API_ANON_RATE},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Workforce Strategy Tracker API",
    "DESCRIPTION": (
        "Read-only public data of the Health and Social Care Workforce Strategy tracker: plans, "
        "themes, actions with their approved progress, indicators, published reports and the "
        "strategic implementation group's published decisions. Field reference: /open-data/."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "LICENSE": {"name": OPEN_DATA_LICENCE_TITLE, "url": OPEN_DATA_LICENCE_URL},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_common_responses",
    ],
    # The schema lists the filters' values from the database; `check --deploy` runs without
    # one, so the schema is checked by the contract test (tests/api) instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
