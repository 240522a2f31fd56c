"""Settings for the consultation tour site: one module, everything from the environment.

Defaults give a working development site (SQLite file, eager Celery, local-memory cache).
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

import sys
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from foundation.env import envbool, envdb, envint, envlist, envstr, envurl
from foundation.storage import s3_storage_options

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = "pytest" in sys.modules

DEBUG = envbool("DEBUG", default=True)
SECRET_KEY = envstr("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
# Absolute links in e-mails, the sitemap and hreflang: production must say where it lives,
# or every e-mail would link to localhost.
SITE_URL = envurl("SITE_URL", ("https", "http"))
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured("SITE_URL must be set when DEBUG is off (e.g. https://tour.example.kz)")
    SITE_URL = "http://127.0.0.1:8000"

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "foundation",
    "outbox",
    "accounts",
    "programs",
    "consultations",
    "events",
    "proposals",
    "demo",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "foundation.middleware.ContentSecurityPolicyMiddleware",
    "foundation.middleware.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, per django-axes
]

ROOT_URLCONF = "foundation.urls"
WSGI_APPLICATION = "foundation.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "foundation.context_processors.site",
            ],
        },
    },
]

# Database: a SQLite file by default, PostgreSQL in production and in CI.
DATABASES = {"default": envdb("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Persistent connections in production (CONN_MAX_AGE seconds, 60 unless set): opening one per
# request starts a PostgreSQL backend, a large share of a fast page (bench/pages_bench.py). Each
# request first checks that a kept connection still works: after a database restart no request
# fails on a dead connection.
DATABASES["default"]["CONN_MAX_AGE"] = envint("CONN_MAX_AGE", 0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = envbool("CONN_HEALTH_CHECKS", True)
DATABASES["default"].setdefault("TEST", {})
if envstr("TEST_DATABASE_NAME"):
    # Lets parallel local runs on one PostgreSQL server keep their test databases apart.
    DATABASES["default"]["TEST"]["NAME"] = envstr("TEST_DATABASE_NAME")
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker for Celery and the cache. Unset: tasks run eagerly and the cache is local memory
# in development, the database table `django_cache` in production (every gunicorn worker must
# see the same cache: page invalidation, import progress). The table is made by a migration.
# The cache is best-effort (foundation/cache.py): short timeouts, so a dead Redis costs little.
REDIS_URL = envurl("REDIS_URL", ("redis", "rediss"))
CACHE_TABLE = "django_cache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            # Several sites (or test runs) sharing one Redis keep their keys apart.
            "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", ""),
        }
    }
elif DEBUG or TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}}
# Whole public pages are cached for anonymous visitors (foundation/public_cache.py); saving
# any public content invalidates them at once. 0 turns the cache off (the default in
# development, where templates change under a running server).
PUBLIC_PAGE_CACHE_SECONDS = envint("PUBLIC_PAGE_CACHE_SECONDS", 0 if DEBUG else 600)
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# Publishing from a request gives up fast when the broker is down (one quick retry, not
# Celery's default of seconds): the outbox keeps the work and the sweep hands it out later.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
    "socket_connect_timeout": 1,
}
CELERY_TASK_EAGER_PROPAGATES = True
# One queue per test worker (tests/workers.py), or per site when several share one Redis.
CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Asia/Almaty"
CELERY_BEAT_SCHEDULE: dict = {}  # filled by apps: see foundation/celery.py
# The outbox (outbox/services.py): hand out e-mails and jobs not yet sent, retry the failed.
CELERY_BEAT_SCHEDULE["outbox-sweep"] = {"task": "outbox.tasks.sweep", "schedule": 60.0}
# Proposals: imports whose worker died end failed (nothing of them was kept), never "importing".
CELERY_BEAT_SCHEDULE["imports-recover"] = {"task": "proposals.tasks.recover_imports", "schedule": 60.0}
# Memoranda: remind owners of commitments due within 14 days and flag the overdue, daily at 08:00.
CELERY_BEAT_SCHEDULE["commitments-daily"] = {
    "task": "consultations.tasks.memoranda.commitments_daily",
    "schedule": crontab(hour=8, minute=0),
}
# Events: remind registered people the day before, daily at 10:00 (each reminder sent once).
CELERY_BEAT_SCHEDULE["events-reminders"] = {
    "task": "events.tasks.remind_tomorrows_events",
    "schedule": crontab(hour=10, minute=0),
}
# Events: registrants' data are deleted a year after the event (the consent says so), nightly.
CELERY_BEAT_SCHEDULE["events-purge-registrations"] = {
    "task": "events.tasks.purge_old_registrations",
    "schedule": crontab(hour=3, minute=15),
}

# Online events: join and recording links must be https to one of these hosts (or their
# subdomains); consultations/links.py.
EVENT_LINK_HOSTS = envlist(
    "EVENT_LINK_HOSTS", ["zoom.us", "meet.google.com", "teams.microsoft.com", "youtube.com", "youtu.be"]
)
# Open data: the nightly package, at 02:30 when the site is quiet.
CELERY_BEAT_SCHEDULE["open-data-nightly"] = {
    "task": "opendata.tasks.build_package",
    "schedule": crontab(hour=2, minute=30),
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Failed logins: after AXES_FAILURE_LIMIT failures the username and the address are each
# locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Reverse proxies in front of the site that append X-Forwarded-For (0: none, trust REMOTE_ADDR).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Internationalisation: Kazakh first, then Russian and English.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("kk", "ru", "en")
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["foundation.formats"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded files: the local disk (MEDIA_ROOT) by default, or an S3-compatible bucket shared by
# every web node and worker (MEDIA_STORAGE=s3). Objects are stored private; every download goes
# through the app's views and their access check (foundation/files.py), never a bucket URL.
MEDIA_STORAGE = envstr("MEDIA_STORAGE", "local")
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3; got {MEDIA_STORAGE!r}")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if MEDIA_STORAGE == "s3":
    if not envstr("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("AWS_STORAGE_BUCKET_NAME must be set when MEDIA_STORAGE=s3")
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options()}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_MB", 15) * 1024 * 1024

# The read API (/api/v1/): public data only, everyone anonymous (no session, no CSRF), JSON
# only (DRF's browsable pages carry inline scripts), throttled per client address.
API_THROTTLE_RATE = envstr("API_THROTTLE_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["opendata.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regional consultation tour: open data API",
    "DESCRIPTION": (
        'Read-only public data of the regional tour of the "Qazaqstan Halqyna" Public Foundation: regions, meetings, '
        "memoranda and commitments, programs and proposals. Texts in Kazakh, Russian or English "
        "(`?lang=` or `Accept-Language`). No contacts, no names without consent, nothing unpublished."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ProposalStatusEnum": "proposals.models.Proposal.Status",
        "MeetingStatusEnum": "consultations.models.Meeting.Status",
        "MemorandumStatusEnum": "consultations.models.Memorandum.Status",
        "CommitmentStatusEnum": "consultations.models.Commitment.Status",
        "ProgramStatusEnum": "programs.models.Program.Status",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = envstr("EMAIL_FILE_PATH")  # for django.core.mail.backends.filebased.EmailBackend
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Қазақстан халқына <noreply@example.kz>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: production (DEBUG off) passes `manage.py check --deploy` with no warning.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]

# Logs go to the console (journald under systemd). LOG_FORMAT=json writes one JSON object a
# line; LOG_REQUEST_ID=1 stamps each line with the request's id (the X-Request-ID header the
# proxy sends, or a fresh one), which the response also carries back.
LOG_FORMAT = envstr("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json; got {LOG_FORMAT!r}")
LOG_REQUEST_ID = envbool("LOG_REQUEST_ID", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "foundation.observability.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "foundation.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every page they lay out at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}
if LOG_REQUEST_ID:
    MIDDLEWARE.insert(0, "foundation.observability.RequestIdMiddleware")

# Error reports to Sentry only when SENTRY_DSN is set (sentry-sdk; no personal data sent).
SENTRY_DSN = envstr("SENTRY_DSN")
if SENTRY_DSN and not TESTING:
    from foundation.observability import init_sentry

    init_sentry(SENTRY_DSN)

# Prometheus metrics (django-prometheus) at /metrics when PROMETHEUS_METRICS=1. Not public: the
# scraper sends "Authorization: Bearer <METRICS_TOKEN>"; anyone else gets a 404.
PROMETHEUS_METRICS = envbool("PROMETHEUS_METRICS", False)
METRICS_TOKEN = envstr("METRICS_TOKEN", "")
if PROMETHEUS_METRICS:
    if not METRICS_TOKEN:
        raise ImproperlyConfigured("METRICS_TOKEN must be set when PROMETHEUS_METRICS is on")
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE.insert(0, "django_prometheus.middleware.PrometheusBeforeMiddleware")
    MIDDLEWARE.append("django_prometheus.middleware.PrometheusAfterMiddleware")

# Test-only overrides, kept together.
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    MEDIA_ROOT = Path(envstr("TEST_MEDIA_ROOT", "/tmp/foundation-test-media"))  # noqa: S108
    LOGGING["root"]["level"] = "WARNING"
    AXES_ENABLED = envbool("AXES_ENABLED", True)
    # Tests that check the page cache turn it on themselves; elsewhere a page cached by one
    # test must not leak into the next.
    PUBLIC_PAGE_CACHE_SECONDS = 0
    # Tests share one client address; the throttle test sets its own low rate.
    API_THROTTLE_RATE = "100000/minute"

ADMIN_URL_PREFIX = "admin/"
