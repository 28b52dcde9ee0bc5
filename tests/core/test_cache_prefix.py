"""Parallel test runs on one Redis database keep apart: each run has its own cache key prefix, and
clearing the cache between tests deletes only the run's own keys."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.cache import cache

from tests.conftest import _clear_test_cache_keys


def prefix_in_new_process(env: dict) -> str:
    code = "from django.conf import settings; print(settings.CACHES['default']['KEY_PREFIX'])"
    result = subprocess.run(  # noqa: S603 - a fixed command: this Python, reading the test settings
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_every_run_has_its_own_prefix_which_its_workers_share():
    ours = settings.CACHES["default"]["KEY_PREFIX"]
    assert ours.startswith("portal-test-") and ours == os.environ["TEST_CACHE_KEY_PREFIX"]
    another_run = {name: value for name, value in os.environ.items() if name != "TEST_CACHE_KEY_PREFIX"}
    assert prefix_in_new_process(another_run) not in ("", ours)
    assert prefix_in_new_process(dict(os.environ)) == ours  # a Celery worker this run starts


def test_clearing_between_tests_leaves_another_runs_keys():
    client = cache._cache.get_client(write=True)
    other_key = "portal-test-0-other:1:throttle"
    client.set(other_key, "theirs", ex=60)
    cache.set("throttle", "ours")
    try:
        _clear_test_cache_keys()
        assert cache.get("throttle") is None
        assert client.get(other_key) == b"theirs"
    finally:
        client.delete(other_key)
