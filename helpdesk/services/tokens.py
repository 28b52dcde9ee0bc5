"""Private follow links: a token for the requester, of which only the hash is stored."""

from __future__ import annotations

import secrets

from helpdesk.models import Ticket, TicketAccessToken


def issue_access_token(*, ticket: Ticket) -> str:
    """A new private follow link token. Returned once; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    TicketAccessToken.objects.create(ticket=ticket, token_hash=TicketAccessToken.hash(token))
    return token


def ticket_for_token(token: str) -> Ticket | None:
    row = TicketAccessToken.objects.filter(token_hash=TicketAccessToken.hash(token)).select_related("ticket").first()
    return row.ticket if row else None
