"""Balintkreis settings: configuration from environment variables only.

The defaults are the embedded mode (SQLite in ``var/``, database task queue,
console e-mail). ``DATABASE_URL``, ``REDIS_URL``, ``EMAIL_URL`` and the
``JITSI_*`` variables switch to production services. See README.md and
docs/deployment.md.

Sections by concern, each list defined once: secrets and HTTP security;
applications, middleware and templates; data; people; language; e-mail;
logging; rate limits; privacy; then the domain settings of groups, meetings
and CME, online sessions, feedback and mentoring. Apps register scheduled
jobs in their AppConfig (``scheduled_jobs()``), not here.
"""

import json
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BALINTKREIS_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number") from None


def envsecret(name: str, *, generate_into: str | None = None) -> str:
    """Read a secret from NAME, NAME_FILE, or (development) a generated file."""
    if os.environ.get(name):
        return os.environ[name]
    if os.environ.get(f"{name}_FILE"):
        return Path(os.environ[f"{name}_FILE"]).read_text().strip()
    if generate_into is None:
        return ""
    path = VAR_DIR / generate_into
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        # Written once with mode 0600; several app servers must share a key
        # from the environment instead.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def database_from_url(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must start with postgres://")
    options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "60"),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
        "TEST": {"NAME": os.environ.get("DATABASE_TEST_NAME") or None},
    }


def email_from_url(url: str) -> dict:
    """EMAIL_URL: smtp://user:pass@host:port, smtp+tls://…, smtp+ssl://…, console:"""
    parsed = urlparse(url)
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parsed.scheme not in ("smtp", "smtp+tls", "smtp+ssl"):
        raise ImproperlyConfigured(
            "EMAIL_URL must be smtp://, smtp+tls://, smtp+ssl:// or console:"
        )
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or 25,
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_TLS": parsed.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parsed.scheme == "smtp+ssl",
        "EMAIL_TIMEOUT": 20,
    }


# ============================================================================
# Secrets, addresses and HTTP security
# ============================================================================
DEBUG = envbool("DEBUG", "false")
SECRET_KEY = envsecret("SECRET_KEY", generate_into="secret_key")
# Encrypts EFNs, VNR passwords and outbox bodies at rest; never derived from
# SECRET_KEY so that rotating the session key does not make stored numbers
# unreadable. Several keys separated by commas (or lines in the _FILE): the
# first encrypts, all decrypt (key rotation, docs/security.md).
FIELD_ENCRYPTION_KEYS = [
    key.strip()
    for key in envsecret("FIELD_ENCRYPTION_KEY", generate_into="field_key")
    .replace("\n", ",")
    .split(",")
    if key.strip()
]
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must hold at least one key")
# The writing key, for code that needs one key; read FIELD_ENCRYPTION_KEYS.
FIELD_ENCRYPTION_KEY = FIELD_ENCRYPTION_KEYS[0]
# A generated key is fine on one machine; the deploy check warns about it.
FIELD_ENCRYPTION_KEY_GENERATED = not (
    os.environ.get("FIELD_ENCRYPTION_KEY")
    or os.environ.get("FIELD_ENCRYPTION_KEY_FILE")
)
# The address in every link (e-mails, calendar, certificates' verification
# URL). `make run` sets it from HOST and PORT; production sets it, and a
# system check (core/checks.py) insists that its host is in ALLOWED_HOSTS.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Without ALLOWED_HOSTS (development) the local names and SITE_URL's host.
ALLOWED_HOSTS = os.environ.get(
    "ALLOWED_HOSTS",
    ",".join(
        dict.fromkeys(
            [
                "127.0.0.1",
                "localhost",
                "testserver",
                "[::1]",
                urlparse(SITE_URL).hostname or "127.0.0.1",
            ]
        )
    ),
).split(",")
CSRF_TRUSTED_ORIGINS = [SITE_URL]
# A German page that says what to do (an expired form), in the site's frame.
CSRF_FAILURE_VIEW = "balintkreis.site.errors.csrf_failure"
# Security: production sends HSTS and secure cookies once SITE_URL is https.
SECURE_HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and envbool("SECURE_SSL_REDIRECT", "true")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", "false") else None
)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000") if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS: list[str] = []
# Reverse proxies in front of the app servers that append the client address
# to X-Forwarded-For (docs/deployment.md: 1 for the nginx there). Rate limits
# count per client address behind them (core/ratelimit.py, allauth); 0 trusts
# no header and counts per REMOTE_ADDR.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# ============================================================================
# Applications, middleware and templates
# ============================================================================
# Our apps layer by layer (docs/architecture.md): hooks are collected in this
# order, and personal data is erased in the reverse order.
INSTALLED_APPS = [
    "balintkreis.core",
    "balintkreis.notifications",
    "balintkreis.accounts",
    "balintkreis.groups",
    "balintkreis.meetings",
    "balintkreis.online",
    "balintkreis.feedback",
    "balintkreis.cme",
    "balintkreis.mentoring",
    "balintkreis.billing",
    "balintkreis.payments",
    "balintkreis.record",
    "balintkreis.adviser",
    "balintkreis.site",
    "balintkreis.core.admin_config.AdminConfig",  # django.contrib.admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "balintkreis.core.admin_config.AccountConfig",  # allauth.account
    "balintkreis.core.admin_config.MFAConfig",  # allauth.mfa
    "django_tasks",
    "balintkreis.core.admin_config.TasksConfig",  # django_tasks_db
    "csp",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The usual heartbeat of online meetings is answered here, before
    # sessions, CSRF and the rest (it is authenticated by its pass).
    "balintkreis.online.middleware.HeartbeatMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "balintkreis.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff sessions expire (STAFF_SESSION_*); staff need a second factor
    # (MFA_REQUIRED_FOR_STAFF), both checked on every request.
    "balintkreis.accounts.middleware.StaffSessionExpiryMiddleware",
    "balintkreis.accounts.middleware.RequireStaffTwoFactorMiddleware",
]
ROOT_URLCONF = "balintkreis.urls"
WSGI_APPLICATION = "balintkreis.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "balintkreis.site.context_processors.navigation",
            ],
            # A group's tab bar and a meeting's buttons in every app's
            # templates, without naming the layer above them.
            "builtins": ["balintkreis.site.templatetags.site_layer"],
        },
    },
]
FORM_RENDERER = "balintkreis.core.forms.FormRenderer"

