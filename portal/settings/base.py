"""Settings shared by every environment. Every value can come from the environment.

With nothing set, the portal runs on an embedded default: SQLite in the project folder, Celery
tasks executed eagerly in the web process, e-mail written to the console. Set DATABASE_URL and
REDIS_URL for the production shape (see docs/operations.md).
"""

import os
from datetime import time, timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.settings.env import env_bool, env_int, env_list, env_str
from portal.settings.mail import CONSOLE_BACKEND, mail_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The development default, public on purpose: `check --deploy` refuses it (core/checks.py).
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"  # noqa: S105  # nosec B105
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# Previous keys, still accepted for signatures (sessions, password-reset links) while rotating.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal.admin_site.PortalAdminConfig",  # django.contrib.admin with the Beheer start page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "taggit",
    "django_htmx",
    "simple_history",
    "core",
    "accounts",
    "menukaart",
    "helpdesk",
    "communities",
    "sitesearch",
    "reach",
    "impact",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.RequestBodyLimitMiddleware",
    "core.middleware.MethodNotAllowedPageMiddleware",
    "core.middleware.StaffSessionExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "core.context_processors.portal",
                "menukaart.context_processors.plan",
                "reach.context_processors.findability",
                "helpdesk.context_processors.navigation",
                "impact.context_processors.navigation",
            ],
        },
    },
]

# Widgets: <select> and <input> written in Python, the same HTML as Django's templates (core/renderers.py).
FORM_RENDERER = "core.renderers.PortalFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
        # QuerySet.iterator() reads client-side. Every form field that lists a queryset (a select of
        # themes, advisors, outcomes...) iterates it that way, and a server-side cursor costs three
        # round trips (DECLARE, FETCH, CLOSE) where one does; nothing here iterates large results.
        # (A PgBouncer in transaction pooling mode needs this too.)
        disable_server_side_cursors=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Redis: Celery broker and Django cache when REDIS_URL is set -------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
            # A Redis that hangs must not hang every request: fail fast, the callers degrade.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
