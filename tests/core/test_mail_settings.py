"""Mail works on Django 6.1 (MAILERS) and 5.2 (EMAIL_*) from the same environment variables."""

import os
import subprocess
import sys

import django
import pytest
from django.conf import settings
from django.core import mail

from portal.settings.mail import CONSOLE_BACKEND, SMTP_BACKEND, mail_settings

SMTP_ENV = {
    "EMAIL_HOST": "smtp.example.nl",
    "EMAIL_PORT": "587",
    "EMAIL_HOST_USER": "portaal",
    "EMAIL_HOST_PASSWORD": "geheim",
    "EMAIL_USE_TLS": "true",
    "EMAIL_TIMEOUT": "7",
}


@pytest.fixture
def smtp_env(monkeypatch):
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    for name, value in SMTP_ENV.items():
        monkeypatch.setenv(name, value)


def test_django_6_1_gets_mailers_and_no_deprecated_settings(smtp_env):
    result = mail_settings(default_backend=SMTP_BACKEND, django_version=(6, 1, 0, "final", 0))
    assert result == {
        "MAILERS": {
            "default": {
                "BACKEND": SMTP_BACKEND,
                "OPTIONS": {
                    "host": "smtp.example.nl",
                    "port": 587,
                    "username": "portaal",
                    "password": "geheim",
                    "use_tls": True,
                    "use_ssl": False,
                    "timeout": 7,
                },
            }
        }
    }


def test_django_6_1_console_backend_gets_no_smtp_options(smtp_env):
    result = mail_settings(default_backend=CONSOLE_BACKEND, django_version=(6, 1, 0, "final", 0))
    assert result == {"MAILERS": {"default": {"BACKEND": CONSOLE_BACKEND, "OPTIONS": {}}}}


def test_django_5_2_gets_the_email_settings(smtp_env):
    result = mail_settings(default_backend=SMTP_BACKEND, django_version=(5, 2, 8, "final", 0))
    assert "MAILERS" not in result
    assert result["EMAIL_BACKEND"] == SMTP_BACKEND
    assert (result["EMAIL_HOST"], result["EMAIL_PORT"], result["EMAIL_USE_TLS"]) == ("smtp.example.nl", 587, True)
    assert (result["EMAIL_HOST_USER"], result["EMAIL_HOST_PASSWORD"], result["EMAIL_TIMEOUT"]) == (
        "portaal",
        "geheim",
        7,
    )


def test_environment_chooses_the_backend(monkeypatch):
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    result = mail_settings(default_backend=SMTP_BACKEND, django_version=(5, 2, 8, "final", 0))
    assert result["EMAIL_BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"


def test_the_installed_django_builds_an_smtp_backend_from_the_environment(smtp_env, settings):
    for name, value in mail_settings(default_backend=SMTP_BACKEND).items():
        setattr(settings, name, value)
    backend = mail.mailers.default if django.VERSION >= (6, 1) else mail.get_connection()
    assert (backend.host, backend.port, backend.username, backend.password) == (
        "smtp.example.nl",
        587,
        "portaal",
        "geheim",
    )
    assert backend.use_tls and not backend.use_ssl and backend.timeout == 7


def test_mail_is_sent_through_the_configured_mailer():
    sent = mail.send_mail("Onderwerp", "Tekst", None, ["werkgever@example.nl"])
    assert sent == 1
    assert mail.outbox[0].to == ["werkgever@example.nl"]
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL


@pytest.mark.parametrize("settings_module", ["portal.settings.base", "portal.settings.production"])
def test_settings_raise_no_django_deprecation_warnings(settings_module):
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **SMTP_ENV,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "s" * 64,
        "ALLOWED_HOSTS": "portaal.example.nl",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/unused.sqlite3"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CLIENT_IP_HEADER": "REMOTE_ADDR",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-W", "always", "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "RemovedInDjango" not in result.stderr, result.stderr
