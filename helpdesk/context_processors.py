"""The helpdesk's links in the main menu, for the roles that work with it.

Chosen by permission (never by group name), so a superuser or a future role with the same rights
gets the same links. Anonymous visitors cost nothing; a logged-in user costs the permission
lookup Django caches on the user for the rest of the request.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    url: str
    current: bool


# (permission, label, URL name, the views in which the link is the current page)
LINKS = (
    ("helpdesk.work_queue", _("Mijn werk"), "helpdesk:my_work", {"helpdesk:my_work"}),
    ("helpdesk.work_queue", _("Vragen"), "helpdesk:queue", {"helpdesk:queue", "helpdesk:ticket_detail"}),
    (
        "helpdesk.view_own_organisation_tickets",
        _("Doorverwijzingen"),
        "helpdesk:referral_list",
        {"helpdesk:referral_list", "helpdesk:referral_detail", "helpdesk:refer"},
    ),
    (
        "helpdesk.view_own_tickets",
        _("Mijn vragen"),
        "helpdesk:my_tickets",
        {"helpdesk:my_tickets", "helpdesk:my_ticket"},
    ),
)


def navigation(request) -> dict:
    """`helpdesk_nav`: the role links this user may follow; `helpdesk_nav_current`: one is this page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"helpdesk_nav": (), "helpdesk_nav_current": False}
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    links = tuple(
        NavLink(label=label, url=reverse(url_name), current=view_name in current_on)
        for permission, label, url_name, current_on in LINKS
        if user.has_perm(permission)
    )
    return {"helpdesk_nav": links, "helpdesk_nav_current": any(link.current for link in links)}