CELERY_TASK_ACKS_LATE = True
# A task whose worker process dies (killed, out of memory) goes back to the queue instead of being
# acknowledged as done. Tasks are idempotent (the outbox skips a message that is sent or claimed).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Redis broker: a message taken but not acknowledged (the worker died) becomes visible again after
# this many seconds. It must be longer than the longest task (checked below), or a slow task that
# is still running would be handed to a second worker and run twice; and longer than the longest
# retry countdown (the outbox waits up to an hour), which Redis also holds unacknowledged.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 2 * 3600),
    # How often a worker looks for such messages (seconds x throttle; kombu's defaults 10 x 10).
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 10),
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "portal")
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE = {
    # Every minute: workers write a heartbeat, so /gezondheid/ can tell whether tasks run.
    "worker-heartbeat": {"task": "core.tasks.record_heartbeat", "schedule": timedelta(minutes=1)},
    # Every minute: send the outbox's e-mails that are due (new ones, and retries after a failure).
    # The entry keeps its old name, so beat's schedule file carries over; the task moved to core.
    "helpdesk-flush-outbox": {"task": "core.tasks.flush_outbox", "schedule": timedelta(minutes=1)},
    # Every night at 03:15 (Amsterdam): pseudonymise tickets closed longer than the retention period.
    "helpdesk-pseudonymise": {
        "task": "helpdesk.tasks.pseudonymise_expired_tickets",
        "schedule": crontab(hour=3, minute=15),
    },
    # Every night at 03:30 (Amsterdam): delete sent and failed e-mails older than OUTBOX_RETENTION_DAYS
    # (not those about a helpdesk question: they go with the question, above).
    "outbox-purge": {"task": "core.tasks.purge_expired_outbox", "schedule": crontab(hour=3, minute=30)},
    # Every night at 03:45 (Amsterdam): warn, then delete, employer accounts without a log-in for
    # ACCOUNT_INACTIVE_DELETE_DAYS; delete sign-ups never verified within ACCOUNT_UNVERIFIED_DELETE_DAYS.
    "accounts-delete-inactive": {
        "task": "accounts.tasks.delete_inactive_accounts",
        "schedule": crontab(hour=3, minute=45),
    },
    # Every night at 04:00 (Amsterdam): erase any role model whose consent was withdrawn and whose
    # data is still there. Withdrawal erases at once; this catches profiles withdrawn before it did.
    "communities-erase-withdrawn-role-models": {
        "task": "communities.tasks.erase_withdrawn_role_models",
        "schedule": crontab(hour=4, minute=0),
    },
    # Every Monday at 07:00 (Amsterdam): the weekly digest of each network's discussion, for the
    # members who chose it.
    "communities-weekly-digest": {
        "task": "communities.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    # Twice a year, on day IMPACT_REPORT_RUN_DAY of January and July at IMPACT_REPORT_RUN_HOUR
    # (Amsterdam): the impact report of the half-year that just ended (January-June, July-December).
    "impact-half-year-report": {
        "task": "impact.tasks.produce_half_year_report",
        "schedule": crontab(
            month_of_year="1,7",
            day_of_month=str(env_int("IMPACT_REPORT_RUN_DAY", 2)),
            hour=env_int("IMPACT_REPORT_RUN_HOUR", 6),
            minute=0,
        ),
    },
    # The first of every month at 08:00 (Amsterdam): the newsletter "Nieuw op de menukaart" about the
    # month before, to the confirmed subscribers (nothing when nothing was new).
    "reach-monthly-newsletter": {
        "task": "reach.tasks.send_monthly_newsletter",
        "schedule": crontab(day_of_month=1, hour=8, minute=0),
    },
    # Every night at 04:30: delete newsletter sign-ups never confirmed within NEWSLETTER_UNCONFIRMED_DAYS.
    "reach-purge-unconfirmed-subscribers": {
        "task": "reach.tasks.purge_unconfirmed_subscribers",
        "schedule": crontab(hour=4, minute=30),
    },
    # Every hour: remove plans made without an account whose session has expired (nobody can reach them).
    "menukaart-purge-visitor-plans": {
        "task": "menukaart.tasks.purge_unreachable_visitor_plans",
        "schedule": timedelta(hours=1),
    },
    # Every Monday at 04:30 (Amsterdam): follow each published material's link; failures show on Beheer's start page.
    "menukaart-check-material-links": {
        "task": "menukaart.tasks.check_material_links",
        "schedule": crontab(hour=4, minute=30, day_of_week=1),
    },
}

# --- Impact report ------------------------------------------------------------------------------
# Time limits of one report task (seconds); the broker's visibility timeout must exceed the hard one.
IMPACT_REPORT_SOFT_TIME_LIMIT = env_int("IMPACT_REPORT_SOFT_TIME_LIMIT", 540)
IMPACT_REPORT_TIME_LIMIT = env_int("IMPACT_REPORT_TIME_LIMIT", 600)
# The trend goes back at most this many periods of the report's length (as far as there is data).
IMPACT_TREND_MAX_PERIODS = env_int("IMPACT_TREND_MAX_PERIODS", 6)
# Who gets the e-mail with the link when a report is ready (comma-separated addresses).
IMPACT_REPORT_DISTRIBUTION = env_list("IMPACT_REPORT_DISTRIBUTION", "")
# The Celery queue for report tasks (empty: the default queue); a separate queue keeps long reports
# from delaying e-mail when a dedicated worker serves it.
IMPACT_REPORT_QUEUE = env_str("IMPACT_REPORT_QUEUE", "")
# A report still waiting after this many seconds is sent to the workers again on the next request.
IMPACT_REPORT_STALE_SECONDS = env_int("IMPACT_REPORT_STALE_SECONDS", 900)

_longest_task = max(CELERY_TASK_TIME_LIMIT, IMPACT_REPORT_TIME_LIMIT)
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= _longest_task:
    raise ImproperlyConfigured(
        f"CELERY_VISIBILITY_TIMEOUT must be longer than the longest task ({_longest_task} s), "
        "or a running task is handed to a second worker."
    )

# --- Authentication -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# User name or e-mail address (employers log in with their address).
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend", "accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:start"  # each role lands on its own workspace
LOGOUT_REDIRECT_URL = "core:home"
# The log-in throttle (accounts/throttle.py): failed log-ins per account and address pair within
# the window; per address over all accounts, and site-wide (the global brake), within the slow window.
LOGIN_THROTTLE_MAX_PER_PAIR = env_int("LOGIN_THROTTLE_MAX_PER_PAIR", 5)
LOGIN_THROTTLE_WINDOW_SECONDS = env_int("LOGIN_THROTTLE_WINDOW_SECONDS", 15 * 60)
LOGIN_THROTTLE_MAX_PER_CLIENT = env_int("LOGIN_THROTTLE_MAX_PER_CLIENT", 100)
LOGIN_THROTTLE_GLOBAL_MAX = env_int("LOGIN_THROTTLE_GLOBAL_MAX", 1000)
LOGIN_THROTTLE_SLOW_WINDOW_SECONDS = env_int("LOGIN_THROTTLE_SLOW_WINDOW_SECONDS", 60 * 60)
# Password-reset requests: per client address, and e-mails per address asked for, within the window.
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 5)
PASSWORD_RESET_MAX_PER_ADDRESS = env_int("PASSWORD_RESET_MAX_PER_ADDRESS", 3)
PASSWORD_RESET_RATE_WINDOW_SECONDS = env_int("PASSWORD_RESET_RATE_WINDOW_SECONDS", 60 * 60)
# Employers' own accounts: how long the e-mail verification link works, and how many sign-ups one
# client may start per hour.
ACCOUNT_VERIFY_HOURS = env_int("ACCOUNT_VERIFY_HOURS", 48)
ACCOUNT_SIGNUP_RATE_LIMIT = env_int("ACCOUNT_SIGNUP_RATE_LIMIT", 5)
# Retention of employer accounts (accounts.retention, nightly task): a sign-up whose address was
# never verified is deleted after ACCOUNT_UNVERIFIED_DELETE_DAYS (longer than the link works, so a
# link that still works never meets a deleted account); an employer account without a log-in for
# ACCOUNT_INACTIVE_DELETE_DAYS (two years: four impact periods, and as long as a helpdesk question
# is kept) is deleted, after an e-mail ACCOUNT_INACTIVE_WARNING_DAYS before. Staff accounts never.
ACCOUNT_UNVERIFIED_DELETE_DAYS = env_int("ACCOUNT_UNVERIFIED_DELETE_DAYS", 7)
ACCOUNT_INACTIVE_DELETE_DAYS = env_int("ACCOUNT_INACTIVE_DELETE_DAYS", 730)
ACCOUNT_INACTIVE_WARNING_DAYS = env_int("ACCOUNT_INACTIVE_WARNING_DAYS", 30)
if ACCOUNT_UNVERIFIED_DELETE_DAYS * 24 <= ACCOUNT_VERIFY_HOURS:
    raise ImproperlyConfigured("ACCOUNT_UNVERIFIED_DELETE_DAYS must be longer than ACCOUNT_VERIFY_HOURS.")
