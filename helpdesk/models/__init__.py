"""Helpdesk: questions (tickets) of employers, answered by SER/DiB advisors.

Who may see or do what is decided in helpdesk/permissions.py; writes go through helpdesk/services/.

- tickets: Ticket, its status machine (TicketStatus, TRANSITIONS), number counter and follow links
- employer: the employer's profile vocabularies (province, charter; sector and size band)
- messages: a ticket's thread (Message), its files (Attachment), standard answers
- audit: the audit trail (AuditEvent)
- feedback: "did this help?" (Feedback) and the question form's counters (SuggestionStat)
"""

from helpdesk.models.audit import REQUESTER_LABEL, SYSTEM_ACTOR_LABELS, SYSTEM_LABEL, AuditAction, AuditEvent
from helpdesk.models.employer import SECTOR_CHOICES_WITH_CODE, CharterStatus, Province, Sector, SizeBand
from helpdesk.models.feedback import Feedback, SuggestionStat
from helpdesk.models.messages import (
    STANDARD_ANSWER_PLACEHOLDERS,
    Attachment,
    Message,
    MessageKind,
    MessageQuerySet,
    StandardAnswer,
    attachment_path,
)
from helpdesk.models.tickets import (
    OPEN_STATUSES,
    PSEUDONYM,
    STATUS_FIELDS,
    TRANSITIONS,
    Channel,
    InvalidTransition,
    OutcomeCategory,
    Priority,
    Ticket,
    TicketAccessToken,
    TicketCounter,
    TicketQuerySet,
    TicketStatus,
)

__all__ = [
    "OPEN_STATUSES",
    "PSEUDONYM",
    "SECTOR_CHOICES_WITH_CODE",
    "REQUESTER_LABEL",
    "STANDARD_ANSWER_PLACEHOLDERS",
    "STATUS_FIELDS",
    "SYSTEM_ACTOR_LABELS",
    "SYSTEM_LABEL",
    "TRANSITIONS",
    "Attachment",
    "AuditAction",
    "AuditEvent",
    "Channel",
    "CharterStatus",
    "Feedback",
    "InvalidTransition",
    "Message",
    "MessageKind",
    "MessageQuerySet",
    "OutcomeCategory",
    "Priority",
    "Province",
    "Sector",
    "SizeBand",
    "StandardAnswer",
    "SuggestionStat",
    "Ticket",
    "TicketAccessToken",
    "TicketCounter",
    "TicketQuerySet",
    "TicketStatus",
    "attachment_path",
]
