"""Working a ticket: claim, assign, reply, note, the requester's reaction, status, close, merge,
feedback. Each change runs in one transaction with the ticket's row locked, and is audited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import helpdesk.services.mail as mail
from helpdesk.models import (
    OPEN_STATUSES,
    STATUS_FIELDS,
    AuditAction,
    Feedback,
    InvalidTransition,
    Message,
    MessageKind,
    OutcomeCategory,
    Ticket,
    TicketStatus,
)
from helpdesk.services.attachments import check_attachment_quota, save_attachments
from helpdesk.services.audit import SYSTEM_LABEL, audit, audit_requester

if TYPE_CHECKING:
    from accounts.models import User
    from menukaart.models import Measure


def _lock(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


@transaction.atomic
def claim_ticket(*, ticket: Ticket, by: User) -> bool:
    """Take an unassigned ticket. Of advisors claiming at once exactly one wins (returns True).

    The conditional UPDATE ... WHERE assigned_to IS NULL is atomic in the database: a second
    claimer's UPDATE waits for the first to commit, then matches no row.
    """
    won = Ticket.objects.filter(
        pk=ticket.pk, assigned_to__isnull=True, status__in=OPEN_STATUSES, merged_into__isnull=True
    ).update(assigned_to=by)
    if not won:
        return False
    locked = _lock(ticket)
    if locked.status in (TicketStatus.NEW, TicketStatus.REOPENED):
        locked.move_to(TicketStatus.IN_PROGRESS)
        locked.save(update_fields=["status", "updated_at"])
    audit(ticket=locked, action=AuditAction.CLAIMED, actor=by)
    return True


@transaction.atomic
def assign_ticket(*, ticket: Ticket, to: User | None, by: User) -> Ticket:
    ticket = _lock(ticket)
    previous = ticket.assigned_to_id
    ticket.assigned_to = to
    fields = ["assigned_to", "updated_at"]
    if to is not None and ticket.status in (TicketStatus.NEW, TicketStatus.REOPENED):
        ticket.move_to(TicketStatus.IN_PROGRESS)
        fields.append("status")
    ticket.save(update_fields=fields)
    audit(ticket=ticket, action=AuditAction.ASSIGNED, actor=by, previous=previous, to=to.pk if to else None)
    if to is not None and to != by and to.email:
        mail.assigned(ticket, to=to)
    return ticket


@transaction.atomic
def reply(
    *,
    ticket: Ticket,
    by: User,
    body: str,
    measures: Iterable[Measure] = (),
    files: Iterable[UploadedFile] = (),
    then_status: str = TicketStatus.ANSWERED,
) -> Message:
    """A public answer to the employer, with linked menukaart measures; sets the ticket's status."""
    ticket = _lock(ticket)
    old = ticket.move_to(then_status)
    if ticket.assigned_to_id is None:
        ticket.assigned_to = by
    if ticket.first_response_at is None:
        ticket.first_response_at = timezone.now()
    ticket.save(update_fields=["status", "assigned_to", "first_response_at", "closed_at", "outcome", "updated_at"])
    message = Message.objects.create(ticket=ticket, kind=MessageKind.REPLY, author=by, body=body)
    message.measures.set(measures)
    save_attachments(message, files)
    audit(
        ticket=ticket, action=AuditAction.REPLIED, actor=by, message=message.pk, status_from=old, status_to=then_status
    )
    if ticket.contact_email:
        mail.answered(ticket)
    if ticket.consent_share_with_partner and (referrer := ticket.referred_by) is not None and referrer.email:
        mail.partner_answered(ticket, to=referrer.email)
    return message


@transaction.atomic
def add_note(*, ticket: Ticket, by: User, body: str, files: Iterable[UploadedFile] = ()) -> Message:
    """An internal note: never shown to the employer or the partner."""
    message = Message.objects.create(ticket=ticket, kind=MessageKind.NOTE, author=by, body=body)
    save_attachments(message, files)
    audit(ticket=ticket, action=AuditAction.NOTE, actor=by, message=message.pk)
    return message