# ============================================================================
# Data: database, cache, background tasks, files
# ============================================================================
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "balintkreis.sqlite3")),
            # Kept open like PostgreSQL's: opening one costs ~20 ms (pragmas,
            # schema), four times a heartbeat (bench/heartbeat.py).
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "60"),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers
                # queue on the busy timeout instead of failing with
                # "database is locked" when a read transaction upgrades.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
REDIS_URL = os.environ.get("REDIS_URL", "")
_test_worker = os.getenv("PYTEST_XDIST_WORKER")  # set by pytest-xdist, not by operators
if REDIS_URL and _test_worker:
    # Parallel test workers (pytest-xdist names them gw0, gw1, …) each get their
    # own Redis database, so one worker's cache.clear() cannot disturb another.
    _worker = int(_test_worker.removeprefix("gw"))
    REDIS_URL = f"{REDIS_URL.rsplit('/', 1)[0]}/{1 + _worker}"
if REDIS_URL:
    # Sessions are read from Redis and written through to the database: one
    # query less on every logged-in request (issue 17).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CACHES = {
        "default": {
            "BACKEND": "balintkreis.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "balintkreis",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "balintkreis_cache",
        }
    }
# Rendered fragments shared by everybody who sees the same data (core/fragments.py):
# keyed by what they show, so each worker keeps its own copy in memory.
_fragments: dict[str, Any] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "balintkreis-fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
CACHES["fragments"] = _fragments
# The versions of the tables that pages of logged-in people were built from
# (core/personalpages.py): shared by every process, and never in the database
# whose writes they follow — in Redis when there is one, else in files.
_pageversions: dict[str, Any] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(VAR_DIR / "page-versions"),
    "OPTIONS": {"MAX_ENTRIES": 100000},
}
if REDIS_URL:
    _pageversions = {**CACHES["default"], "KEY_PREFIX": "balintkreis-pv"}
elif _test_worker:
    # A parallel test worker is one process (its live servers are threads):
    # memory will do, and files cost a fifth of the suite's time.
    # tests/test_personal_page_cache.py tests the files as well.
    _pageversions = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "page-versions",
    }
