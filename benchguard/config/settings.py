"""BenchGuard settings, read from the environment (house style 12).

Every knob is an environment variable read through `benchguard.config.env`; the table in
README.md lists them. Without any variable set this is a working single-machine
installation on SQLite with secrets generated into `var/local-secrets.json`.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from benchguard.config.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
)
from benchguard.config.ldap import ldap_settings
from benchguard.core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent  # the benchguard package
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("BENCHGUARD_VAR_DIR", str(PROJECT_DIR / "var")))

# development: the demo and a developer's machine; production: a court's server;
# test: the test suite (see settings_test).
BENCHGUARD_ENV = env_choice("BENCHGUARD_ENV", "development", ("development", "production", "test"))
PRODUCTION = BENCHGUARD_ENV == "production"
DEBUG = env_bool("DEBUG", default=BENCHGUARD_ENV == "development")


def _local_secrets() -> dict[str, str]:
    """Secrets for a non-production machine, generated once into a git-ignored file."""
    path = VAR_DIR / "local-secrets.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    generated = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "BLIND_INDEX_KEY": secrets.token_urlsafe(32),
    }
    path.write_text(json.dumps(generated, indent=2), encoding="utf-8")
    path.chmod(0o600)
    return generated


def _secret(name: str) -> str:
    value = env_secret(name)
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} (or {name}_FILE) must be set in production")
    return _local_secrets()[name]


SECRET_KEY = _secret("SECRET_KEY")
# One or more Fernet keys, comma-separated; the first encrypts, all decrypt (rotation).
FIELD_ENCRYPTION_KEYS = [k.strip() for k in _secret("FIELD_ENCRYPTION_KEY").split(",") if k.strip()]
# Keyed hash for exact look-up of encrypted identity numbers (blind index).
BLIND_INDEX_KEY = _secret("BLIND_INDEX_KEY")
# During a key rotation only (`benchguard rotate-keys`, docs/backup.md): the blind-index
# key being replaced. Look-ups try both keys while it is set; unset it once the run is done.
BLIND_INDEX_KEY_PREVIOUS = env_secret("BLIND_INDEX_KEY_PREVIOUS") or ""
# The key of `benchguard backup` and `restore` archives: the value, or the path of the
# file holding it, which only those commands read (core.backup.backup_key) — a web server
# that may not read the key file still starts.
BACKUP_KEY = env_str("BACKUP_KEY")
BACKUP_KEY_FILE = env_str("BACKUP_KEY_FILE")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "benchguard.core",
    "benchguard.organization",
    "benchguard.notifications",
    "benchguard.duty",
    "benchguard.committee",
    "benchguard.matters",
    "benchguard.persons_of_concern",
    "benchguard.cases",
    "benchguard.incidents",
    "benchguard.after_hours",
    "benchguard.gate",
    "benchguard.liaison",
    "benchguard.interference",
    "benchguard.reputation",
    "benchguard.privacy",
    "benchguard.welfare",
    "benchguard.wellbeing",
    "benchguard.equipment",
    "benchguard.training",
    "benchguard.meetings",
    "benchguard.alarm",
    "benchguard.overview",
    "benchguard.signin",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First, so every response — an HTTPS redirect too — and every log line has its id.
    "benchguard.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the session's second factor
    "benchguard.core.middleware.UserLanguageMiddleware",
    "benchguard.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Sends a signed-in user who needs the second factor to enrol or verify (signin).
    "benchguard.signin.middleware.SecondFactorMiddleware",
    # After CSRF, authentication and messages: a form token or Idempotency-Key is
    # claimed only once the CSRF check has passed (issue 9).
    "benchguard.core.middleware.OnceMiddleware",
]

ROOT_URLCONF = "benchguard.config.urls"
WSGI_APPLICATION = "benchguard.config.wsgi.application"
AUTH_USER_MODEL = "organization.Account"

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
                "benchguard.core.context_processors.navigation",
                "benchguard.notifications.context_processors.unread",
                "benchguard.signin.context_processors.second_factor",
            ],
            # {% once_token %} in every POST form without a {% load %} line (issue 9).
            "builtins": ["benchguard.core.templatetags.once"],
        },
    }
]

# --- Database ---------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
# SQLite, by default or named by DATABASE_URL: WAL lets readers work while one writer
# writes; IMMEDIATE takes the write lock at BEGIN so two writers queue instead of failing
# mid-transaction ("database is locked" with the worker running, without them).
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20, minimum=1),
}
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "benchguard.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work (tasks API) ------------------------------------------------
TASKS_BACKEND = env_choice("TASKS_BACKEND", "database", ("database", "redis", "immediate"))
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "redis":
    INSTALLED_APPS += ["django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A worker that has not beaten for this long is reported as stale by /healthz and makes
# /readyz answer 503.
WORKER_HEARTBEAT_STALE_SECONDS = env_int("WORKER_HEARTBEAT_STALE_SECONDS", 300, minimum=10)
# A database-queue task RUNNING for longer than this is taken to be lost with a killed
# worker: `benchguard worker` marks it failed (or `recover-tasks --requeue` puts it back).
TASK_RUNNING_TIMEOUT_MINUTES = env_int("TASK_RUNNING_TIMEOUT_MINUTES", 60, minimum=1)
# What happens to such a lost task: "fail" (default) or "requeue" (only when every task of
# the installation is safe to run twice).
TASK_RECOVERY_ACTION = env_choice("TASK_RECOVERY_ACTION", "fail", ("fail", "requeue"))
# The audit chain's head is exported hourly (`export-audit-head`, core.audit_export): one
# JSON line appended to this file (best on another machine's mount), and/or one line to
# this syslog address ("/dev/log" or "loghost:514"). Both empty: not exported.
AUDIT_HEAD_EXPORT_FILE = env_str("AUDIT_HEAD_EXPORT_FILE")
AUDIT_HEAD_EXPORT_SYSLOG = env_str("AUDIT_HEAD_EXPORT_SYSLOG")
# How long a repeated form POST or API call waits for the first one to finish (core.once).
ONCE_WAIT_SECONDS = env_int("ONCE_WAIT_SECONDS", 5, minimum=0)
# Finished task results (database queue) older than this are pruned daily (core.jobs).
TASK_RESULT_RETENTION_DAYS = env_int("TASK_RESULT_RETENTION_DAYS", 30, minimum=1)

# --- Authentication -------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "benchguard.organization.backends.AccountBackend",
]
# Directory sign-in (LDAP / Active Directory): on when LDAP_SERVER_URI is set
# (config/ldap.py, docs/sign-in.md). Local accounts keep signing in with their password.
_LDAP = ldap_settings()
globals().update(_LDAP)
BENCHGUARD_LDAP_GROUP_ROLES = _LDAP.get("BENCHGUARD_LDAP_GROUP_ROLES", [])
if _LDAP:
    AUTHENTICATION_BACKENDS.append("benchguard.signin.directory.DirectoryBackend")
# Two-factor sign-in (TOTP and recovery codes) for the roles that read the controlled
# list, private details or counselling (signin.second_factor): required in production;
# elsewhere offered on the home page, so the demo's personas sign in with a password.
BENCHGUARD_OTP_REQUIRED = env_bool("BENCHGUARD_OTP_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "BenchGuard")
# Wrong codes wait longer and longer (django-otp's throttle) and count toward the
# account's lockout like wrong passwords (axes, signin.views).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE_SECONDS", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# --- HTTPS (docs/deployment.md) ---------------------------------------------------
# In production the site is served over HTTPS by nginx in front of gunicorn; each knob
# below follows HTTPS_ONLY and can be turned off alone. A closed court network that
# really serves plain HTTP sets HTTPS_ONLY=false (and `check --deploy` then says so).
HTTPS_ONLY = env_bool("HTTPS_ONLY", default=PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=HTTPS_ONLY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS_ONLY)
# The load balancer's probes reach gunicorn directly over plain HTTP: never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS_ONLY else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS_ONLY)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS_ONLY)
# nginx terminates TLS and says so in X-Forwarded-Proto; trust that header only when a
# proxy that always sets it stands in front (deploy/nginx/benchguard.conf does).
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
# Locked by user name, not address: a whole court sits behind few addresses, and a
# guard's mistyping must not lock out the gatehouse's other accounts.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # the choice above is deliberate
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Internationalisation (Simplified Chinese first, English complete) -----------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static files (vendored; no CDN) and uploads --------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even before collectstatic
# benchguard/static: the vendored Bootstrap and htmx and the project's own CSS (not an app).
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- E-mail (files under var/mail/ in the demo; SMTP on a court's server) --------
# `serve-demo` selects benchguard.core.demo_mail.EmailBackend, which writes each e-mail
# to a file under EMAIL_FILE_PATH and logs one line for it.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "benchguard@court.local")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# --- API ------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first so an anonymous call gets 401 with a WWW-Authenticate header.
        "benchguard.signin.api.SecondFactorTokenAuthentication",  # TokenAuthentication + the second factor
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "benchguard.core.api_schema.AutoSchema",  # declares errors, empty values
    "EXCEPTION_HANDLER": "benchguard.core.api.exception_handler",  # service refusals → 400/409
}
SPECTACULAR_SETTINGS = {
    "TITLE": "BenchGuard API",
    "DESCRIPTION": "法官权益保障平台 API — the same services and scoping as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set (the matter's channel and the feedback's channels differ).
    "ENUM_NAME_OVERRIDES": {
        "MatterChannelEnum": "benchguard.matters.choices.Channel",
        "DecisionBasisEnum": "benchguard.matters.choices.DecisionBasis",
        "FeedbackChannelEnum": ["online", "phone", "email", "written"],
        # Shared by several fields or serializers: one name each, so `check --deploy`
        # (which generates the schema) is clean (issue 16).
        "CaseStageEnum": "benchguard.cases.choices.Stage",
        "RecordingKindEnum": "benchguard.equipment.choices.RecordingKind",
        "ReturnConditionEnum": "benchguard.equipment.choices.ReturnCondition",
        "DutyRoleEnum": "benchguard.duty.choices.DutyRole",
        "TakedownNoticeStatusEnum": "benchguard.privacy.choices.NoticeStatus",
        "FollowUpStatusEnum": "benchguard.training.choices.FollowUpStatus",
        "WelfareItemStatusEnum": "benchguard.welfare.choices.ItemStatus",
    },
}

# --- Content-Security-Policy: only our own origin -------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Logging --------------------------------------------------------------------
# One JSON object a line in production (for the court's log collector), plain text
# elsewhere; every line carries the request id the audit trail carries (core.logs).
LOG_FORMAT = env_choice("LOG_FORMAT", "json" if PRODUCTION else "plain", ("json", "plain"))
LOGGING = logging_config(LOG_FORMAT, env_str("LOG_LEVEL", "INFO"))

# The address users open BenchGuard at, for links in e-mails (no trailing slash).
BENCHGUARD_BASE_URL = env_str("BENCHGUARD_BASE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip(
    "/"
)

# --- Domain settings ------------------------------------------------------------
# Uploads kept as evidence are typed by their content (core.uploads). Documents and photos
# may be this large; audio and video recordings (incidents, A8) have their own limit. Django
# spools an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, so a
# recording is streamed to storage, never held in memory.
MATTER_ATTACHMENT_MAX_BYTES = env_int("MATTER_ATTACHMENT_MAX_MB", 10, minimum=1) * 1024 * 1024
RECORDING_ATTACHMENT_MAX_BYTES = env_int("RECORDING_ATTACHMENT_MAX_MB", 500, minimum=1) * 1024 * 1024
# Recordings of duty and field enforcement (equipment, A10.2) are kept this many days after
# they were made, per kind (RECORDING_RETENTION_DAYS_DUTY, …_FIELD_ENFORCEMENT, …_MEETING,
# …_COURTROOM, …_OTHER); one kept with an open incident, sanction or matter is kept until
# that closes (equipment.holds). Their stored bytes are re-checked against the SHA-256 taken
# at upload every RECORDING_CHECK_INTERVAL_DAYS, at most RECORDING_CHECK_BATCH a night.
# They are stored through STORAGES["default"]: see docs/architecture.md ("equipment") for
# S3-compatible object storage.
RECORDING_RETENTION_DAYS = {
    kind: env_int(f"RECORDING_RETENTION_DAYS_{kind.upper()}", days, minimum=30)
    for kind, days in {
        "duty": 730,
        "field_enforcement": 1095,
        "meeting": 1095,
        "courtroom": 1095,
        "other": 365,
    }.items()
}
RECORDING_CHECK_INTERVAL_DAYS = env_int("RECORDING_CHECK_INTERVAL_DAYS", 7, minimum=1)
RECORDING_CHECK_BATCH = env_int("RECORDING_CHECK_BATCH", 500, minimum=1)
# The gate (A12.2): visitors' personal data is purged this many days after the visit.
GATE_VISITOR_RETENTION_DAYS = env_int("GATE_VISITOR_RETENTION_DAYS", 180, minimum=1)
# Screening (issue 9): a visitor graded "check" waits this many minutes for the judicial
# police; with no decision by then the visit is put on hold (never let through).
GATE_CHECK_MINUTES = env_int("GATE_CHECK_MINUTES", 10, minimum=1)
# The controlled list (A15): an entry expires at most this many days after its approval
# (a setting of the courts, not law).
POC_LIST_MAX_TERM_DAYS = env_int("POC_LIST_MAX_TERM_DAYS", 365, minimum=1)
# Personal data of this court's judges is shown masked everywhere but the restricted record.
BENCHGUARD_SITE_NAME = _("BenchGuard — judges' rights protection")
