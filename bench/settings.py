"""Settings for `make bench` (bench/run.py): the portal's own settings plus the floor views.

The floor (bench/floor.py) is a set of bare Django views, one per key page, that the benchmark
measures next to the real page. They exist only under these settings: ROOT_URLCONF is bench.urls,
which adds them in front of the portal's URLconf; portal/urls.py never includes them.
"""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import CACHES

ROOT_URLCONF = "bench.urls"
DEBUG = False
# Django's test Client asks for "testserver".
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Tasks (e-mail, reports) run in the process; nothing is sent to a broker during a benchmark.
CELERY_TASK_ALWAYS_EAGER = True
# A cache namespace of its own, so a benchmark never meets a test run's or the portal's keys.
CACHES = {**CACHES, "default": {**CACHES["default"], "KEY_PREFIX": "portal-bench"}}
# Serve static files from the finders (no collectstatic for a benchmark), as the test settings do.
WHITENOISE_USE_FINDERS = True
