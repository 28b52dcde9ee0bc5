"""Communities (doe-netwerken): networks of employers, their members, meetings, discussion, resources
and the lessons they turn into proposals for the menukaart.

Who may see or do what is decided in communities/permissions.py; writes go through
communities/services.py. The menukaart never imports this app: the link from a measure back to the
network it came from is the proposal's own foreign key (`Proposal.measure`, related name
`network_proposals`).
"""

from communities.models.discussion import DigestDelivery, Post, PostReport
from communities.models.events import Event
from communities.models.meetings import Lesson, Meeting, MeetingRegistration
from communities.models.networks import (
    EmailPreference,
    JoinPolicy,
    Membership,
    MembershipStatus,
    Network,
    NetworkQuerySet,
    NetworkStatus,
    Region,
)
from communities.models.proposals import Proposal, ProposalKind, ProposalStatus
from communities.models.resources import Resource, ResourceVisibility
from communities.models.role_models import RoleModel, RoleModelConsent, RoleModelQuerySet, RoleModelStatus

__all__ = [
    "DigestDelivery",
    "EmailPreference",
    "Event",
    "JoinPolicy",
    "Lesson",
    "Meeting",
    "MeetingRegistration",
    "Membership",
    "MembershipStatus",
    "Network",
    "NetworkQuerySet",
    "NetworkStatus",
    "Post",
    "PostReport",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "Region",
    "Resource",
    "ResourceVisibility",
    "RoleModel",
    "RoleModelConsent",
    "RoleModelQuerySet",
    "RoleModelStatus",
]