CACHES["pageversions"] = _pageversions
# Public pages (catalogue, group page) are cached for anonymous visitors; rules
# that change groups or places invalidate the cache at once.
PUBLIC_PAGE_CACHE_SECONDS = envint("PUBLIC_PAGE_CACHE_SECONDS", "60")
# Pages of logged-in people are cached per person for at most a minute and
# dropped as soon as any table they were built from is written
# (core/personalpages.py); 0 switches this off.
PERSONAL_PAGE_CACHE_SECONDS = envint("PERSONAL_PAGE_CACHE_SECONDS", "60")
# Tables written too often to version (presence beats, task rows): a page
# that reads one of them is never cached.
PERSONAL_PAGE_VOLATILE_TABLES = [
    "online_presence",
    "django_tasks_database_dbtaskresult",
]
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A task row RUNNING for longer than this lost its worker (kill -9, power cut)
# and is put back in the queue (notifications/taskrows.py).
TASK_RUNNING_TIMEOUT_MINUTES = envint("TASK_RUNNING_TIMEOUT_MINUTES", "60")
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and envbool("STATIC_MANIFEST", "true")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# ============================================================================
# People: authentication, accounts, second factor
# ============================================================================
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # The secretariat works in the admin with the permissions of our apps
    # (accounts/backends.py); they need neither is_staff nor is_superuser.
    "balintkreis.accounts.backends.SecretariatBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        )
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
# Confirming the address in the browser that signed up logs in and goes on to
# where the person was headed (a group's application form); allauth does this
# only while the sign-up is pending in that session.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_FORM_CLASS = "balintkreis.accounts.forms.SignupExtraForm"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Balintkreis] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
}
# All allauth e-mails go through the outbox (accounts/adapter.py).
ACCOUNT_ADAPTER = "balintkreis.accounts.adapter.AccountAdapter"
# Tell people by e-mail when their password or e-mail address changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
MFA_ADAPTER = "balintkreis.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Balintkreis"
# Everyone with staff duties (leads or co-leads a group, secretariat,
# superuser) must set up an authenticator app (TOTP) before they can use any
# page, checked on every request; everybody else may opt in
# (accounts/two_factor.py). Off only in the `make run` demo.
MFA_REQUIRED_FOR_STAFF = envbool("MFA_REQUIRED_FOR_STAFF", "true")
# Staff sessions end after this idle time and this age, "Angemeldet bleiben"
# or not (accounts/staff_sessions.py); participants are not affected.
STAFF_SESSION_IDLE_MINUTES = envint("STAFF_SESSION_IDLE_MINUTES", "30")
STAFF_SESSION_MAX_HOURS = envint("STAFF_SESSION_MAX_HOURS", "12")

# ============================================================================
# Language and time
# ============================================================================
LANGUAGE_CODE = "de"
# Each app keeps its own catalogue in <app>/locale/de/LC_MESSAGES/django.po.
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# ============================================================================
# E-mail and the outbox
# ============================================================================
EMAIL_URL = os.environ.get("EMAIL_URL", "console:")
globals().update(email_from_url(EMAIL_URL))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Balintkreis <noreply@balintkreis.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SECRETARIAT_EMAIL = os.environ.get(
    "SECRETARIAT_EMAIL", "sekretariat@balintkreis.example"
)
# A row left in "sending" (worker crashed mid-send) is retried after this time.
OUTBOX_SENDING_TIMEOUT_MINUTES = envint("OUTBOX_SENDING_TIMEOUT_MINUTES", "15")

# ============================================================================
# Logging
# ============================================================================
# At INFO the log says what happened (a mail sent, a job that changed
# something), not every empty run; a 4xx is one line (docs/logging.md).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "warnings_only": {"()": "balintkreis.core.logfilters.AtLeast"},
        "one_line": {"()": "balintkreis.core.logfilters.OneLineClientErrors"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["one_line"]},
        # Every firing and every task start; our own lines say what changed.
        "apscheduler": {"level": "WARNING"},
        "django_tasks": {"filters": ["warnings_only"]},
        "django_tasks_db": {"filters": ["warnings_only"]},
    },
}

