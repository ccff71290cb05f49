"""XTTM settings: one module, every value read from the environment (see README)."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("XTTM_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Production mode is the safe default for an unknown environment: it refuses to
# start without a real SECRET_KEY and turns every HTTPS protection on.
PRODUCTION = env_bool("XTTM_PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when XTTM_PRODUCTION is on.")
    # Dev and demo keep a generated key on disk so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "django_htmx",
    "django_tables2",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "xttm.core",
    "xttm.accounts",
    "xttm.directory",
    "xttm.promotion",
    "xttm.emulation",
    "xttm.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xttm.core.middleware.VietnameseFirstLocaleMiddleware",
    "xttm.core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "xttm.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "xttm.core.middleware.FileWriteErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xttm.urls"
WSGI_APPLICATION = "xttm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "xttm" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xttm.core.context_processors.navigation",
            ],
            # `unlocalize` everywhere: years must print 2026, not 2.026.
            "builtins": ["django.templatetags.l10n"],
        },
    }
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'xttm.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while the web server reads.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The people list's order index carries extra columns (INCLUDE) on PostgreSQL, so a
    # search reads the index alone; SQLite builds the same index without them, as meant.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
# Optional read replica: the reporting pages read from it (xttm/core/db_router.py).
# Its TEST mirror is `default`, so the tests prove the routing on one database.
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["xttm.core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
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
LOGOUT_REDIRECT_URL = "login"

# Second factor for administrators: on in production, off in the demo.
XTTM_REQUIRE_2FA_FOR_ADMINS = env_bool("XTTM_REQUIRE_2FA", PRODUCTION)

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "xttm" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
NUMBER_GROUPING = 3
FORMAT_MODULE_PATH = ["xttm.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "xttm" / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "xttm.core.storage.StaticStorage"
            if not DEBUG and env_bool("XTTM_MANIFEST_STATIC", True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
XTTM_MAX_UPLOAD_BYTES = env_int("XTTM_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# Test-only: an import job writes this file once its rows are saved but not yet committed, then
# waits while the file exists, so a test can kill the worker mid-import. Empty in real use.
XTTM_TEST_IMPORT_HOLD_FILE = env_str("XTTM_TEST_IMPORT_HOLD_FILE", "")
# Bounds of an imported spreadsheet, checked before anything is inflated or loaded
# (xttm/core/importing.py): a bigger register is split into several files.
XTTM_IMPORT_MAX_ROWS = env_int("XTTM_IMPORT_MAX_ROWS", 500_000)
XTTM_IMPORT_MAX_COLUMNS = env_int("XTTM_IMPORT_MAX_COLUMNS", 200)
XTTM_IMPORT_MAX_CELL_CHARS = env_int("XTTM_IMPORT_MAX_CELL_CHARS", 5_000)
XTTM_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("XTTM_IMPORT_MAX_UNCOMPRESSED_BYTES", 1024**3)
XTTM_IMPORT_MAX_COMPRESSION_RATIO = env_int("XTTM_IMPORT_MAX_COMPRESSION_RATIO", 100)


def _mailer(url: str) -> dict:
    """EMAIL_URL → Django 6.1's MAILERS entry: console://, smtp://, smtp+tls://, smtps://."""
    if url.startswith("console:"):
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    from urllib.parse import unquote, urlparse

    parsed = urlparse(url)
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parsed.hostname or "localhost",
            "port": parsed.port or 25,
            "username": unquote(parsed.username or ""),
            "password": unquote(parsed.password or ""),
            "use_tls": parsed.scheme == "smtp+tls",
            "use_ssl": parsed.scheme == "smtps",
        },
    }


MAILERS = {"default": _mailer(env_str("EMAIL_URL", "console://"))}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "XTTM <no-reply@xttm.local>")