if not 1 <= ACCOUNT_INACTIVE_WARNING_DAYS < ACCOUNT_INACTIVE_DELETE_DAYS:
    raise ImproperlyConfigured(
        "ACCOUNT_INACTIVE_WARNING_DAYS must be at least 1 and shorter than ACCOUNT_INACTIVE_DELETE_DAYS."
    )
# Behind a reverse proxy every request comes from the proxy's address: name the request header
# (as in request.META, e.g. HTTP_X_REAL_IP) that the proxy overwrites with the client's address,
# and the proxy's own addresses or networks: the header is believed only from those.
# "REMOTE_ADDR" says there is no proxy (production refuses to start with neither).
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "")
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Sessions: everyone is logged out after 12 hours; staff also after 30 minutes without activity.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60)
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# --- Security headers ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "object-src 'none'; base-uri 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded attachments hold personal data: they live outside any publicly served folder and are
# served only through views that check access.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
    "staticfiles": {"BACKEND": env_str("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")},
}

# --- E-mail -------------------------------------------------------------------------------------
# MAILERS on Django 6.1+, EMAIL_* on Django 5.2 (portal/settings/mail.py); the console by default.
globals().update(mail_settings(default_backend=CONSOLE_BACKEND))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Werkagenda VIA portaal <noreply@example.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# The partners' shared hashtag for good examples (Werkagenda VIA, action E), shown on the examples.
VIA_HASHTAG = env_str("VIA_HASHTAG", "#WerkagendaVIA")

