"""Pactmonitor settings, read from the environment.

Every setting that comes from the environment goes through one of the typed helpers below,
which stop start-up with one clear line (``ImproperlyConfigured``) naming the variable when
its value is unusable. See the README for the variables.
"""

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}: expected a boolean (1/0, true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number, got {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int_list(name: str, default: list[int]) -> list[int]:
    items = env_list(name, [str(item) for item in default])
    try:
        return [int(item) for item in items]
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected whole numbers separated by commas") from None


def data_directory() -> Path:
    """The writable directory for the SQLite database, the secret key and collected files."""
    path = Path(env_str("PACTMONITOR_DATA_DIR", str(Path.cwd() / "data"))).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"PACTMONITOR_DATA_DIR: cannot create {path} ({exc.strerror})"
        ) from None
    if not os.access(path, os.W_OK):
        raise ImproperlyConfigured(f"PACTMONITOR_DATA_DIR: {path} is not writable")
    return path


def secret_key(data_dir: Path) -> str:
    """SECRET_KEY from the environment, or one generated once and kept in the data directory."""
    given = env_str("SECRET_KEY")
    if given:
        return given
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database(data_dir: Path) -> dj_database_url.DBConfig:
    url = env_str("DATABASE_URL") or f"sqlite:///{data_dir / 'pactmonitor.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ImproperlyConfigured(f"DATABASE_URL: cannot parse {url!r} ({exc})") from None
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(
            f"DATABASE_URL: unsupported database {engine or url!r}; use sqlite:// or postgres://"
        )
    if engine.endswith("sqlite3"):
        # WAL lets readers (the web server's workers) proceed while a writer commits.
        # IMMEDIATE: a writing transaction takes the write lock at its start, so two people
        # saving at once queue up instead of one failing with "database is locked".
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
        config["CONN_MAX_AGE"] = 0
    config["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME") or None}
    return config


DATA_DIR = data_directory()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "pactmonitor.core",
    "pactmonitor.provenance",
    "pactmonitor.accounts",
    "pactmonitor.regions",
    "pactmonitor.pacts",
    "pactmonitor.progress",
    "pactmonitor.indicators",
    "pactmonitor.initiatives",
    "pactmonitor.reports",
    "pactmonitor.exchange",
    "pactmonitor.downloads",
    "pactmonitor.notifications",
    "pactmonitor.web",
    # Background jobs (the stored reports and open-data dump): the tasks backport, queued in
    # the database so no broker is needed; `pactmonitor serve` starts the worker.
    "django_tasks",
    "django_tasks_db",
    "pactmonitor.api",
]

