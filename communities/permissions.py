"""Who may see or do what in the doe-netwerken.

Object-level rules: a *member* has an active membership of the network; a *coordinator* is one of
the network's coordinators; an *editor* (moderator) holds `communities.moderate_network` and may
manage and moderate every network. "Participant" = member, coordinator or editor: they see the
members-only parts (member list, discussion, minutes, members-only sources and meetings).

Views look objects up through the querysets (`Network.objects.participated_by(user)`, ...), so
anything the user may not see is a 404, the same as something that does not exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communities.models import JoinPolicy, Membership, MembershipStatus, Network, NetworkStatus

if TYPE_CHECKING:
    from accounts.models import AnyUser

REVIEW_PROPOSALS = "communities.review_proposal"


def can_moderate(user: AnyUser) -> bool:
    return Network.is_editor(user)


def can_review_proposals(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_perm(REVIEW_PROPOSALS)


def is_member(user: AnyUser, network: Network) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(network=network, user=user, status=MembershipStatus.ACTIVE).exists()


def is_coordinator(user: AnyUser, network: Network) -> bool:
    return user.is_authenticated and network.coordinators.filter(pk=user.pk).exists()


def can_manage(user: AnyUser, network: Network) -> bool:
    """Approve members, plan meetings, write minutes, hide posts, propose lessons: coordinators and editors."""
    return can_moderate(user) or is_coordinator(user, network)


def can_participate(user: AnyUser, network: Network) -> bool:
    return can_manage(user, network) or is_member(user, network)


def can_ask_to_join(user: AnyUser, network: Network) -> bool:
    """Anyone with an account who is not yet a member, in an active network that is open to requests."""
    return (
        user.is_authenticated
        and network.join_policy == JoinPolicy.OPEN
        and network.status == NetworkStatus.ACTIVE
        and not is_member(user, network)
    )