# ============================================================================
# Rate limits
# ============================================================================
# Counted per client address (TRUSTED_PROXY_COUNT) in the cache, which is Redis
# when REDIS_URL is set, so all app servers share them. Log-in and sign-up:
# ACCOUNT_RATE_LIMITS above. Contact form per address; applications per
# person; joins/leaves/rejoins of the heartbeat per person
# (the usual beat every 15 s is not counted, see online/views/meeting.py).
CONTACT_RATE_LIMIT = os.environ.get("CONTACT_RATE_LIMIT", "5/h")
APPLICATION_RATE_LIMIT = os.environ.get("APPLICATION_RATE_LIMIT", "10/h")
HEARTBEAT_RATE_LIMIT = os.environ.get("HEARTBEAT_RATE_LIMIT", "30/m")
# Heartbeats of online meetings go to the cache and are written in batches by
# the worker every minute (online/beats.py); on by default with Redis.
PRESENCE_BUFFER = envbool("PRESENCE_BUFFER", "true" if REDIS_URL else "false")
# Answers of the public adviser per address (balintkreis/adviser).
ADVISER_RATE_LIMIT = os.environ.get("ADVISER_RATE_LIMIT", "60/m")

# ============================================================================
# Privacy: notice and consent versions, retention (DOMAIN.md R11)
# ============================================================================
# Versions of the texts people agree to; a new version asks them again.
PRIVACY_NOTICE_VERSION = os.environ.get("PRIVACY_NOTICE_VERSION", "2026-11")
CONFIDENTIALITY_VERSION = os.environ.get("CONFIDENTIALITY_VERSION", "2026-11")
# Retention (DOMAIN.md R11), run daily by core.tasks.purge_expired_data:
# attendance, certificates and EIV report records N years after the meeting
# (at least 5: the CME proof cycle); evaluations and presenters' feedback;
# contact messages after they were answered; e-mails in the outbox.
RETENTION_ATTENDANCE_YEARS = envint("RETENTION_ATTENDANCE_YEARS", "6")
RETENTION_FEEDBACK_DAYS = envint("RETENTION_FEEDBACK_DAYS", "365")
RETENTION_INQUIRY_DAYS = envint("RETENTION_INQUIRY_DAYS", "365")
RETENTION_OUTBOX_DAYS = envint("RETENTION_OUTBOX_DAYS", "90")
# Invoices: 10 years after the end of the year of issue (§ 147 AO, § 14b UStG).
RETENTION_INVOICE_YEARS = envint("RETENTION_INVOICE_YEARS", "10")

# ============================================================================
# Groups: registration, waiting list, interest list
# ============================================================================
# How long a place offered from the waiting list stays reserved.
OFFER_VALID_DAYS = envint("OFFER_VALID_DAYS", "7")
# "Your offer expires soon" goes out this many hours before the end.
OFFER_REMINDER_HOURS = envint("OFFER_REMINDER_HOURS", "48")
# The secretariat hears when this many people wait for a region and format.
INTEREST_LIST_THRESHOLD = envint("INTEREST_LIST_THRESHOLD", "8")
# The secretariat's home lists applications undecided for longer than this.
SECRETARIAT_APPLICATION_WAIT_DAYS = envint("SECRETARIAT_APPLICATION_WAIT_DAYS", "7")

