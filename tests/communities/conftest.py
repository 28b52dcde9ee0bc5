import pytest


@pytest.fixture
def private_media(settings, tmp_path):
    """Role-model photos go to a temporary private-media folder, removed after the test."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.PRIVATE_MEDIA_ROOT},
        },
    }
    return settings.PRIVATE_MEDIA_ROOT
