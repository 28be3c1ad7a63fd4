"""Hamahang settings: one module, read from the environment.

With nothing set it runs on SQLite under var/ with DEBUG on. See the README's
"Production settings" section for every variable.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HAMAHANG_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key-never-use-in-production"
elif len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters when DJANGO_DEBUG=0"
    )

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names when DJANGO_DEBUG=0")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Ours, from the floor up (DESIGN.md section 3).
    "council",
    "departments",
    "elections",
    "meetings",
    "acts",
    "reports",
    "portal",
    "api",
    "home",
    "demo",
    "council.apps.HamahangAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_q",
    "django_filters",
    "simple_history",
    "rules",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "council.middleware.NulMiddleware",  # before anything reads a cookie, the path or a parameter
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "council.middleware.UserLanguageMiddleware",
    "council.middleware.FriendlyMethodNotAllowedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "council.mfa.TwoFactorMiddleware",
]

ROOT_URLCONF = "hamahang.urls"
WSGI_APPLICATION = "hamahang.wsgi.application"

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
                "council.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "hamahang.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
            # A file, not memory, so that a real django-q2 worker started by a test sees the test data.
            "TEST": {"NAME": VAR_DIR / "test.sqlite3"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: one every process shares (the web server's and the worker's), so what the worker writes shows on the
# next page and rate limits hold across web workers: Redis when REDIS_URL is set, else a table in the database
# (`make migrate` creates it with createcachetable; so does the test database's creation).
REDIS_URL = os.environ.get("REDIS_URL", "")


def release(base_dir: Path) -> str:
    """The deployed code's version (HAMAHANG_RELEASE, else the git commit checked out), in every cache key: pages
    cached as one version's templates drew them are never shown by the next (sessions are kept in the database)."""
    if os.environ.get("HAMAHANG_RELEASE"):
        return os.environ["HAMAHANG_RELEASE"]
    try:
        head = (base_dir / ".git" / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head.removeprefix("ref: ")
            loose = base_dir / ".git" / ref
            packed = (base_dir / ".git" / "packed-refs").read_text() if not loose.exists() else ""
            head = loose.read_text().strip() if loose.exists() else packed.split(f" {ref}\n")[0].split("\n")[-1]
        return head[:12]
    except (OSError, IndexError):
        return "dev"


RELEASE = release(BASE_DIR)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "helpers.caching.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{os.environ.get('CACHE_KEY_PREFIX', 'hamahang')}:{RELEASE}",
        }
    }
    # Sessions are read from the shared cache and written through to the database, so a signed-in
    # request costs no session query and a cache flush signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hamahang_cache",
            "KEY_PREFIX": RELEASE,
            "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 5000)},
        }
    }

# Background work: django-q2 with the database as broker (it has delivery receipts:
# a task whose worker dies is handed out again after `retry` seconds).
Q_CLUSTER = {
    "name": "hamahang",
    "label": _("Django Q"),  # the admin's name for the task queue, translated in locale_vendor
    "orm": "default",
    "workers": envint("Q_WORKERS", 2),
    "timeout": envint("Q_TIMEOUT", 300),
    "retry": envint("Q_RETRY", 360),
    "max_attempts": envint("Q_MAX_ATTEMPTS", 3),
    "catch_up": False,
    # A task that raises is not acknowledged, so it is handed out again after `retry`
    # seconds, up to `max_attempts` times (a failed e-mail, a worker killed mid-PDF).
    "ack_failures": False,
    "poll": 1,
}

AUTH_USER_MODEL = "council.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:home"

ACCOUNT_ADAPTER = "council.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # people are invited by an admin who knows their address
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Failed logins (council.adapters.AccountAdapter.pre_authenticate): at most 10 a minute from one address and
# 5 in 5 minutes per account *and* address, so a stranger elsewhere cannot lock the owner out; and, counting only
# addresses the account has never signed in from, 20 an hour per account (slow guessing from many addresses).
# The username and the e-mail address of one account count as one account.
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/300s/key"),
    "login_failed_account": os.environ.get("LOGIN_FAILED_ACCOUNT_RATE_LIMIT", "20/h/key"),
}
# The number of proxies in front of the app that append the client's address to X-Forwarded-For (1 behind the
# documented nginx); 0 reads REMOTE_ADDR. Every rate limit and the audit log read it (helpers.traffic.client_ip).
HAMAHANG_TRUSTED_PROXIES = envint("HAMAHANG_TRUSTED_PROXIES", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = HAMAHANG_TRUSTED_PROXIES
PORTAL_SEARCH_RATE_LIMIT = os.environ.get("PORTAL_SEARCH_RATE_LIMIT", "30/m")
REQUEST_TRACK_RATE_LIMIT = os.environ.get("REQUEST_TRACK_RATE_LIMIT", "10/m")
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/m")  # per client address

# The public API (api/): anonymous and read-only, JSON only (no browsable pages), one rate limit per client.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.policies.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.policies.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hamahang public API",
    "DESCRIPTION": "What each council's portal publishes, as data: meetings and their agendas, decisions of "
    "published minutes with their implementation, the register of acts, statements. Read-only and anonymous; "
    "dates in ISO 8601 (Gregorian), whatever the council's calendar.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.error_responses",
    ],
}
# Sign-ins, two-factor and role changes, invitations: kept this many days (purged every night).
AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", 365)
# Whoever sends this as "Authorization: Bearer <token>" (a monitor) sees /healthz's details; admins always do.
HEALTHZ_TOKEN = os.environ.get("HEALTHZ_TOKEN", "")
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hamahang] "
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {
    "login": "council.forms.LoginForm",
    "reset_password": "council.forms.ResetPasswordForm",
    "reset_password_from_key": "council.forms.ResetPasswordKeyForm",
    "change_password": "council.forms.ChangePasswordForm",
    "set_password": "council.forms.AccountSetPasswordForm",
    "reauthenticate": "council.forms.AccountReauthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Hamahang"
MFA_FORMS = {
    "authenticate": "council.forms.AuthenticateForm",
    "reauthenticate": "council.forms.ReauthenticateForm",
    "activate_totp": "council.forms.ActivateTOTPForm",
}
# Chairs and admins must turn on two-factor authentication before approving or
# publishing anything. On by default whenever debug is off.
HAMAHANG_REQUIRE_MFA = envbool("HAMAHANG_REQUIRE_MFA", not DEBUG)
INVITATION_VALID_DAYS = envint("INVITATION_VALID_DAYS", 7)
ATTACHMENT_MAX_MB = envint("ATTACHMENT_MAX_MB", 20)
# A PDF build reports progress every page; one silent this long is taken to be dead and handed out again.
DOCUMENT_HEARTBEAT_SECONDS = envint("DOCUMENT_HEARTBEAT_SECONDS", 30)

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("fa", _("Persian")),
    ("sq", _("Albanian")),
    ("sr", _("Serbian (Cyrillic)")),
    ("sr-latn", _("Serbian (Latin)")),
    ("en", _("English")),
]
# Our own catalogues, then our translations of third-party strings (allauth ships no
# Albanian; some of Django's and django-q2's are missing in Persian and Albanian).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Generated documents: on shared storage too when web and workers run on several hosts.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hamahang <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# No inline scripts anywhere: every script is a file under static/. The one inline style, a council's portal colour
# (validated #rrggbb), carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Off only for the load benchmark on plain-HTTP loopback (scripts/bench_load.py).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_on_one_line": {"()": "helpers.log.ForbiddenOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"filters": ["forbidden_on_one_line"]},
        "django.security.csrf": {"filters": ["forbidden_on_one_line"]},
    },
}