@transaction.atomic
def requester_reply(
    *, ticket: Ticket, body: str, files: Iterable[UploadedFile] = (), by: User | None = None
) -> Message:
    """The employer answers through the follow link (or, logged in, `by`, through "Mijn vragen").
    A waiting, answered or closed ticket reopens. Raises AttachmentQuotaExceeded (nothing saved)."""
    ticket = _lock(ticket)
    files = list(files)
    check_attachment_quota(ticket=ticket, files=files)
    old = ticket.status
    if old in (TicketStatus.WAITING, TicketStatus.ANSWERED, TicketStatus.CLOSED):
        ticket.move_to(TicketStatus.REOPENED)
        ticket.save(update_fields=STATUS_FIELDS)
    message = Message.objects.create(ticket=ticket, kind=MessageKind.REQUESTER, body=body)
    save_attachments(message, files)
    audit_requester(
        ticket=ticket, action=AuditAction.REQUESTER_MESSAGE, by=by, status_from=old, status_to=ticket.status
    )
    advisor = ticket.assigned_to
    to = advisor.email if advisor is not None and advisor.email else settings.HELPDESK_TEAM_EMAIL
    mail.requester_replied(ticket, to=to)
    return message


@transaction.atomic
def transition(*, ticket: Ticket, to_status: str, by: User | None = None, actor_label: str = "") -> Ticket:
    """Change the status along TRANSITIONS (raises InvalidTransition). Closing goes via close_ticket."""
    if to_status == TicketStatus.CLOSED:
        raise InvalidTransition(ticket.status, to_status)
    ticket = _lock(ticket)
    if ticket.merged_into_id is not None or ticket.pseudonymised_at is not None:
        # A merged duplicate stays closed; a pseudonymised ticket is only statistics now.
        raise InvalidTransition(ticket.status, to_status)
    old = ticket.move_to(to_status)
    ticket.save(update_fields=STATUS_FIELDS)
    audit(
        ticket=ticket,
        action=AuditAction.STATUS,
        actor=by,
        actor_label=actor_label,
        status_from=old,
        status_to=to_status,
    )
    return ticket


@transaction.atomic
def close_ticket(*, ticket: Ticket, by: User, outcome: OutcomeCategory) -> Ticket:
    ticket = _lock(ticket)
    _close(ticket, outcome=outcome, actor=by)
    return ticket


def _close(
    ticket: Ticket, *, outcome: OutcomeCategory, actor: User | None = None, actor_label: str = "", **detail: Any
) -> None:
    """Close a locked ticket with this outcome, saved and audited."""
    old = ticket.move_to(TicketStatus.CLOSED)
    ticket.outcome = outcome
    ticket.save(update_fields=STATUS_FIELDS)
    audit(
        ticket=ticket,
        action=AuditAction.CLOSED,
        actor=actor,
        actor_label=actor_label,
        status_from=old,
        outcome=outcome.slug,
        **detail,
    )


AUTO_CLOSE_OUTCOME_SLUG = "automatisch-gesloten"


def auto_close_outcome() -> OutcomeCategory:
    """The system's outcome for tickets closed after inactivity. Inactive, so advisors never pick it."""
    outcome, _created = OutcomeCategory.objects.get_or_create(
        slug=AUTO_CLOSE_OUTCOME_SLUG,
        defaults={"name": "Automatisch gesloten (geen reactie)", "position": 999, "is_active": False},
    )
    return outcome


@transaction.atomic
def close_inactive(*, now: datetime | None = None, batch_size: int = 500) -> int:
    """Close answered or waiting tickets untouched for HELPDESK_AUTO_CLOSE_DAYS (0: never), so that
    retention reaches them too. Audited as the system. Returns how many were closed (one batch)."""
    days = settings.HELPDESK_AUTO_CLOSE_DAYS
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    tickets = list(
        Ticket.objects.select_for_update(skip_locked=True)
        .filter(
            status__in=[TicketStatus.ANSWERED, TicketStatus.WAITING],
            updated_at__lt=cutoff,
            merged_into__isnull=True,
            pseudonymised_at__isnull=True,
        )
        .order_by("updated_at")[:batch_size]
    )
    if not tickets:
        return 0
    outcome = auto_close_outcome()
    for ticket in tickets:
        _close(ticket, outcome=outcome, actor_label=SYSTEM_LABEL, inactive_days=days)
    return len(tickets)


