"""Django settings, read from the environment (MINSHENG_*)."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("MINSHENG_VAR_DIR", Path.cwd() / "var")).resolve()

DEVELOPMENT_SECRET_KEY = "minsheng-development-only-secret-key-do-not-use-in-production"


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = env_flag("MINSHENG_PRODUCTION", False)
SECRET_KEY = os.environ.get("MINSHENG_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if PRODUCTION and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "MINSHENG_PRODUCTION is set but MINSHENG_SECRET_KEY is the development default; "
        "set a secret key of your own. / 生产模式下必须设置自己的 MINSHENG_SECRET_KEY。"
    )
DEBUG = env_flag("MINSHENG_DEBUG", not PRODUCTION)
ALLOWED_HOSTS = os.environ.get(
    "MINSHENG_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
).split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("MINSHENG_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "minsheng.core",
    "minsheng.registry",
    "minsheng.assistance",
    "minsheng.jobs",
    "minsheng.occupations",
    "minsheng.labour_market",
    "minsheng.skills",
    "minsheng.insurance",
    "minsheng.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "minsheng.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "minsheng.urls"
WSGI_APPLICATION = "minsheng.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "minsheng.core.navigation.navigation",
            ],
        },
    },
]


def database_from_environment() -> dict:
    url = os.environ.get("MINSHENG_DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "minsheng.sqlite3",
        "OPTIONS": {
            # WAL lets pages read while a long import writes; IMMEDIATE avoids the
            # "database is locked" upgrade failure of deferred write transactions.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        },
        "TEST": {"NAME": VAR_DIR / "test-minsheng.sqlite3"},
    }


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (`core.jobs`): tasks wait in the database until `minsheng worker` runs them,
# so the embedded default needs no broker. Tests run them at once (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A job running longer than this is taken for abandoned by a stopped worker and failed (a
# 100,000-row import takes some 13 s); a job queued longer than the hint's delay has its page
# say that no worker has taken it up.
BACKGROUND_JOB_STALE_AFTER = datetime.timedelta(
    minutes=int(os.environ.get("MINSHENG_JOB_STALE_MINUTES", "30"))
)
BACKGROUND_JOB_WORKER_HINT_AFTER = datetime.timedelta(minutes=2)
AUTH_USER_MODEL = "core.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins allowed per account and per address within the window before refusing.
LOGIN_FAILURE_LIMIT = int(os.environ.get("MINSHENG_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("MINSHENG_LOGIN_FAILURE_WINDOW", "900"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION

NINJA_PAGINATION_PER_PAGE = 50
NINJA_MAX_PER_PAGE_SIZE = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MINSHENG_LOG_LEVEL", "WARNING")},
}
