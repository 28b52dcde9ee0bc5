"""System checks of the portal's own settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Keys published in this repository: the development default, the .env.example placeholder and
# the Dockerfile's build-only key. Django's own check (security.W009) lets them pass: they are
# long and varied enough, but anyone can read them here.
PUBLISHED_SECRET_KEYS = {
    getattr(settings, "DEVELOPMENT_SECRET_KEY", ""),
    "change-me-to-a-long-random-string",
    "build-only-collectstatic-not-a-secret",
}


@register(Tags.security, deploy=True)
def check_secret_key_is_not_published(app_configs, **kwargs):
    keys = [("SECRET_KEY", settings.SECRET_KEY)] + [
        ("SECRET_KEY_FALLBACKS", key) for key in getattr(settings, "SECRET_KEY_FALLBACKS", [])
    ]
    return [
        Error(
            f"{name} is a key published in the portal's repository (the development default or a placeholder).",
            hint='Generate one: python -c "import secrets; print(secrets.token_urlsafe(64))" (docs/operations.md).',
            id="portal.E001",
        )
        for name, key in keys
        if key in PUBLISHED_SECRET_KEYS or key.startswith("dev-only-")
    ]
