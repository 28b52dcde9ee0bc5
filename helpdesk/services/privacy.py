"""Privacy: pseudonymising after the retention period, a requester's export and erasure."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.models import OutboxMessage
from helpdesk.models import (
    PSEUDONYM,
    Attachment,
    AuditAction,
    AuditEvent,
    Feedback,
    MessageKind,
    Ticket,
    TicketStatus,
)
from helpdesk.services.audit import REQUESTER_LABEL, audit

if TYPE_CHECKING:
    from accounts.models import User

log = logging.getLogger(__name__)


def months_ago(*, months: int, now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    month_index = now.year * 12 + (now.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    # Clamp the day (31 March minus one month is the last day of February).
    for day in (now.day, 30, 29, 28):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _delete_files(names: list[str]) -> None:
    storage = Attachment._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            log.exception("could not delete attachment file %s", name)


def _strip_personal_data(ticket: Ticket) -> None:
    """Remove names, contact details and free text; keep profile, themes, dates, status, outcome.

    Audit events the requester caused while logged in ("Mijn vragen") name their account: they are
    relabelled as the requester before the account link goes, so the trail no longer identifies them.
    """
    if ticket.requester_user_id is not None:
        AuditEvent.objects.filter(ticket=ticket, actor_id=ticket.requester_user_id).update(
            actor=None, actor_label=REQUESTER_LABEL
        )
    ticket.subject = PSEUDONYM
    ticket.question = PSEUDONYM
    ticket.employer_name = PSEUDONYM
    ticket.contact_name = PSEUDONYM
    ticket.contact_email = ""
    ticket.contact_phone = ""
    ticket.requester_user = None
    ticket.submission_key = ""
    ticket.pseudonymised_at = timezone.now()
    ticket.save(
        update_fields=[
            "subject",
            "question",
            "employer_name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "requester_user",
            "submission_key",
            "pseudonymised_at",
            "updated_at",
        ]
    )
    attachments = Attachment.objects.filter(message__ticket=ticket)
    names = [name for name in attachments.values_list("file", flat=True) if name]
    attachments.delete()
    # The files go only once the rows' deletion is committed: a rollback keeps rows and files together.
    transaction.on_commit(lambda: _delete_files(names))
    ticket.messages.update(body=PSEUDONYM)
    ticket.access_tokens.all().delete()
    Feedback.objects.filter(ticket=ticket).update(reason="")
    ticket.outbox.update(to="", body=PSEUDONYM, private_link="", headers={}, last_error="")


@transaction.atomic
def pseudonymise_expired(*, now: datetime | None = None, batch_size: int = 500) -> int:
    """Pseudonymise tickets closed more than HELPDESK_RETENTION_MONTHS ago. Idempotent."""
    cutoff = months_ago(months=settings.HELPDESK_RETENTION_MONTHS, now=now)
    tickets = list(
        Ticket.objects.select_for_update(skip_locked=True)
        .filter(status=TicketStatus.CLOSED, closed_at__lt=cutoff, pseudonymised_at__isnull=True)
        .order_by("closed_at")[:batch_size]
    )
    for ticket in tickets:
        _strip_personal_data(ticket)
        audit(ticket=ticket, action=AuditAction.PSEUDONYMISED, retention_months=settings.HELPDESK_RETENTION_MONTHS)
    return len(tickets)


def export_requester_data(*, email: str, by: User | None) -> dict[str, Any]:
    """Everything stored about one requester (by e-mail address), for a subject access request."""
    tickets = list(Ticket.objects.of_requester(email).for_detail().prefetch_related("messages__attachments"))
    data = {
        "e-mailadres": email,
        "geexporteerd_op": timezone.now().isoformat(),
        "vragen": [
            {
                "vraagnummer": t.reference,
                "ontvangen": t.created_at.isoformat(),
                "onderwerp": t.subject,
                "vraag": t.question,
                "organisatie": t.employer_name,
                "contactpersoon": t.contact_name,
                "e-mailadres": t.contact_email,
                "telefoon": t.contact_phone,
                "sector": t.sector,
                "omvang": t.size_band,
                "provincie": t.province,
                "charter_diversiteit": t.charter_signatory,
                "kanaal": t.channel,
                "doorverwezen_door": str(t.referring_organisation) if t.referring_organisation_id else "",
                "toestemming_verwerking": t.consent_processing,
                "toestemming_delen_met_partner": t.consent_share_with_partner,
                "status": t.status,
                "berichten": [
                    {
                        "soort": m.kind,
                        "tijd": m.created_at.isoformat(),
                        "tekst": m.body,
                        "bijlagen": [a.original_name for a in m.attachments.all()],
                    }
                    for m in t.messages.all()
                    if m.kind != MessageKind.NOTE
                ],
                "feedback": (
                    {"geholpen": t.feedback.helpful, "toelichting": t.feedback.reason}
                    if hasattr(t, "feedback")
                    else None
                ),
            }
            for t in tickets
        ],
    }
    for ticket in tickets:
        audit(ticket=ticket, action=AuditAction.EXPORTED, actor=by)
    return data


@transaction.atomic
def erase_requester_data(*, email: str, by: User | None) -> int:
    """Erase a requester's personal data on request (right to erasure); statistics remain."""
    tickets = list(Ticket.objects.select_for_update().of_requester(email))
    for ticket in tickets:
        _strip_personal_data(ticket)
        audit(ticket=ticket, action=AuditAction.ERASED, actor=by)
    OutboxMessage.objects.filter(to__iexact=email.strip()).update(
        to="", body=PSEUDONYM, private_link="", headers={}, last_error=""
    )
    return len(tickets)
