"""Who may see or do what in the helpdesk (object level).

Role-level rights are Django permissions (accounts/roles.py, docs/permissions.md). On top of
those, partner staff see only their own organisation's referrals, and the requester sees a ticket
only through a private follow link. Views fetch tickets through these querysets, so a ticket that
is not yours is a 404, exactly like one that does not exist.

Reads that decide access live here too: the partner's own referrals, the ticket a follow link
opens, the files each kind of visitor may download, and who counts as an advisor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from accounts.roles import ADVISEUR
from core.permissions import HelpdeskPerm
from helpdesk.models import (
    Attachment,
    Message,
    MessageKind,
    Ticket,
    TicketAccessToken,
    TicketQuerySet,
    TicketStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def is_advisor(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.has_perm(HelpdeskPerm.WORK_QUEUE)


def is_referring_partner(user: User | AnonymousUser) -> bool:
    return (
        user.is_authenticated
        and user.has_perm(HelpdeskPerm.REFER)
        and user.organisation is not None
        and user.organisation.is_referring_partner
    )


def tickets_visible_to(user: User | AnonymousUser) -> TicketQuerySet:
    """Every ticket this (logged-in) user may open. Anonymous users see none."""
    if not user.is_authenticated:
        return Ticket.objects.none()
    if is_advisor(user):
        return Ticket.objects.all()
    if user.has_perm(HelpdeskPerm.VIEW_OWN_ORGANISATION_TICKETS) and user.organisation_id:
        return Ticket.objects.filter(referring_organisation_id=user.organisation_id)
    return Ticket.objects.none()


def own_referrals_of(user: User) -> TicketQuerySet:
    """Only ever the user's own organisation's referrals, whatever else the user may see."""
    if not user.organisation_id:
        return Ticket.objects.none()
    return Ticket.objects.filter(referring_organisation_id=user.organisation_id)


def ticket_for_token(token: str) -> Ticket | None:
    """The ticket this follow link was issued for, and never another one: not even the ticket it
    was merged into (an e-mail address typed on the public form proves no identity, so a merge must
    not hand one person's thread to whoever typed their address)."""
    row = TicketAccessToken.objects.filter(token_hash=TicketAccessToken.hash(token)).select_related("ticket").first()
    return row.ticket if row else None


def follows_own_questions(user: User | AnonymousUser) -> bool:
    """A registered employer (werkgever) who sees the questions they asked while logged in."""
    return user.is_authenticated and user.has_perm(HelpdeskPerm.VIEW_OWN_TICKETS)


def own_questions_of(user: User | AnonymousUser) -> TicketQuerySet:
    """Only the tickets this user asked while logged in, whatever else their role lets them see."""
    if not follows_own_questions(user):
        return Ticket.objects.none()
    return Ticket.objects.asked_by(user)


def partner_sees_answer(user: User, ticket: Ticket) -> bool:
    """Partner staff see the answer only when the employer consented to sharing it."""
    return ticket.consent_share_with_partner and ticket.referring_organisation_id == user.organisation_id


def messages_visible_to(user: User, ticket: Ticket) -> QuerySet[Message]:
    if is_advisor(user):
        return ticket.messages.all()
    if partner_sees_answer(user, ticket):
        return ticket.messages.public()
    return Message.objects.none()


def attachments_visible_to(user: User | AnonymousUser) -> QuerySet[Attachment]:
    if is_advisor(user):
        return Attachment.objects.all()
    if user.is_authenticated and user.has_perm(HelpdeskPerm.VIEW_OWN_ORGANISATION_TICKETS) and user.organisation_id:
        return Attachment.objects.filter(
            message__ticket__referring_organisation_id=user.organisation_id,
            message__ticket__consent_share_with_partner=True,
        ).exclude(message__kind=MessageKind.NOTE)
    return Attachment.objects.none()


def requester_attachments(ticket: Ticket) -> QuerySet[Attachment]:
    """The files the requester may download (follow link or "Mijn vragen"): those of the ticket's
    public messages, never of an internal note."""
    return Attachment.objects.filter(message__ticket=ticket).exclude(message__kind=MessageKind.NOTE)


def can_reply(user: User | AnonymousUser, ticket: Ticket) -> bool:
    return is_advisor(user) and ticket.merged_into_id is None and ticket.pseudonymised_at is None


def can_add_note(user: User | AnonymousUser, ticket: Ticket) -> bool:
    return is_advisor(user) and ticket.pseudonymised_at is None


def can_claim(user: User | AnonymousUser, ticket: Ticket) -> bool:
    return is_advisor(user) and ticket.assigned_to_id is None and ticket.is_open


def can_assign(user: User | AnonymousUser, ticket: Ticket) -> bool:
    return is_advisor(user) and user.has_perm(HelpdeskPerm.ASSIGN) and ticket.status != TicketStatus.CLOSED


def can_change_status(user: User | AnonymousUser, ticket: Ticket) -> bool:
    """A merged duplicate stays closed; a pseudonymised ticket is only statistics now."""
    return is_advisor(user) and ticket.merged_into_id is None and ticket.pseudonymised_at is None


def can_merge(user: User | AnonymousUser, ticket: Ticket) -> bool:
    return (
        is_advisor(user)
        and user.has_perm(HelpdeskPerm.MERGE)
        and ticket.merged_into_id is None
        and ticket.pseudonymised_at is None
    )


def can_close(user: User | AnonymousUser, ticket: Ticket) -> bool:
    return is_advisor(user) and ticket.status != TicketStatus.CLOSED


def requester_can_reply(ticket: Ticket) -> bool:
    return ticket.merged_into_id is None and ticket.pseudonymised_at is None


def advisors() -> QuerySet[User]:
    """The active accounts with the advisor role (adviseur): who a ticket can be assigned to."""
    return get_user_model().objects.filter(groups__name=ADVISEUR, is_active=True).order_by("first_name", "last_name")
