"""Every list page of the doe-netwerken runs the same number of queries with 20 more rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership, MembershipStatus
from tests.communities.factories import (
    EventFactory,
    LessonFactory,
    MeetingFactory,
    MembershipFactory,
    NetworkFactory,
    PostFactory,
    ProposalFactory,
    RegistrationFactory,
    ResourceFactory,
)
from tests.menukaart.factories import ThemeFactory


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def _constant(client, django_assert_num_queries, url, add_rows):
    client.get(url)  # warm up: the first request of a session writes the session and staff timestamps
    before = _count(client, url)
    add_rows()
    with django_assert_num_queries(before):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_network_list(client, django_assert_num_queries, network, member):
    def more():
        for _ in range(20):
            other = NetworkFactory()
            other.themes.add(ThemeFactory())
            MembershipFactory(network=other)

    client.force_login(member)
    _constant(client, django_assert_num_queries, reverse("communities:index"), more)


@pytest.mark.django_db
def test_network_page(client, django_assert_num_queries, network, member):
    def more():
        for _ in range(20):
            meeting = MeetingFactory(network=network, is_public=True)
            RegistrationFactory(meeting=meeting)
            LessonFactory(network=network, meeting=meeting, published_at=timezone.now())
            ResourceFactory(network=network)

    client.force_login(member)
    _constant(client, django_assert_num_queries, network.get_absolute_url(), more)


@pytest.mark.django_db
def test_meeting_page_with_registrations_and_lessons(client, django_assert_num_queries, network, member):
    meeting = MeetingFactory(network=network)

    def more():
        for _ in range(20):
            RegistrationFactory(meeting=meeting)
            LessonFactory(network=network, meeting=meeting)

    client.force_login(member)
    _constant(client, django_assert_num_queries, meeting.get_absolute_url(), more)


@pytest.mark.django_db
def test_member_list_and_management(client, django_assert_num_queries, network, member, coordinator):
    def more():
        for _ in range(20):
            MembershipFactory(network=network)
            MembershipFactory(network=network, status=MembershipStatus.REQUESTED)

    client.force_login(member)
    _constant(client, django_assert_num_queries, reverse("communities:member_list", args=[network.slug]), more)
    client.force_login(coordinator)
    _constant(client, django_assert_num_queries, reverse("communities:members_manage", args=[network.slug]), more)


@pytest.mark.django_db
def test_discussion_and_thread(client, django_assert_num_queries, network, member):
    thread = PostFactory(network=network)

    def more():
        for _ in range(20):
            post = PostFactory(network=network)
            PostFactory(network=network, parent=post)
            PostFactory(network=network, parent=thread)

    client.force_login(member)
    _constant(client, django_assert_num_queries, reverse("communities:discussion", args=[network.slug]), more)
    _constant(client, django_assert_num_queries, reverse("communities:thread", args=[network.slug, thread.pk]), more)


@pytest.mark.django_db
def test_resources(client, django_assert_num_queries, network, member):
    client.force_login(member)
    _constant(
        client,
        django_assert_num_queries,
        reverse("communities:resources", args=[network.slug]),
        lambda: [ResourceFactory(network=network) for _ in range(20)],
    )


@pytest.mark.django_db
def test_calendar_and_feeds(client, django_assert_num_queries, network):
    def more():
        for _ in range(20):
            MeetingFactory(network=NetworkFactory(), is_public=True)
            EventFactory(starts_at=timezone.now() + timedelta(days=3))

    for url in (reverse("communities:calendar"), reverse("communities:public_feed")):
        _constant(client, django_assert_num_queries, url, more)
    _constant(
        client,
        django_assert_num_queries,
        reverse("communities:network_feed", args=[network.slug]),
        lambda: [MeetingFactory(network=network, is_public=True) for _ in range(20)],
    )


@pytest.mark.django_db
def test_my_networks(client, django_assert_num_queries, network, coordinator):
    Membership.objects.create(network=NetworkFactory(), user=coordinator)

    def more():
        for _ in range(20):
            NetworkFactory(coordinators=[coordinator])
            Membership.objects.create(network=NetworkFactory(), user=coordinator)

    client.force_login(coordinator)
    _constant(client, django_assert_num_queries, reverse("communities:my_networks"), more)


@pytest.mark.django_db
def test_proposal_review_list(client, django_assert_num_queries, editor):
    client.force_login(editor)
    _constant(
        client,
        django_assert_num_queries,
        reverse("communities:proposal_review_list"),
        lambda: [ProposalFactory() for _ in range(20)],
    )
