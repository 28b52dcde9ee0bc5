"""Who may see or do what in the helpdesk (object level).

Role-level rights are Django permissions (accounts/roles.py, docs/permissions.md). On top of
those, partner staff see only their own organisation's referrals, and the requester sees a ticket
only through a private follow link. Views fetch tickets through these querysets, so a ticket that
is not yours is a 404, exactly like one that does not exist.
"""

from django.db.models import QuerySet

from helpdesk.models import Attachment, Message, Ticket, TicketStatus


def is_advisor(user) -> bool:
    return user.is_authenticated and user.has_perm("helpdesk.work_queue")


def is_referring_partner(user) -> bool:
    return (
        user.is_authenticated
        and user.has_perm("helpdesk.refer_ticket")
        and user.organisation is not None
        and user.organisation.is_referring_partner
    )


def tickets_visible_to(user) -> QuerySet[Ticket]:
    """Every ticket this (logged-in) user may open. Anonymous users see none."""
    if not user.is_authenticated:
        return Ticket.objects.none()
    if is_advisor(user):
        return Ticket.objects.all()
    if user.has_perm("helpdesk.view_own_organisation_tickets") and user.organisation_id:
        return Ticket.objects.filter(referring_organisation_id=user.organisation_id)
    return Ticket.objects.none()


def follows_own_questions(user) -> bool:
    """A registered employer (werkgever) who sees the questions they asked while logged in."""
    return user.is_authenticated and user.has_perm("helpdesk.view_own_tickets")


def own_questions_of(user) -> QuerySet[Ticket]:
    """Only the tickets this user asked while logged in, whatever else their role lets them see."""
    if not follows_own_questions(user):
        return Ticket.objects.none()
    return Ticket.objects.asked_by(user)


def partner_sees_answer(user, ticket: Ticket) -> bool:
    """Partner staff see the answer only when the employer consented to sharing it."""
    return ticket.consent_share_with_partner and ticket.referring_organisation_id == user.organisation_id


def messages_visible_to(user, ticket: Ticket) -> QuerySet[Message]:
    if is_advisor(user):
        return ticket.messages.all()
    if partner_sees_answer(user, ticket):
        return ticket.messages.public()
    return Message.objects.none()


def attachments_visible_to(user) -> QuerySet[Attachment]:
    if is_advisor(user):
        return Attachment.objects.all()
    if user.is_authenticated and user.has_perm("helpdesk.view_own_organisation_tickets") and user.organisation_id:
        return Attachment.objects.filter(
            message__ticket__referring_organisation_id=user.organisation_id,
            message__ticket__consent_share_with_partner=True,
        ).exclude(message__kind="notitie")
    return Attachment.objects.none()


def can_reply(user, ticket: Ticket) -> bool:
    return is_advisor(user) and ticket.merged_into_id is None and ticket.pseudonymised_at is None


def can_add_note(user, ticket: Ticket) -> bool:
    return is_advisor(user) and ticket.pseudonymised_at is None


def can_claim(user, ticket: Ticket) -> bool:
    return is_advisor(user) and ticket.assigned_to_id is None and ticket.is_open


def can_assign(user, ticket: Ticket) -> bool:
    return is_advisor(user) and user.has_perm("helpdesk.assign_ticket") and ticket.status != TicketStatus.CLOSED


def can_change_status(user, ticket: Ticket) -> bool:
    """A merged duplicate stays closed; a pseudonymised ticket is only statistics now."""
    return is_advisor(user) and ticket.merged_into_id is None and ticket.pseudonymised_at is None


def can_merge(user, ticket: Ticket) -> bool:
    return (
        is_advisor(user)
        and user.has_perm("helpdesk.merge_ticket")
        and ticket.merged_into_id is None
        and ticket.pseudonymised_at is None
    )


def can_close(user, ticket: Ticket) -> bool:
    return is_advisor(user) and ticket.status != TicketStatus.CLOSED


def requester_can_reply(ticket: Ticket) -> bool:
    return ticket.merged_into_id is None and ticket.pseudonymised_at is None
