"""Rotating SECRET_KEY (docs/operations.md): the old key stays valid as a fallback for a while."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator

from tests.accounts.factories import UserFactory

OLD_KEY = "old-" + "o" * 60
NEW_KEY = "new-" + "n" * 60


def test_fallbacks_are_read_from_the_environment():
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "SECRET_KEY": NEW_KEY,
        "SECRET_KEY_FALLBACKS": f"{OLD_KEY}, older-{'x' * 60}",
    }
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == str([OLD_KEY, f"older-{'x' * 60}"]), result.stderr


@pytest.mark.django_db
def test_password_reset_link_survives_rotation_only_with_the_fallback(settings):
    user = UserFactory()
    settings.SECRET_KEY = OLD_KEY
    token = PasswordResetTokenGenerator().make_token(user)
    settings.SECRET_KEY = NEW_KEY
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    assert PasswordResetTokenGenerator().check_token(user, token)
    settings.SECRET_KEY_FALLBACKS = []
    assert not PasswordResetTokenGenerator().check_token(user, token)
