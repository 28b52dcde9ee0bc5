"""Doe-netwerken figures on a small hand-built data set."""

import pytest

from communities.models import Lesson, Meeting, Membership, MembershipStatus, Network, Proposal, ProposalStatus
from impact.figures import REGISTRY, build
from menukaart.models import Example, ExampleReaction, ReactionStatus, Status
from tests.factories import OrganisationFactory, UserFactory
from tests.helpdesk.factories import MeasureFactory
from tests.impact.conftest import H1_2026, at, context_for

S = {"value": None, "suppressed": True}


def rows(key):
    return {row["key"]: row["cells"] for row in build(REGISTRY[key], context_for(H1_2026))["rows"]}


@pytest.fixture
def networks(db, abu):
    network = Network.objects.create(slug="bouw", name="Bouw", summary="-", description="-", host_organisation=abu)
    # 7 members who joined in September 2025, of whom 1 left in March 2026; 5 joined in April 2026.
    for i in range(12):
        user = UserFactory(organisation=OrganisationFactory())
        joined = at(2025, 9, 1, 10) if i < 7 else at(2026, 4, 1, 10)
        left = at(2026, 3, 1, 10) if i == 0 else None
        Membership.objects.create(
            network=network, user=user, organisation=user.organisation, decided_at=joined, left_at=left,
            status=MembershipStatus.LEFT if left else MembershipStatus.ACTIVE,
        )  # fmt: skip
    Membership.objects.create(
        network=network, user=UserFactory(), status=MembershipStatus.REQUESTED, decided_at=None
    )  # asked, not admitted: never counted
    for day in (1, 2, 3, 4, 5, 6):
        Meeting.objects.create(
            network=network, title="Bijeenkomst", starts_at=at(2026, 2, day, 15), ends_at=at(2026, 2, day, 17)
        )
    Meeting.objects.create(network=network, title="Afgelast", starts_at=at(2026, 2, 9, 15), ends_at=at(2026, 2, 9, 17),
                           cancelled_at=at(2026, 2, 8, 9))  # fmt: skip
    measure = MeasureFactory(slug="overgenomen", title="Overgenomen maatregel")
    for i in range(5):
        lesson = Lesson.objects.create(network=network, title=f"Les {i}", body="-", created_at=at(2026, 3, 1, 10))
        Proposal.objects.create(
            network=network, lesson=lesson, kind="nieuw", title=f"Voorstel {i}", body="-",
            created_at=at(2026, 3, 2, 10), measure=measure if i < 2 else None,
            status=ProposalStatus.ACCEPTED if i < 2 else ProposalStatus.SUBMITTED,
            reviewed_at=at(2026, 3, 20, 10) if i < 2 else None,
        )  # fmt: skip
    author = UserFactory()
    for i in range(6):
        example = Example.objects.create(slug=f"voorbeeld-{i}", title=f"Voorbeeld {i}", status=Status.PUBLISHED,
                                         published_at=at(2026, 5, 1, 10))  # fmt: skip
        ExampleReaction.objects.create(example=example, kind="ervaring", body="Herkenbaar.", author=author,
                                       status=ReactionStatus.PUBLISHED, created_at=at(2026, 5, 2, 10))  # fmt: skip
    return network


def test_members_at_the_end_of_each_period_and_new_members(networks):
    members = rows("network_members")
    assert members["leden"] == [{"value": 7}, {"value": 11}]  # 7; then 7 - 1 left + 5 joined
    assert members["nieuw"] == [{"value": 7}, {"value": 5}]


def test_meetings_held_leave_out_cancelled_ones(networks):
    assert rows("meetings_held")["gehouden"] == [{"value": 0}, {"value": 6}]


def test_lessons_proposals_and_accepted_proposals(networks):
    result = rows("lessons_and_proposals")
    assert result["lessen"][-1] == {"value": 5}
    assert result["voorgesteld"][-1] == {"value": 5}
    assert result["overgenomen"][-1] == S  # 2 accepted: suppressed


def test_good_examples_and_reactions(networks):
    result = rows("good_examples")
    assert result["voorbeelden"][-1] == {"value": 6}
    assert result["reacties"][-1] == {"value": 6}