class MergeNotAllowed(ValueError):
    """Two tickets that may not be merged: the message says why (Dutch, for the advisor)."""


def merge_refusal(*, source: Ticket, target: Ticket) -> str:
    """Why source may not be merged into target ("" when it may).

    A merge links two threads of the *same* requester. Tickets of different people, of different
    referring partners or with a different consent to share with the partner are never merged: the
    follow link, "Mijn vragen" and the partner's referral page would show one to the other.
    """
    if source.pk == target.pk:
        return _("Een vraag kan niet met zichzelf worden samengevoegd.")
    if source.merged_into_id or target.merged_into_id:
        return _("Een van deze vragen is al samengevoegd.")
    if source.pseudonymised_at or target.pseudonymised_at:
        return _("Een gepseudonimiseerde vraag kan niet worden samengevoegd.")
    same_email = bool(source.contact_email) and source.contact_email.strip().lower() == (
        target.contact_email.strip().lower()
    )
    same_user = source.requester_user_id is not None and source.requester_user_id == target.requester_user_id
    if not (same_email or same_user):
        return _(
            "Vraag %(reference)s is van een andere vragensteller. Alleen vragen met hetzelfde e-mailadres "
            "of van hetzelfde account kunnen worden samengevoegd."
        ) % {"reference": target.reference}
    if source.referring_organisation_id != target.referring_organisation_id:
        return _("Vraag %(reference)s is door een andere partner doorverwezen; samenvoegen kan niet.") % {
            "reference": target.reference
        }
    if source.consent_share_with_partner != target.consent_share_with_partner:
        return _(
            "Bij vraag %(reference)s is een andere toestemming gegeven om het antwoord met de partner te delen; "
            "samenvoegen kan niet."
        ) % {"reference": target.reference}
    return ""


@transaction.atomic
def merge_tickets(*, source: Ticket, target: Ticket, by: User) -> Ticket:
    """Close a duplicate (source) pointing at target. Raises MergeNotAllowed (see merge_refusal).

    The source keeps its own messages and attachments: nothing moves between tickets, so access
    checks, retention and erasure keep working per ticket. Advisors see a link to the duplicate on
    the target's page; the target gets a note naming only the duplicate's reference.
    """
    if source.pk == target.pk:
        raise MergeNotAllowed(merge_refusal(source=source, target=target))
    # Lock both rows in a fixed order, so two merges in opposite directions cannot deadlock.
    locked = {t.pk: t for t in Ticket.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")}
    source, target = locked[source.pk], locked[target.pk]
    if refusal := merge_refusal(source=source, target=target):
        raise MergeNotAllowed(refusal)
    target.themes.add(*source.themes.all())
    source.merged_into = target
    old = source.move_to(TicketStatus.CLOSED)
    source.save(update_fields=["merged_into", "status", "closed_at", "updated_at"])
    Message.objects.create(
        ticket=target,
        kind=MessageKind.NOTE,
        author=by,
        body=_("Vraag %(reference)s is met deze vraag samengevoegd.") % {"reference": source.reference},
    )
    if target.status == TicketStatus.CLOSED:
        target.move_to(TicketStatus.REOPENED)
        target.save(update_fields=STATUS_FIELDS)
    audit(ticket=source, action=AuditAction.MERGED, actor=by, into=target.reference, status_from=old)
    audit(ticket=target, action=AuditAction.MERGED, actor=by, merged=source.reference)
    return target


@transaction.atomic
def record_feedback(*, ticket: Ticket, helpful: bool, reason: str = "", by: User | None = None) -> Feedback:
    """One click "did this help?"; giving it again replaces the earlier answer. `by`: the logged-in
    requester (through "Mijn vragen"); without it, the follow link."""
    feedback, _created = Feedback.objects.update_or_create(
        ticket=ticket, defaults={"helpful": helpful, "reason": reason, "created_at": timezone.now()}
    )
    audit_requester(ticket=ticket, action=AuditAction.FEEDBACK, by=by, helpful=helpful)
    return feedback
