"""The audit trail: who did or saw what, on which ticket."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpdesk.models import REQUESTER_LABEL, SYSTEM_LABEL, AuditAction, AuditEvent, Ticket

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

__all__ = ["REQUESTER_LABEL", "SYSTEM_LABEL", "audit", "audit_requester", "record_view"]


def audit(
    *,
    ticket: Ticket | None,
    action: str,
    actor: User | AnonymousUser | None = None,
    actor_label: str = "",
    **detail: Any,
) -> AuditEvent:
    """Record who did or saw what. `detail` must not contain the requester's personal data."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        ticket=ticket,
        ticket_reference=ticket.reference if ticket else "",
        actor=actor,
        actor_label=actor_label or (actor.get_username() if actor else SYSTEM_LABEL),
        action=action,
        detail=detail,
    )


def record_view(*, ticket: Ticket, by: User | None = None, actor_label: str = "", what: str = "ticket") -> None:
    """Every view of a ticket's personal data is in the audit trail."""
    audit(ticket=ticket, action=AuditAction.VIEWED, actor=by, actor_label=actor_label, what=what)


def audit_requester(*, ticket: Ticket, action: str, by: User | None = None, **detail: Any) -> AuditEvent:
    """Something the requester did: logged in (`by`, through "Mijn vragen") or through the follow link."""
    return audit(ticket=ticket, action=action, actor=by, actor_label="" if by else REQUESTER_LABEL, **detail)
