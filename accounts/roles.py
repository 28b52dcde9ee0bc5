"""The portal's roles: Django groups with explicit permissions.

This module is the single source of the role-to-permission mapping; docs/permissions.md shows it
as a matrix and tests/accounts/test_permission_matrix.py checks every cell of that matrix.
Groups are brought in line with this mapping after every `migrate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from core.permissions import HelpdeskPerm

if TYPE_CHECKING:
    from django.contrib.auth.models import Permission
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Role:
    name: str
    label: StrOrPromise
    is_staff: bool
    permissions: tuple[str, ...]


def _content_permissions(*models: str) -> tuple[str, ...]:
    """View, add and change (not delete: editors unpublish) for the given menukaart models."""
    return tuple(f"menukaart.{action}_{model}" for model in models for action in ("view", "add", "change"))


WERKGEVER = "werkgever"
PARTNER_MEDEWERKER = "partner-medewerker"
ADVISEUR = "adviseur"
CONTENTBEHEERDER = "contentbeheerder"
COMMUNITY_COORDINATOR = "community-coordinator"

ROLES: dict[str, Role] = {
    role.name: role
    for role in (
        Role(
            name=WERKGEVER,
            label=_("Werkgever"),
            is_staff=False,
            permissions=(HelpdeskPerm.VIEW_OWN_TICKETS, "menukaart.submit_example"),
        ),
        Role(
            name=PARTNER_MEDEWERKER,
            label=_("Medewerker partnerhelpdesk"),
            is_staff=False,
            permissions=(
                HelpdeskPerm.REFER,
                HelpdeskPerm.VIEW_OWN_ORGANISATION_TICKETS,
                "menukaart.submit_example",
                # impact: the report (with their own organisation's referral figures) and their input
                "impact.view_report",
                "impact.add_partnerinput",
                "impact.change_partnerinput",
            ),
        ),
        Role(
            name=ADVISEUR,
            label=_("Adviseur SER/DiB"),
            is_staff=True,
            permissions=(
                "menukaart.view_measure",
                "menukaart.view_unpublished",
                HelpdeskPerm.WORK_QUEUE,
                HelpdeskPerm.ASSIGN,
                HelpdeskPerm.MERGE,
                HelpdeskPerm.VIEW_CAPACITY,
                HelpdeskPerm.VIEW_STANDARD_ANSWER,
                "impact.view_report",
                "impact.produce_report",
                "impact.view_agreement",
            ),
        ),
        Role(
            name=CONTENTBEHEERDER,
            label=_("Contentbeheerder"),
            is_staff=True,
            permissions=(
                *_content_permissions("measure", "material", "initiative", "example", "source"),
                "menukaart.publish_measure",
                "menukaart.view_unpublished",
                "menukaart.view_theme",
                "menukaart.change_theme",
                HelpdeskPerm.VIEW_STANDARD_ANSWER,
                HelpdeskPerm.ADD_STANDARD_ANSWER,
                HelpdeskPerm.CHANGE_STANDARD_ANSWER,
                "menukaart.view_content_gaps",
                "sitesearch.view_synonym",
                "sitesearch.add_synonym",
                "sitesearch.change_synonym",
                "sitesearch.delete_synonym",
                # Draft revisions of published measures: reviewed and published by another editor.
                "menukaart.view_measurerevision",
                "menukaart.change_measurerevision",
                "menukaart.view_materiallinkcheck",
                "reach.view_shortlink",
                "reach.add_shortlink",
                "reach.change_shortlink",
                # Landing pages per sector, size and partner: the editors' text (/voor/...).
                "reach.view_landingpage",
                "reach.add_landingpage",
                "reach.change_landingpage",
                "menukaart.moderate_example",
                "menukaart.view_examplereaction",
                *(f"communities.{action}_rolemodel" for action in ("view", "add", "change")),
                "communities.publish_rolemodel",
                # Doe-netwerken: set networks up in the admin, moderate every network, review proposals.
                "communities.view_network",
                "communities.add_network",
                "communities.change_network",
                "communities.view_event",
                "communities.add_event",
                "communities.change_event",
                "communities.moderate_network",
                "communities.review_proposal",
                "impact.view_report",
                "impact.produce_report",
                "impact.view_agreement",
                "impact.add_agreement",
                "impact.change_agreement",
            ),
        ),
        Role(
            name=COMMUNITY_COORDINATOR,
            label=_("Community-coördinator"),
            is_staff=True,
            permissions=(),
        ),
    )
}


def sync_role_groups(**kwargs: object) -> None:
    """Create the role groups and give each exactly the permissions listed above.

    Connected to post_migrate. Permissions of apps that are not migrated yet are skipped; the
    post_migrate of the last app completes the set.
    """
    from django.contrib.auth.models import Group, Permission

    for role in ROLES.values():
        group, _created = Group.objects.get_or_create(name=role.name)
        wanted: list[Permission] = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".", 1)
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