# --- Helpdesk (docs/helpdesk.md) ------------------------------------------------------------------
# Working days (Dutch public holidays excluded) within which a first answer is due, per priority.
HELPDESK_SERVICE_LEVEL_DAYS = {
    "hoog": env_int("HELPDESK_SERVICE_LEVEL_DAYS_HIGH", 2),
    "normaal": env_int("HELPDESK_SERVICE_LEVEL_DAYS_NORMAL", 5),
    "laag": env_int("HELPDESK_SERVICE_LEVEL_DAYS_LOW", 10),
}
# Personal data in a ticket is pseudonymised this many months after it was closed.
HELPDESK_RETENTION_MONTHS = env_int("HELPDESK_RETENTION_MONTHS", 24)
# Days without any change after which an answered or waiting ticket is closed (0: never).
HELPDESK_AUTO_CLOSE_DAYS = env_int("HELPDESK_AUTO_CLOSE_DAYS", 30)
# Published menukaart content whose last content check (reviewed_at) is older than this many days
# is listed on Beheer's start page as due for review.
MENUKAART_REVIEW_INTERVAL_DAYS = env_int("MENUKAART_REVIEW_INTERVAL_DAYS", 365)
# Capacity norm: one fte of advisors serves about this many employers a year.
HELPDESK_EMPLOYERS_PER_FTE = env_int("HELPDESK_EMPLOYERS_PER_FTE", 75)
HELPDESK_ADVISOR_FTE = float(env_str("HELPDESK_ADVISOR_FTE", "2.0"))
# Public question form: submissions per client per window (in the shared cache).
HELPDESK_ASK_RATE_LIMIT = env_int("HELPDESK_ASK_RATE_LIMIT", 5)
HELPDESK_ASK_RATE_WINDOW_SECONDS = env_int("HELPDESK_ASK_RATE_WINDOW_SECONDS", 60 * 60)
# Attachments: at most this size, and only these types (extension: content types).
HELPDESK_MAX_ATTACHMENT_BYTES = env_int("HELPDESK_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)
HELPDESK_ATTACHMENT_TYPES = {
    ".pdf": ("application/pdf",),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    ".odt": ("application/vnd.oasis.opendocument.text",),
    ".txt": ("text/plain",),
    ".png": ("image/png",),
    ".jpg": ("image/jpeg",),
    ".jpeg": ("image/jpeg",),
}
# Replies of the requester (follow link and "Mijn vragen" together) per ticket per window.
HELPDESK_REPLY_RATE_LIMIT = env_int("HELPDESK_REPLY_RATE_LIMIT", 10)
HELPDESK_REPLY_RATE_WINDOW_SECONDS = env_int("HELPDESK_REPLY_RATE_WINDOW_SECONDS", 60 * 60)
# All attachments of one ticket together may take at most this much storage (requesters' uploads
# beyond it are refused).
HELPDESK_TICKET_ATTACHMENT_QUOTA_BYTES = env_int("HELPDESK_TICKET_ATTACHMENT_QUOTA_BYTES", 50 * 1024 * 1024)
# New questions are announced to this team address (the advisors' shared mailbox).
HELPDESK_TEAM_EMAIL = env_str("HELPDESK_TEAM_EMAIL", "helpdesk@example.nl")

# --- Contact, privacy and accessibility pages (core/trust.py) -------------------------------------
# Who visitors reach on the contact page, and how. The address is one line per comma.
CONTACT_ORGANISATION = env_str("CONTACT_ORGANISATION", "SER Diversiteit in Bedrijf")
CONTACT_EMAIL = env_str("CONTACT_EMAIL", HELPDESK_TEAM_EMAIL)
CONTACT_PHONE = env_str("CONTACT_PHONE", "070 3499 499")
CONTACT_ADDRESS = env_list(
    "CONTACT_ADDRESS", "Sociaal-Economische Raad,SER Diversiteit in Bedrijf,Bezuidenhoutseweg 60,2594 AW Den Haag"
)
# Telephone hours on working days (HH:MM).
CONTACT_OPENING_TIME = env_str("CONTACT_OPENING_TIME", "09:00")
CONTACT_CLOSING_TIME = env_str("CONTACT_CLOSING_TIME", "17:00")
for _name in ("CONTACT_OPENING_TIME", "CONTACT_CLOSING_TIME"):
    try:
        time.fromisoformat(globals()[_name])
    except ValueError as _error:
        raise ImproperlyConfigured(f"{_name} must be a time such as 09:00, got {globals()[_name]!r}.") from _error
# The privacy statement: the controller, where to send a request, and the data protection officer.
PRIVACY_CONTROLLER = env_str("PRIVACY_CONTROLLER", "Sociaal-Economische Raad (SER)")
PRIVACY_EMAIL = env_str("PRIVACY_EMAIL", CONTACT_EMAIL)
PRIVACY_DPO_EMAIL = env_str("PRIVACY_DPO_EMAIL", PRIVACY_EMAIL)
# Retention the privacy statement promises for what the portal does not delete itself: the
# servers' logs (they hold IP addresses) and the backups. Configure the log driver and the backup
# rotation to match (docs/operations.md).
LOG_RETENTION_DAYS = env_int("LOG_RETENTION_DAYS", 30)
BACKUP_RETENTION_DAYS = env_int("BACKUP_RETENTION_DAYS", 30)

# --- E-mail outbox (core.outbox), used by every app -----------------------------------------------
# Attempts before a message is marked failed (it stays in the table, visible in the admin). Read from
# HELPDESK_OUTBOX_MAX_ATTEMPTS too, its name before the outbox moved to core (remove next release).
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", int(os.environ.get("HELPDESK_OUTBOX_MAX_ATTEMPTS") or 8))
# How long a worker's claim on a message holds: past Celery's hard time limit, so a claim this old
# belongs to a worker that died mid-send and the message may be sent again (core.outbox).
OUTBOX_SEND_LEASE_SECONDS = CELERY_TASK_TIME_LIMIT + 60
# Days a sent (or finally failed) e-mail stays in the outbox, to answer "did you send it?" and to
# see delivery problems; then the nightly task core.tasks.purge_expired_outbox deletes it. E-mails
# about a helpdesk question are kept with the question instead (HELPDESK_RETENTION_MONTHS).
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 90)
if OUTBOX_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("OUTBOX_RETENTION_DAYS must be at least 1.")