# ============================================================================
# Meetings, CME points and the chamber (DOMAIN.md R3-R6, R12)
# ============================================================================
# PSGV Balint part (R6): 15 double sessions over >= 182 days (Kammer), KV >= 3
# months; at most half of them online; first and last counted date in person.
PSGV_TARGET_DOUBLE_SESSIONS = envint("PSGV_TARGET_DOUBLE_SESSIONS", "15")
PSGV_MIN_SPAN_DAYS = envint("PSGV_MIN_SPAN_DAYS", "182")
PSGV_KV_MIN_SPAN_MONTHS = envint("PSGV_KV_MIN_SPAN_MONTHS", "3")
PSGV_MAX_ONLINE_PERCENT = envint("PSGV_MAX_ONLINE_PERCENT", "50")
# Per-chamber changes to the qualification targets (record/targets.py):
# {"LÄKTh": {"psgv": {"min_span_days": 183}}}; keys are Chamber.short_name.
RECORD_TARGET_OVERRIDES: dict[str, dict[str, dict[str, object]]] = {}
# Largest scanned certificate a person may upload to their record (MB).
RECORD_MAX_UPLOAD_MB = envint("RECORD_MAX_UPLOAD_MB", "5")
# Members get a reminder e-mail this many hours before each meeting.
MEETING_REMINDER_HOURS = envint("MEETING_REMINDER_HOURS", "24")
# Warn member and leader from this many missed dates (excused or absent).
MEETINGS_ABSENCE_WARNING_AT = envint("MEETINGS_ABSENCE_WARNING_AT", "3")
# R3/R12: minutes a person may miss ("verspätet") and still count as completely
# present for certificates, EFN lists, points and PSGV (meetings/credit.py).
CME_TOLERANCE_MINUTES = envint("CME_TOLERANCE_MINUTES", "0")
# R4: corrections at the EIV are possible this many days after the first report.
CME_CORRECTION_WINDOW_DAYS = envint("CME_CORRECTION_WINDOW_DAYS", "7")
CME_REMINDER_HOURS_BEFORE = envint("CME_REMINDER_HOURS_BEFORE", "48")
# R12: the chamber's mandatory sentence; {points} and {category} are filled in.
CME_CHAMBER_SENTENCE = os.environ.get(
    "CME_CHAMBER_SENTENCE",
    "Die Veranstaltung ist von der {chamber} anerkannt und anrechenbar "
    "mit {points} Punkten (Kategorie {category}).",
)
# Printed on certificates and attendance lists. The default is a neutral
# placeholder, never a real institute; production must set it (system check),
# `make run` sets the demo's invented organiser.
CME_ORGANISER_PLACEHOLDER = "Veranstalter nicht eingetragen (CME_ORGANISER)"
CME_ORGANISER = os.environ.get("CME_ORGANISER", "").strip() or CME_ORGANISER_PLACEHOLDER
# R4(b): optional EIV REST client, off by default, test system by default;
# any other host than the test system or loopback needs EIV_ALLOW_LIVE.
EIV_API_ENABLED = envbool("EIV_API_ENABLED", "false")
EIV_API_BASE_URL = os.environ.get(
    "EIV_API_BASE_URL", "https://backend-test.eiv-fobi.de"
)
EIV_ALLOW_LIVE = envbool("EIV_ALLOW_LIVE", "false")
EIV_TIMEOUT_SECONDS = envint("EIV_TIMEOUT_SECONDS", "20")
EIV_MAX_ATTEMPTS = envint("EIV_MAX_ATTEMPTS", "5")

# ============================================================================
# Payments: reminders, SEPA direct debit, accounting export (docs/invoices.md)
# ============================================================================
# Friendly payment reminders go out this many days after an invoice's due
# date, one e-mail per stage ("7,21": a first after 7, a second after 21 days).
try:
    PAYMENT_REMINDER_DAYS = sorted(
        {
            int(day)
            for day in os.environ.get("PAYMENT_REMINDER_DAYS", "7,21").split(",")
            if day.strip()
        }
    )
except ValueError as error:
    raise ImproperlyConfigured(
        "PAYMENT_REMINDER_DAYS must be whole numbers separated by commas"
    ) from error
# The creditor identifier (Gläubiger-ID) the Bundesbank gave the institute;
# without it no direct debit file is made. Name, IBAN and BIC of the account
# come from the invoice issuer (billing).
SEPA_CREDITOR_ID = os.environ.get("SEPA_CREDITOR_ID", "").strip()
# The mandate text agrees this pre-notification period (instead of the
# default 14 days); a collection date must be at least this far ahead.
SEPA_PRENOTIFICATION_DAYS = envint("SEPA_PRENOTIFICATION_DAYS", "5")
# Revenue account (Erlöskonto) per kind of service in the accounting CSV,
# e.g. from SKR 03/04; the operator's accountant decides. Empty: the column
# stays empty and the export page says so.
ACCOUNTING_REVENUE_ACCOUNTS = {
    "group_fee": os.environ.get("ACCOUNTING_ACCOUNT_GROUP_FEE", "").strip(),
    "supervision": os.environ.get("ACCOUNTING_ACCOUNT_SUPERVISION", "").strip(),
}

