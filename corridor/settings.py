"""Django settings. Every value comes from the environment (see docs/settings.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from corridor.core.csp import DEFAULT_POLICY as DEFAULT_CSP
from corridor.env import (
    env_bool,
    env_database_url,
    env_int,
    env_origins,
    env_path,
    env_proxy_ssl_header,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("CORRIDOR_DATA_DIR", "./var")
TESTING = "pytest" in sys.modules

DEBUG = env_bool("DEBUG", False)
DEMO = env_bool("CORRIDOR_DEMO", False)
_INSECURE_KEY = "corridor-insecure-demo-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or DEMO or TESTING):
        raise ImproperlyConfigured("SECRET_KEY is required outside debug/demo mode")
    SECRET_KEY = _INSECURE_KEY

HOST = env_str("HOST", "127.0.0.1")
PORT = env_int("PORT", 8000, minimum=1, maximum=65535)
ALLOWED_HOSTS = [h.strip() for h in env_str("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h.strip()]
if HOST not in ("127.0.0.1", "0.0.0.0", "localhost", "::") and HOST not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(HOST)
if TESTING:
    ALLOWED_HOSTS.append("testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corridor.core",
    "corridor.audit",
    "corridor.regions",
    "corridor.orgs",
    "corridor.alliances",
    "corridor.accounts",
    "corridor.demo",
    "corridor.matching",
    "corridor.equipment",
    "corridor.imports",
    "corridor.jobs",
    "corridor.chains",
    "corridor.notifications",
    "corridor.policies",
    "corridor.channel",
    "corridor.events",
    "corridor.standards",
    "corridor.rnd",
    "corridor.dashboards",
    "corridor.projects",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "corridor.core.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "corridor.urls"
WSGI_APPLICATION = "corridor.wsgi.application"

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
                "corridor.core.context_processors.corridor",
            ],
        },
    },
]

DATABASE_URL = env_database_url("DATABASE_URL", f"sqlite:///{DATA_DIR / 'corridor.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at BEGIN so
        # two writers queue instead of failing with "database is locked" on upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too, not shared-cache memory: there SQLite reports "table is locked" at once
    # instead of waiting, so tests with concurrent connections (threads) could not run as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-corridor.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite ignores INCLUDE columns: the search index org_listed_search gets its SQLite form in orgs 0003.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

_cache_url = env_str("CACHE_URL", "")
if _cache_url.startswith("redis://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// URL or empty (in-process cache)")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
LOGIN_RATE_LIMIT = env_int("LOGIN_RATE_LIMIT", 5, minimum=1)
LOGIN_RATE_WINDOW_SECONDS = env_int("LOGIN_RATE_WINDOW_SECONDS", 900, minimum=1)
# How many reverse proxies of ours stand in front (each appends to X-Forwarded-For); 0: clients connect directly.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0, minimum=0, maximum=5)
# Failures from one address over all usernames before that address is refused (see accounts.throttle).
LOGIN_RATE_LIMIT_PER_ADDRESS = env_int("LOGIN_RATE_LIMIT_PER_ADDRESS", 20, minimum=1)
# Password reset requests per address and per e-mail address within LOGIN_RATE_WINDOW_SECONDS.
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 5, minimum=1)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 3600, minimum=300)  # how long a reset link works
# Every password check goes through the throttle: the site's sign-in, /admin/login/, anything else.
AUTHENTICATION_BACKENDS = ["corridor.accounts.backends.ThrottledModelBackend"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
# An app may keep its own catalogue in <app>/locale, so that apps are translated independently.
# makemessages files each string under the first of these directories that contains its source,
# so the apps' directories come before the shared one (which contains them all).
LOCALE_PATHS = [*sorted(BASE_DIR.glob("*/locale")), BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise warns on every start when the collected-static directory is missing.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if (DEBUG or DEMO) else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "corridor@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Production behind HTTPS (README, "Production"): all off by default so that http://127.0.0.1 works.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS")
CONTENT_SECURITY_POLICY = env_str("CONTENT_SECURITY_POLICY", DEFAULT_CSP)

# An uploaded .xlsx is refused before parsing if it unpacks to more than this, or holds a longer cell.
IMPORT_MAX_UNCOMPRESSED_MB = env_int("IMPORT_MAX_UNCOMPRESSED_MB", 1024, minimum=1)
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32767, minimum=100)
# Uploaded member lists (contact data) are deleted this many days after their import finished; failed ones sooner.
IMPORT_KEEP_DAYS = env_int("IMPORT_KEEP_DAYS", 30, minimum=0)
IMPORT_KEEP_FAILED_DAYS = env_int("IMPORT_KEEP_FAILED_DAYS", 7, minimum=0)

# The one page-size rule of pages and API alike (corridor.core.toolkit.PAGE_SIZE / MAX_PAGE_SIZE).
NINJA_PAGINATION_PER_PAGE = 25
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_without_traceback": {"()": "corridor.core.logs.ForbiddenWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["forbidden_without_traceback"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