# --- Request size -------------------------------------------------------------------------------
# A request body larger than this is refused with 413 before anything reads it
# (core.middleware.RequestBodyLimitMiddleware): room for a message with five attachments of the
# largest size and its text. Set the reverse proxy's limit (nginx client_max_body_size) the same.
REQUEST_MAX_BODY_BYTES = env_int("REQUEST_MAX_BODY_BYTES", 5 * HELPDESK_MAX_ATTACHMENT_BYTES + 1024 * 1024)
# Django's own limits: form fields without files (in memory), the number of fields and of files in
# one request; uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# --- Doe-netwerken ------------------------------------------------------------------------------
# How long after posting a member may still edit a post in a network's discussion (minutes).
COMMUNITIES_POST_EDIT_MINUTES = env_int("COMMUNITIES_POST_EDIT_MINUTES", 15)

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Link tokens (follow links, shared plans) never reach a log: see core/redaction.py.
    "filters": {"redact_secret_paths": {"()": "core.redaction.RedactSecretPathsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_secret_paths"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request and dev-server logs go through the redacting handler too.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Failed log-ins and refused authorisation: kept apart so operations can alert on them.
        "portal.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # With eager tasks (the embedded default) every task would log a line in the web process.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
    },
}


# --- Open data API (reach/, docs/reach.md) ----------------------------------------------------
REST_FRAMEWORK = {
    # JSON only: the browsable API needs inline script and style, which the CSP forbids.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"open_data": env_str("OPEN_DATA_RATE_LIMIT", "120/min")},
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Werkagenda VIA open data",
    "DESCRIPTION": "Gepubliceerde inhoud van het Werkagenda VIA portaal: maatregelen, materialen, initiatieven, "
    "praktijkvoorbeelden, doe-netwerken en de openbare agenda. Alleen lezen.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",  # schemas are plain JSON Schema (nullable as type lists)
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v[0-9]+",
    # The document is checked by the test suite (openapi-spec-validator); `check --deploy` need not
    # generate it (its hints about the catalogue's slug filters are not deployment problems).
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
# Anyone may read the open data from a browser on another site: GET only, no cookies.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]
OPEN_DATA_LICENCE = env_str("OPEN_DATA_LICENCE", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = env_str("OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/deed.nl")
OPEN_DATA_ATTRIBUTION = env_str(
    "OPEN_DATA_ATTRIBUTION", "Werkagenda VIA portaal (SER Diversiteit in Bedrijf en partners)"
)
# Partner sites that may show the embeddable widget (/embed/...) in a frame, e.g.
# "https://www.awvn.nl,https://www.abu.nl" (comma-separated). No other page can ever be framed.
EMBED_FRAME_ANCESTORS = env_list("EMBED_FRAME_ANCESTORS")
# The embedded question form (/embed/vraag/) may be sent up to this many hours after it was shown.
EMBED_ASK_FORM_HOURS = env_int("EMBED_ASK_FORM_HOURS", 24)
# The monthly newsletter "Nieuw op de menukaart" (docs/reach.md): sign-ups per client per hour;
# confirmation e-mails to one address per day (whoever asks); days before a sign-up that was never
# confirmed is deleted (its confirmation link works as long).
NEWSLETTER_SUBSCRIBE_RATE_LIMIT = env_int("NEWSLETTER_SUBSCRIBE_RATE_LIMIT", 5)
NEWSLETTER_CONFIRMATIONS_PER_ADDRESS = env_int("NEWSLETTER_CONFIRMATIONS_PER_ADDRESS", 3)
NEWSLETTER_UNCONFIRMED_DAYS = env_int("NEWSLETTER_UNCONFIRMED_DAYS", 3)
