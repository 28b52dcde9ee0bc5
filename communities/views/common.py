from django.shortcuts import get_object_or_404

from communities import permissions
from communities.models import Membership, MembershipStatus, Network


def visible_network(request, slug: str) -> Network:
    return get_object_or_404(Network.objects.visible_to(request.user).select_related("host_organisation"), slug=slug)


def participated_network(request, slug: str) -> Network:
    """A network whose members-only pages the user may open; anything else is a 404."""
    return get_object_or_404(
        Network.objects.participated_by(request.user).select_related("host_organisation"), slug=slug
    )


def managed_network(request, slug: str) -> Network:
    return get_object_or_404(Network.objects.managed_by(request.user).select_related("host_organisation"), slug=slug)


def roles_in(request, network: Network) -> dict:
    """What the page may offer this user in this network (for templates)."""
    user = request.user
    membership = Membership.objects.filter(network=network, user=user).first() if user.is_authenticated else None
    member = membership is not None and membership.status == MembershipStatus.ACTIVE
    manage = permissions.can_manage(user, network)
    return {
        "membership": membership,
        "is_member": member,
        "can_manage": manage,
        "can_participate": member or manage,
        "can_ask_to_join": permissions.can_ask_to_join(user, network)
        and (membership is None or membership.status in (MembershipStatus.DECLINED, MembershipStatus.LEFT)),
    }
