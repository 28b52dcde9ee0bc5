"""The doe-netwerken as people use them: an employer asks to join, the coordinator approves, the
member signs up for a meeting and later reads its minutes. Every new page is checked with axe-core.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from communities.models import Meeting, Membership, MembershipStatus
from tests.browser.helpers import assert_accessible, assert_reflows, login
from tests.communities.factories import (
    EventFactory,
    LessonFactory,
    MeetingFactory,
    MembershipFactory,
    NetworkFactory,
    PostFactory,
    ProposalFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def network(community_coordinator):
    return NetworkFactory(
        slug="objectief-werven", name="Objectief werven en selecteren", coordinators=[community_coordinator]
    )


def test_join_approve_sign_up_and_read_the_minutes(page, new_page, werkgever, community_coordinator, network):
    meeting = MeetingFactory(network=network, title="Divers selectiecomité", is_public=True, capacity=10)

    # The employer finds the network and asks to join.
    login(page, werkgever)
    page.goto(network.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Objectief werven en selecteren")
    assert_accessible(page)
    page.get_by_role("link", name="Vraag om lid te worden").click()
    assert_accessible(page)
    page.get_by_label("Waarom wil je meedoen").fill("Wij willen eerlijker selecteren.")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_text("Je aanvraag is verstuurd.").first).to_be_visible()

    # The coordinator approves.
    coordinator_page = new_page()
    login(coordinator_page, community_coordinator)
    coordinator_page.goto(reverse("communities:members_manage", args=[network.slug]))
    expect(coordinator_page.get_by_text("Wij willen eerlijker selecteren.")).to_be_visible()
    assert_accessible(coordinator_page)
    coordinator_page.get_by_role("button", name="Toelaten").click()
    expect(coordinator_page.get_by_text("is nu lid")).to_be_visible()
    assert Membership.objects.get(user=werkgever).status == MembershipStatus.ACTIVE

    # The member signs up for the meeting.
    page.goto(meeting.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("button", name="Aanmelden voor deze bijeenkomst").click()
    expect(page.get_by_text("Je bent aangemeld voor deze bijeenkomst.")).to_be_visible()
    assert meeting.registrations.filter(user=werkgever).exists()

    # Later: the meeting has been held and the coordinator writes the minutes and a lesson.
    held = timezone.now() - timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=held, ends_at=held + timedelta(hours=2))
    coordinator_page.goto(reverse("communities:meeting_minutes", args=[network.slug, meeting.pk]))
    assert_accessible(coordinator_page)
    coordinator_page.get_by_role("textbox", name="Verslag").fill(
        "We spraken af om een divers selectiecomité te proberen."
    )
    coordinator_page.get_by_role("button", name="Verslag bewaren").click()
    expect(coordinator_page.get_by_text("Het verslag is bewaard.")).to_be_visible()

    # The member reads the minutes.
    page.goto(meeting.get_absolute_url())
    expect(page.get_by_text("We spraken af om een divers selectiecomité te proberen.")).to_be_visible()
    assert_accessible(page)


def test_every_new_page_is_accessible(page, new_page, werkgever, community_coordinator, contentbeheerder, network):
    MembershipFactory(network=network, user=werkgever)
    MembershipFactory(network=network)
    MembershipFactory(network=network, status=MembershipStatus.REQUESTED)
    meeting = MeetingFactory(network=network, is_public=True)
    LessonFactory(network=network, meeting=meeting, published_at=timezone.now())
    thread = PostFactory(network=network, author=werkgever, body="Zie https://www.example.nl/les voor de lijst.")
    PostFactory(network=network, parent=thread, title="")
    ResourceFactory(network=network, title="Checklist")
    EventFactory(title="Diversity Day")
    proposal = ProposalFactory(network=network)

    pages = [
        reverse("communities:index"),
        reverse("communities:calendar"),
        network.get_absolute_url(),
        meeting.get_absolute_url(),
        reverse("accounts:signup"),
    ]
    for url in pages:
        page.goto(url)
        assert_accessible(page)
        assert_reflows(page)

    login(page, werkgever)
    for url in (
        reverse("communities:my_networks"),
        reverse("communities:member_list", args=[network.slug]),
        reverse("communities:discussion", args=[network.slug]),
        reverse("communities:thread", args=[network.slug, thread.pk]),
        reverse("communities:post_edit", args=[network.slug, thread.pk]),
        reverse("communities:resources", args=[network.slug]),
    ):
        page.goto(url)
        assert_accessible(page)
        assert_reflows(page)
    other = PostFactory(network=network)
    page.goto(reverse("communities:post_report", args=[network.slug, other.pk]))
    assert_accessible(page)
    # A bad post keeps the text and shows the Dutch message in an accessible summary.
    page.goto(reverse("communities:discussion", args=[network.slug]))
    page.get_by_label("Onderwerp").fill("Vraag")
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.get_by_text("Schrijf je bericht.").first).to_be_visible()
    assert_accessible(page)

    coordinator_page = new_page()
    login(coordinator_page, community_coordinator)
    pending = Membership.objects.filter(network=network, status=MembershipStatus.REQUESTED).get()
    for url in (
        reverse("communities:meeting_create", args=[network.slug]),
        reverse("communities:meeting_edit", args=[network.slug, meeting.pk]),
        reverse("communities:membership_decline", args=[network.slug, pending.pk]),
        reverse("communities:lesson_propose", args=[network.slug, proposal.lesson.pk]),
    ):
        coordinator_page.goto(url)
        assert_accessible(coordinator_page)
        assert_reflows(coordinator_page)

    editor_page = new_page()
    login(editor_page, contentbeheerder)
    for url in (
        reverse("communities:proposal_review_list"),
        reverse("communities:proposal_review", args=[proposal.pk]),
    ):
        editor_page.goto(url)
        assert_accessible(editor_page)
