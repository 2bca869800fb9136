"""Settings, read from the environment (twelve-factor); see the README's "Configuration" section.

Development defaults are safe to run on a laptop: SQLite under ``var/``, DEBUG on, mail to the console.
A production deployment sets ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DEBUG=false`` and ``DATABASE_URL``.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
# Data (database, uploads, published snapshots) lives outside the package, by default in ./var.
DATA_DIR = Path(os.environ.get("SUBSIDIA_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

SUBSIDIA_APPS = [
    "subsidia.core",
    "subsidia.reference",
    "subsidia.programmes",
    "subsidia.consultations",
    "subsidia.committee",
    "subsidia.calls",
    "subsidia.applications",
    "subsidia.assessment",
    "subsidia.projects",
    "subsidia.finance",
    "subsidia.transparency",
    "subsidia.parliament",
    "subsidia.reporting",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    *SUBSIDIA_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "subsidia.core.middleware.RequestIdMiddleware",
    "subsidia.core.middleware.UnstorableInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "subsidia.core.middleware.LanguageQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "subsidia.urls"
WSGI_APPLICATION = "subsidia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "subsidia.core.context_processors.subsidia",
            ],
            "builtins": ["subsidia.core.templatetags.subsidia"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers work while one writer writes; IMMEDIATE transactions take
# the write lock at BEGIN so two writers queue (busy timeout) instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "subsidia.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------------------------------------
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
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
# Login throttling: five failures lock the username for one hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# --- Languages and time -------------------------------------------------------------------------------
# Dutch is the official, legally binding language of a Flemish deployment; French and English are
# translations. German can be switched on with SUBSIDIA_ENABLE_GERMAN=true.
LANGUAGE_CODE = os.environ.get("SUBSIDIA_OFFICIAL_LANGUAGE", "nl")
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
if env_bool("SUBSIDIA_ENABLE_GERMAN", False):
    LANGUAGES.append(("de", _("German")))
SUBSIDIA_OFFICIAL_LANGUAGE = LANGUAGE_CODE
# CLDR locales (Babel) used to format numbers, amounts and dates per interface language.
SUBSIDIA_CLDR_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en", "de": "de_BE"}
LANGUAGE_COOKIE_NAME = "subsidia_language"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

# --- Static files and uploads ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "files"  # never served directly: files go through permission-checking views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
SUBSIDIA_MAX_UPLOAD_BYTES = int(os.environ.get("SUBSIDIA_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))

# --- E-mail ------------------------------------------------------------------------------------------------
# Console by default; set EMAIL_HOST (and friends) to send through SMTP.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "subsidia@localhost")

# --- Security headers (production) ---------------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# --- API ---------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["subsidia.core.api.permissions.IsAuthenticatedReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "subsidia.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "subsidia.core.api.exceptions.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
    "DEFAULT_THROTTLE_RATES": {
        "public": os.environ.get("SUBSIDIA_PUBLIC_API_RATE", "600/minute"),
    },
    "NUM_PROXIES": int(os.environ.get("SUBSIDIA_NUM_PROXIES", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Subsidia API",
    "DESCRIPTION": (
        "Programme budget, reference data and the public accountability of an EU fund programme. "
        "Amounts are decimal strings in euro; rates are decimal fractions."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ApprovalOutcomeEnum": "subsidia.core.approval_models.ApprovalDecision.Outcome",
        "ComplaintOutcomeEnum": "subsidia.assessment.constants.ComplaintOutcome",
        "SelectionOutcomeEnum": "subsidia.assessment.constants.Outcome",
    },
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Demo users exist only when the demo loader made them; never in a production set-up.
SUBSIDIA_DEMO_PASSWORD = "subsidia-demo"  # noqa: S105