# ============================================================================
# Online sessions: Jitsi, presence, content security policy
# ============================================================================
# How the video runs (docs/online.md): "selfhosted" (own Jitsi with HS256
# tokens, embedded), "jaas" (8x8 Jitsi as a Service, RS256, embedded) or
# "window" (a server that forbids embedding, such as meet.jit.si: the room
# opens in its own window). The default needs nothing installed.
JITSI_MODE = os.environ.get("JITSI_MODE", "window")
if JITSI_MODE not in ("selfhosted", "jaas", "window"):
    raise ImproperlyConfigured("JITSI_MODE must be selfhosted, jaas or window.")
JITSI_DOMAIN = os.environ.get(
    "JITSI_DOMAIN", "8x8.vc" if JITSI_MODE == "jaas" else "meet.jit.si"
)
JITSI_APP_ID = os.environ.get("JITSI_APP_ID", "")
JITSI_APP_SECRET = envsecret("JITSI_APP_SECRET")
# JaaS: tenant ("vpaas-magic-cookie-…"), API key id and its RSA private key
# (PEM; JITSI_JAAS_PRIVATE_KEY_FILE or _PATH to read it from a file).
JITSI_JAAS_APP_ID = os.environ.get("JITSI_JAAS_APP_ID", "")
JITSI_JAAS_KEY_ID = os.environ.get("JITSI_JAAS_KEY_ID", "")
JITSI_JAAS_PRIVATE_KEY = envsecret("JITSI_JAAS_PRIVATE_KEY") or (
    Path(os.environ["JITSI_JAAS_PRIVATE_KEY_PATH"]).read_text().strip()
    if os.environ.get("JITSI_JAAS_PRIVATE_KEY_PATH")
    else ""
)
# STUN/TURN servers the Technik-Check tries (RTCPeerConnection iceServers, a
# JSON list); the default is the STUN server meet.jit.si's bridges use.
try:
    JITSI_ICE_SERVERS = json.loads(
        os.environ.get(
            "JITSI_ICE_SERVERS",
            '[{"urls": "stun:meet-jit-si-turnrelay.jitsi.net:443"}]',
        )
    )
except json.JSONDecodeError as error:
    raise ImproperlyConfigured(f"JITSI_ICE_SERVERS is not JSON: {error}") from None
if not isinstance(JITSI_ICE_SERVERS, list):
    raise ImproperlyConfigured("JITSI_ICE_SERVERS must be a JSON list.")
# aud claim of join tokens; must be in Prosody's asap_accepted_audiences.
JITSI_JWT_AUDIENCE = os.environ.get("JITSI_JWT_AUDIENCE", "jitsi")
JITSI_TOKEN_MINUTES = envint("JITSI_TOKEN_MINUTES", "120")
# Shared secret Prosody's event_sync sends as "Authorization: Bearer <secret>";
# empty disables the endpoint.
JITSI_EVENT_SYNC_SECRET = envsecret("JITSI_EVENT_SYNC_SECRET")
# Pass the person's e-mail address to Jitsi (token and iframe) only when the
# operator wants it, e.g. for Gravatar pictures (docs/privacy.md).
JITSI_SEND_EMAIL = envbool("JITSI_SEND_EMAIL", "false")
# Proposed attendance (R3): "present" when at most CME_TOLERANCE_MINUTES were
# missed; a chamber that accepts less may lower this share (e.g. 80).
ONLINE_PRESENT_PERCENT = envint("ONLINE_PRESENT_PERCENT", "100")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'nonce'", f"https://{JITSI_DOMAIN}"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": [f"https://{JITSI_DOMAIN}"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# ============================================================================
# Feedback and group votes
# ============================================================================
# A group vote shows its result only when closed with at least this many
# votes, and cannot be closed with fewer (docs/security.md).
POLL_MIN_VOTES = envint("POLL_MIN_VOTES", "3")

# ============================================================================
# Mentoring (DOMAIN.md R9)
# ============================================================================
# Sessions a mentor offers free of charge before the pair ends the mentorship
# or agrees on paid supervision (the seed text says "about three").
MENTORING_FREE_SESSIONS = envint("MENTORING_FREE_SESSIONS", "3")
# Version of the consent text for being listed in the mentor directory.
MENTOR_LISTING_CONSENT_VERSION = os.environ.get(
    "MENTOR_LISTING_CONSENT_VERSION", "2026-11"
)
