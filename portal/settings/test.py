"""Settings for the test suite: the same services as production (DATABASE_URL, REDIS_URL)."""

import os
import secrets

from portal.settings.base import *  # noqa: F403
from portal.settings.base import CACHES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; never in production
# E-mail: Django's test set-up replaces every mailer with the locmem backend (mail.outbox).
DEBUG = False
# Tests that need the real worker say so; everything else runs tasks in-process.
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_WORKER_TEST_MODE")
# Each test run gets its own cache namespace, so parallel runs on one Redis database neither read
# nor clear each other's keys (tests/conftest.py deletes the run's own keys around every test). A
# run is the pytest process and the Celery workers it starts: they inherit the prefix through the
# environment, so a worker and its tests share the cache.
os.environ.setdefault("TEST_CACHE_KEY_PREFIX", f"portal-test-{os.getpid()}-{secrets.token_hex(4)}")
CACHES["default"]["KEY_PREFIX"] = os.environ["TEST_CACHE_KEY_PREFIX"]
# No collectstatic in tests: WhiteNoise serves from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
