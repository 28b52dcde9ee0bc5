import os
import subprocess
import sys

import pytest
from django.conf import settings


def test_check_deploy_passes_with_production_settings():
    """`check --deploy --fail-level WARNING` must be clean: warnings fail this test too."""
    env = {
        # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is never part of a deployment.
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 64 + "-a-long-random-production-like-secret-0123456789",
        "ALLOWED_HOSTS": "portaal.example.nl",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/via_portal"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "TRUSTED_PROXIES": "172.16.0.0/12",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        ALLOWED_HOSTS="x",
        DATABASE_URL="postgres://x/y",
        REDIS_URL="redis://x",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def _production_check(**overrides) -> subprocess.CompletedProcess:
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 64 + "-a-long-random-production-like-secret-0123456789",
        "ALLOWED_HOSTS": "portaal.example.nl",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/via_portal"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "TRUSTED_PROXIES": "172.16.0.0/12",
    }
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _deploy_check(**overrides) -> subprocess.CompletedProcess:
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "ALLOWED_HOSTS": "portaal.example.nl",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/via_portal"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CLIENT_IP_HEADER": "REMOTE_ADDR",
        **overrides,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "key",
    [
        "dev-only-insecure-key-change-me-in-production-0123456789abcdef",  # the development default
        "change-me-to-a-long-random-string",  # .env.example
    ],
)
def test_check_deploy_fails_with_a_published_secret_key(key):
    """The development key copied into the environment passed `check --deploy`."""
    result = _deploy_check(SECRET_KEY=key)
    assert result.returncode != 0
    assert "portal.E001" in result.stdout + result.stderr


def test_check_deploy_fails_with_a_published_key_among_the_fallbacks():
    result = _deploy_check(
        SECRET_KEY="k" * 64 + "-a-long-random-production-like-secret-0123456789",
        SECRET_KEY_FALLBACKS="dev-only-insecure-key-change-me-in-production-0123456789abcdef",
    )
    assert result.returncode != 0
    assert "SECRET_KEY_FALLBACKS" in result.stdout + result.stderr


def test_production_refuses_to_start_without_the_client_address_header():
    """Without it every visitor behind the proxy shared one address (and one rate limit)."""
    result = _production_check(CLIENT_IP_HEADER=None)
    assert result.returncode != 0
    assert "CLIENT_IP_HEADER" in result.stderr


def test_production_refuses_a_client_address_header_without_trusted_proxies():
    result = _production_check(TRUSTED_PROXIES=None)
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


def test_production_refuses_a_header_name_not_as_in_request_meta():
    result = _production_check(CLIENT_IP_HEADER="X-Real-IP")
    assert result.returncode != 0
    assert "HTTP_X_REAL_IP" in result.stderr


def test_production_refuses_a_trusted_proxy_that_is_no_address():
    result = _production_check(TRUSTED_PROXIES="proxy.example.nl")
    assert result.returncode != 0
    assert "proxy.example.nl" in result.stderr


def test_production_starts_without_a_proxy_when_that_is_said_explicitly():
    result = _production_check(CLIENT_IP_HEADER="REMOTE_ADDR", TRUSTED_PROXIES=None)
    assert result.returncode == 0, result.stderr
