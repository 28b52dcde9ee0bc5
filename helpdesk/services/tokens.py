"""Private follow links: a token for the requester, of which only the hash is stored.
(Which ticket a token opens is an access question: helpdesk.permissions.ticket_for_token.)"""

from __future__ import annotations

import secrets

from helpdesk.models import Ticket, TicketAccessToken


def issue_access_token(*, ticket: Ticket) -> str:
    """A new private follow link token. Returned once; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    TicketAccessToken.objects.create(ticket=ticket, token_hash=TicketAccessToken.hash(token))
    return token
