import pytest

from accounts.roles import WERKGEVER
from communities.models import MembershipStatus
from tests.communities.factories import MeetingFactory, MembershipFactory, NetworkFactory
from tests.factories import UserFactory


def outbox_to(email: str):
    """The e-mails queued for one address (the shared outbox)."""
    from core.models import OutboxMessage

    return list(OutboxMessage.objects.filter(to=email).order_by("pk"))


@pytest.fixture
def coordinator(community_coordinator):
    return community_coordinator


@pytest.fixture
def network(coordinator):
    return NetworkFactory(slug="werving-selectie", name="Objectief werven en selecteren", coordinators=[coordinator])


@pytest.fixture
def member(network):
    return MembershipFactory(network=network).user


@pytest.fixture
def other_member(db):
    """A member of a different network."""
    return MembershipFactory(network=NetworkFactory(slug="ander-netwerk")).user


@pytest.fixture
def outsider(db):
    return UserFactory(role=WERKGEVER)


@pytest.fixture
def editor(contentbeheerder):
    return contentbeheerder


@pytest.fixture
def meeting(network):
    return MeetingFactory(network=network, is_public=True)


@pytest.fixture
def viewers(member, other_member, coordinator, editor):
    """The five viewers of the visibility tests (None = anonymous)."""
    return {"anoniem": None, "ander lid": other_member, "lid": member, "coördinator": coordinator, "redacteur": editor}


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


__all__ = ["MembershipStatus", "outbox_to"]
