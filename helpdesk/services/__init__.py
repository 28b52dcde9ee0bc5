"""Everything that changes helpdesk data. Views call these; permissions are checked by the caller.

Each service runs in one transaction, writes an audit event, and queues its e-mails in the outbox
table in that same transaction: a failing mail server can never lose a ticket or a reply.

The package follows the helpdesk's seams; `from helpdesk import services; services.reply(...)`
reads the same as before the split:

- intake: a question asked (`submit_question`) or referred (`refer_question`), one shared core;
  the question form's suggestion counters
- workflow: claim, assign, reply, note, the requester's reaction, status, close, merge, feedback
- attachments: stored file names and the ticket's quota
- privacy: pseudonymising after retention, a requester's export and erasure
- mail: every e-mail the helpdesk queues (core.outbox), with the requester's follow link
- tokens: the private follow link's token
- audit: the audit trail

Modules import downward only: intake/workflow/privacy → mail → tokens; all → audit. Nothing here
imports helpdesk.tasks (e-mail goes through core.outbox, which queues its own task on commit).
"""

from helpdesk.services.attachments import AttachmentQuotaExceeded, check_attachment_quota, shortened_file_name
from helpdesk.services.audit import REQUESTER_LABEL, SYSTEM_LABEL, audit, audit_requester, record_view
from helpdesk.services.intake import (
    EmployerQuestion,
    due_date_for,
    employer_question,
    next_reference,
    record_question_asked,
    record_suggestion_open,
    record_suggestions_shown,
    refer_question,
    submission_key,
    submit_question,
)
from helpdesk.services.mail import address_verified, follow_url, mail_requester
from helpdesk.services.privacy import (
    PSEUDONYM,
    erase_requester_data,
    export_requester_data,
    months_ago,
    pseudonymise_expired,
)
from helpdesk.services.tokens import issue_access_token
from helpdesk.services.workflow import (
    AUTO_CLOSE_OUTCOME_SLUG,
    MergeNotAllowed,
    add_note,
    assign_ticket,
    auto_close_outcome,
    claim_ticket,
    close_inactive,
    close_ticket,
    merge_refusal,
    merge_tickets,
    record_feedback,
    reply,
    requester_reply,
    transition,
)

__all__ = [
    "AUTO_CLOSE_OUTCOME_SLUG",
    "PSEUDONYM",
    "REQUESTER_LABEL",
    "SYSTEM_LABEL",
    "AttachmentQuotaExceeded",
    "EmployerQuestion",
    "MergeNotAllowed",
    "add_note",
    "address_verified",
    "assign_ticket",
    "audit",
    "audit_requester",
    "auto_close_outcome",
    "check_attachment_quota",
    "claim_ticket",
    "close_inactive",
    "close_ticket",
    "due_date_for",
    "employer_question",
    "erase_requester_data",
    "export_requester_data",
    "follow_url",
    "issue_access_token",
    "mail_requester",
    "merge_refusal",
    "merge_tickets",
    "months_ago",
    "next_reference",
    "pseudonymise_expired",
    "record_feedback",
    "record_question_asked",
    "record_suggestion_open",
    "record_suggestions_shown",
    "record_view",
    "refer_question",
    "reply",
    "requester_reply",
    "shortened_file_name",
    "submission_key",
    "submit_question",
    "transition",
]
