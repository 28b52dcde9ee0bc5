"""Helpdesk views: public (question form, follow link), partner (referrals), staff (queue)."""

from helpdesk.views.partner import refer, referral_detail, referral_list
from helpdesk.views.public import (
    ask,
    follow,
    follow_attachment,
    follow_feedback,
    follow_reply,
    suggestion_open,
    suggestions,
)
from helpdesk.views.requester import (
    my_ticket,
    my_ticket_attachment,
    my_ticket_feedback,
    my_ticket_reply,
    my_tickets,
)
from helpdesk.views.staff import (
    attachment_download,
    my_work,
    queue,
    ticket_assign,
    ticket_claim,
    ticket_close,
    ticket_compose,
    ticket_detail,
    ticket_merge,
    ticket_status,
)

__all__ = [
    "ask",
    "attachment_download",
    "my_work",
    "follow",
    "follow_attachment",
    "follow_feedback",
    "follow_reply",
    "my_ticket",
    "my_ticket_attachment",
    "my_ticket_feedback",
    "my_ticket_reply",
    "my_tickets",
    "queue",
    "refer",
    "referral_detail",
    "referral_list",
    "suggestion_open",
    "suggestions",
    "ticket_assign",
    "ticket_claim",
    "ticket_close",
    "ticket_compose",
    "ticket_detail",
    "ticket_merge",
    "ticket_status",
]