MIDDLEWARE = [
    # First, like Django's UpdateCacheMiddleware: it stores public pages with the headers the
    # whole stack gave them (core/pagecache.py).
    "pactmonitor.core.pagecache.UpdatePageCacheMiddleware",
    # Inside it, so a cached API answer keeps its headers; outside the security middleware, so
    # a refused host or an HTTPS redirect of an API address still says its version (api/).
    "pactmonitor.api.middleware.ApiMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The work and account pages have one address in both languages: the reader's choice.
    "pactmonitor.core.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After the HTTPS redirect, host validation and the language: looks pages up in process_view.
    "pactmonitor.core.pagecache.FetchPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads a body: 413 for one over its route's limit (see core/limits.py).
    "pactmonitor.core.limits.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # One region tree per request, loaded on first use (pactmonitor/regions/tree.py).
    "pactmonitor.regions.tree.RegionTreeMiddleware",
    # Last, as django-axes asks: it turns locked-out sign-ins into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pactmonitor.urls"
WSGI_APPLICATION = "pactmonitor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Templates that replace a library's own, searched before the apps' templates:
        # web/overrides/templates/ (the admin's base_site, with the CSS it needs for WCAG 2.1 AA).
        "DIRS": [PACKAGE_DIR / "web" / "overrides" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
# The password-reset e-mail says the link lapses after three days (Django's default, stated).
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Request bodies (docs/rounds.md, "Limits"): every route takes at most this much; an upload
# view declares its own limit with @pactmonitor.core.limits.body_limit (signed-in users only).
REQUEST_BODY_MAX_BYTES = env_int("PACTMONITOR_MAX_REQUEST_KB", 1024) * 1024
# Form fields outside files: as small as an ordinary post.
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES
# A workbook (at most 10 MB) stays in memory; only a larger upload, which a view must have
# declared, is spooled to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"

# The theme: the design tokens the NL Design System components and the pages wear
# (docs/theme.md). "pactmonitor" is the neutral theme of a multi-party pact; "rijkshuisstijl"
# is for a site a ministry sends. PACTMONITOR_THEME_CSS names a pact's own token file, which
# then replaces the theme's file (it defines its tokens on the class .pactmonitor-theme).
THEMES: dict[str, dict[str, Any]] = {
    "pactmonitor": {"stylesheets": ["themes/pactmonitor.css"], "class": "pactmonitor-theme"},
    "rijkshuisstijl": {
        "stylesheets": ["vendor/rhc-tokens.css", "themes/rijkshuisstijl.css"],
        "class": "rhc-theme",
    },
}


def theme(name: str, own_file: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The chosen theme, and the static directory that serves a pact's own token file."""
    if name not in THEMES:
        raise ImproperlyConfigured(
            f"PACTMONITOR_THEME: expected one of {', '.join(THEMES)}, got {name!r}"
        )
    if not own_file:
        return THEMES[name], []
    path = Path(own_file).expanduser().resolve()
    if path.suffix != ".css" or not path.is_file():
        raise ImproperlyConfigured(f"PACTMONITOR_THEME_CSS: {own_file} is not a .css file")
    return (
        {"stylesheets": [f"pact-theme/{path.name}"], "class": "pactmonitor-theme"},
        [("pact-theme", str(path.parent))],
    )


PACTMONITOR_THEME, STATICFILES_DIRS = theme(
    env_str("PACTMONITOR_THEME", "pactmonitor"), env_str("PACTMONITOR_THEME_CSS")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "pactmonitor.web.storage.StaticFilesStorage"},
    # The stored reports and open-data files (pactmonitor.downloads), written by the worker.
    "downloads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "downloads")},
    },
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Who publishes the open data, as the DCAT catalogue names it (an organisation, never a person).
PACTMONITOR_DATA_PUBLISHER = env_str("PACTMONITOR_DATA_PUBLISHER", "Pactmonitor")

# Sessions expire: after two weeks at most, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Security headers. HTTPS-only settings are on unless PACTMONITOR_HTTPS=0 (local use over
# plain http, as the README's demo command does).
HTTPS = env_bool("PACTMONITOR_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Pactmonitor <noreply@pactmonitor.local>")
# The address links in e-mails point to (reminders are sent from a cron job, not a request).
SITE_URL = env_str("PACTMONITOR_SITE_URL", "http://127.0.0.1:8000")
# Who runs this site, for the contact, privacy and accessibility pages. Empty means "not yet
# given": the pages then say so instead of naming anybody.
PACTMONITOR_OPERATOR = env_str("PACTMONITOR_OPERATOR")
PACTMONITOR_CONTACT_EMAIL = env_str("PACTMONITOR_CONTACT_EMAIL")
PACTMONITOR_CONTACT_URL = env_str("PACTMONITOR_CONTACT_URL")
# The date of the last accessibility check the statement reports (ISO date): the automated
# axe-core run of the browser tests on the public pages.
PACTMONITOR_ACCESSIBILITY_CHECKED = env_str("PACTMONITOR_ACCESSIBILITY_CHECKED", "2026-12-01")
# Who keeps the public API: named in its OpenAPI document, as the API Design Rules ask.
PACTMONITOR_API_CONTACT = {
    "name": env_str("PACTMONITOR_API_CONTACT_NAME", PACTMONITOR_OPERATOR or "Beheer Pactmonitor"),
    "email": env_str(
        "PACTMONITOR_API_CONTACT_EMAIL", PACTMONITOR_CONTACT_EMAIL or "beheer@pactmonitor.local"
    ),
    "url": env_str("PACTMONITOR_API_CONTACT_URL", SITE_URL.rstrip("/") + "/ontwikkelaars/"),
}
# Days before a round's deadline on which contributors with open drafts get a reminder (0: on it).
PACTMONITOR_REMINDER_DAYS = env_int_list("PACTMONITOR_REMINDER_DAYS", [7, 1, 0])


# The seeds the bundled dataset is checked against (present in a development checkout).
SEEDS_DIR = Path(
    env_str("PACTMONITOR_SEEDS_DIR", str(PACKAGE_DIR.parent.parent.parent / "shared" / "seeds"))
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Defences: second factor, passwords, Content-Security-Policy, sign-in throttling --------
# (issue 11; kept in one block. docs/security.md explains each rule.)

# The second factor (django-otp): TOTP apps, and single-use recovery codes as static tokens.
# Required for national coordinators, administrators, superusers and staff; offered to others
# (accounts.middleware.SecondFactorMiddleware enforces it on every request).
INSTALLED_APPS += [  # noqa: F405 (defined above)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
MIDDLEWARE.insert(  # right after authentication: request.user.is_verified() for what follows
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "pactmonitor.accounts.middleware.SecondFactorMiddleware",
)
OTP_TOTP_ISSUER = env_str("PACTMONITOR_OTP_ISSUER", "Pactmonitor")

# Passwords: at least 12 characters, not common, not like the user's name, not only digits,
# and not built from the pact's own words (Techniekpact2020).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "pactmonitor.accounts.passwords.PactWordsValidator"},
]

# Sign-in throttling (django-axes): failures are counted per user name and, separately, per
# address, each with its own limit (accounts/throttling.py), so guessing a few passwords for
# each of many accounts from one address is stopped too. The address is REMOTE_ADDR; only
# behind our own proxy (PACTMONITOR_BEHIND_PROXY=1) the last one it added to X-Forwarded-For.
# A success does not wipe the count: signing in to one's own account must not reset the
# address's failures; they expire after the cool-off.
PACTMONITOR_USERNAME_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
PACTMONITOR_ADDRESS_FAILURE_LIMIT = env_int("PACTMONITOR_ADDRESS_FAILURE_LIMIT", 20)
AXES_FAILURE_LIMIT = "pactmonitor.accounts.throttling.failure_limit"
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_CLIENT_IP_CALLABLE = (
    "pactmonitor.accounts.throttling.forwarded_address"
    if env_bool("PACTMONITOR_BEHIND_PROXY", False)
    else "pactmonitor.accounts.throttling.remote_address"
)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Content-Security-Policy (django-csp): everything from this site only, no inline script.
INSTALLED_APPS += ["csp"]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The browser features no page uses are switched off (web/headers.py).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "pactmonitor.web.headers.PermissionsPolicyMiddleware",
)
MIDDLEWARE.insert(  # inside CSPMiddleware, so the policy it writes sees the exception
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "pactmonitor.web.headers.DocumentStylesMiddleware",
)

# --- Page cache, proxy and scale-out (issue 11; see docs/deployment.md) -----------------------


def cache_config(data_dir: Path) -> dict:
    """CACHE_URL → Django's CACHES: redis://host:port/db (shared by several app servers),
    file:///path, locmem://; default: files under the data directory (one server)."""
    url = env_str("CACHE_URL")
    if not url:
        location = str(data_dir / "cache")
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": location, "TIMEOUT": None}  # fmt: skip
    parts = urlsplit(url)
    if parts.scheme in ("redis", "rediss"):
        try:
            database_ok = parts.path in ("", "/") or parts.path.strip("/").isdigit()
            parts.port  # noqa: B018  (raises ValueError on a bad port)
        except ValueError:
            database_ok = False
        if not parts.hostname or not database_ok:
            raise ImproperlyConfigured(
                f"CACHE_URL: cannot use {url!r}; expected redis://HOST[:PORT][/DB]"
            )
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url, "TIMEOUT": None}  # fmt: skip
    if parts.scheme == "file" and parts.path:
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": parts.path, "TIMEOUT": None}  # fmt: skip
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": None}
    raise ImproperlyConfigured(
        f"CACHE_URL: unsupported cache {url!r}; use redis://, file:///PATH or locmem://"
    )


CACHES = {"default": cache_config(DATA_DIR)}
# How long a proxy, CDN or browser may keep a public page before asking again (with its ETag).
PACTMONITOR_PAGE_MAX_AGE = env_int("PACTMONITOR_PAGE_MAX_AGE", 60)
# X-Forwarded-Proto is believed only behind a proxy that sets it (and strips a client's own);
# `serve` then lets gunicorn believe it from PACTMONITOR_PROXY_ADDRESSES only.
BEHIND_PROXY = env_bool("PACTMONITOR_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
PROXY_ADDRESSES = env_list("PACTMONITOR_PROXY_ADDRESSES", ["127.0.0.1", "::1"])
