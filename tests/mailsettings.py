"""Switch the mail backend in a test on both supported Django versions (see portal/settings/mail.py)."""

import django

LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def use_mail_backend(settings, backend: str, **smtp_options) -> None:
    """settings: pytest-django's fixture. smtp_options: host, port, timeout (SMTP backend only)."""
    if django.VERSION[:2] >= (6, 1):
        settings.MAILERS = {"default": {"BACKEND": backend, "OPTIONS": smtp_options}}
        return
    settings.EMAIL_BACKEND = backend
    for option, value in smtp_options.items():
        setattr(settings, f"EMAIL_{option.upper()}", value)