TASKS = {
    "default": {
        "BACKEND": env_str("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Several machines: TASK_BACKEND=django_tasks_rq.RQBackend keeps the queue in Redis
# (REDIS_URL); `xttm rqworker --job-class django_tasks_rq.Job` runs the jobs.
# Needs the `rq` extra (`uv sync --extra rq`); see docs/deploy.md.
if TASKS["default"]["BACKEND"].startswith("django_tasks_rq."):
    INSTALLED_APPS += ["django_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "XTTM API",
    "DESCRIPTION": "API of the Trade Promotion Agency's management system (XTTM).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from our own static files: no CDN, and CSP stays strict.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set, so clients see SchemeStatusEnum, not Status566Enum.
    "ENUM_NAME_OVERRIDES": {
        "ProvinceSystemEnum": "xttm.directory.choices.ProvinceSystem",
        "ProvinceKindEnum": "xttm.directory.choices.ProvinceKind",
        "OrganizationKindEnum": "xttm.directory.choices.OrganizationKind",
        "BodyKindEnum": "xttm.directory.choices.BodyKind",
        "GenderEnum": "xttm.directory.choices.Gender",
        "EmploymentCategoryEnum": "xttm.directory.choices.EmploymentCategory",
        "EnterpriseSizeEnum": "xttm.directory.choices.EnterpriseSize",
        "OwnershipEnum": "xttm.directory.choices.Ownership",
        "SectorEnum": "xttm.directory.choices.Sector",
        "LevelEnum": "xttm.emulation.choices.Level",
        "MovementFormEnum": "xttm.emulation.choices.MovementForm",
        "RatingCodeEnum": "xttm.emulation.choices.RatingCode",
        "HonourCodeEnum": "xttm.emulation.choices.HonourCode",
        "HonourKindEnum": "xttm.emulation.choices.HonourKind",
        "ScopeEnum": "xttm.emulation.choices.Scope",
        "InitiativeKindEnum": "xttm.emulation.choices.InitiativeKind",
        "DisciplineLevelEnum": "xttm.emulation.choices.DisciplineLevel",
        "HoldKindEnum": "xttm.emulation.choices.HoldKind",
        "LeaveKindEnum": "xttm.emulation.choices.LeaveKind",
        "RegistrationStatusEnum": "xttm.emulation.choices.RegistrationStatus",
        "AssessmentKindEnum": "xttm.emulation.choices.AssessmentKind",
        "ReviewKindEnum": "xttm.emulation.choices.ReviewKind",
        "RoundStatusEnum": "xttm.emulation.choices.RoundStatus",
        "NominationStatusEnum": "xttm.emulation.choices.NominationStatus",
        "DocumentKindEnum": "xttm.emulation.choices.DocumentKind",
        "SessionStatusEnum": "xttm.emulation.choices.SessionStatus",
        "VoteEnum": "xttm.emulation.choices.Vote",
        "DecisionStatusEnum": "xttm.emulation.choices.DecisionStatus",
        "LineEnum": "xttm.promotion.choices.Line",
        "SchemeStatusEnum": "xttm.promotion.choices.SchemeStatus",
        "AdjustmentKindEnum": "xttm.promotion.choices.AdjustmentKind",
        "AdjustmentStatusEnum": "xttm.promotion.choices.AdjustmentStatus",
        "ActivityKindEnum": "xttm.promotion.choices.ActivityKind",
        "DealKindEnum": "xttm.promotion.choices.DealKind",
        "FacilityKindEnum": "xttm.promotion.choices.FacilityKind",
        "BrandResultEnum": "xttm.promotion.choices.BrandResult",
        "CountryEnum": "django_countries.countries",
        "ReportJobKindEnum": "xttm.reports.models.ReportJob.Kind",
        "ReportJobStatusEnum": "xttm.reports.models.ReportJob.Status",
    },
}

# django-tables2's Bootstrap 5 table, its body written in Python (xttm/core/tables.py).
DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

# Content-Security-Policy through Django 6's own middleware; inline scripts need
# the per-request nonce.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# The audit history is read-only everywhere: the admin shows old versions, never restores them.
SIMPLE_HISTORY_REVERT_DISABLED = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Domain settings (defaults; the promotion and emulation apps keep dated
# versions of their own thresholds in the database).
XTTM_DEMO = env_bool("XTTM_DEMO", False)
