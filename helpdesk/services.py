"""Everything that changes helpdesk data. Views call these; permissions are checked by the caller.

Each service runs in one transaction, writes an audit event, and queues its e-mails in the outbox
table in that same transaction: a failing mail server can never lose a ticket or a reply.
"""

import hashlib
import logging
import secrets
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import OutboxMessage
from core.outbox import queue_mail
from helpdesk.models import (
    OPEN_STATUSES,
    Attachment,
    AuditAction,
    AuditEvent,
    Channel,
    Feedback,
    InvalidTransition,
    Message,
    MessageKind,
    OutcomeCategory,
    SuggestionStat,
    Ticket,
    TicketAccessToken,
    TicketCounter,
    TicketStatus,
)
from helpdesk.workdays import add_working_days

log = logging.getLogger(__name__)

REQUESTER_LABEL = "vragensteller (volglink)"
SYSTEM_LABEL = "systeem"


# --- Small building blocks ------------------------------------------------------------------------


def audit(*, ticket: Ticket | None, action: str, actor=None, actor_label: str = "", **detail) -> AuditEvent:
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


def address_verified(ticket: Ticket) -> bool:
    """Whether the ticket's e-mail address is known to belong to the requester: it is the address of
    the account they asked with. Anyone can type any address (and any name) into the public form."""
    account = ticket.requester_user
    return bool(account and account.email and ticket.contact_email) and (
        account.email.strip().lower() == ticket.contact_email.strip().lower()
    )


def mail_requester(*, ticket: Ticket, subject: str, template: str, context: dict) -> None:
    """An e-mail to the requester with their own follow link (`{{ private_link }}` in the template).

    The token is issued now, once per message, and only its hash is kept with the ticket: the raw
    link waits in the outbox row until the message is sent and is erased then (core.outbox), so a
    second copy of the same e-mail carries the same, working link.

    Nothing the requester typed goes to an address nobody verified (the form would otherwise send
    anyone's text, a phishing line say, to anyone from our own sender): the template greets by name
    (`greeting_name`) only when the address is the asking account's own; otherwise neutrally. Ticket
    texts are never in these e-mails; the follow link shows them."""
    queue_mail(
        to=ticket.contact_email,
        subject=subject,
        template=template,
        context={**context, "greeting_name": ticket.contact_name if address_verified(ticket) else ""},
        about=ticket,
        private_link=follow_url(issue_access_token(ticket=ticket)),
    )


def next_reference(*, year: int) -> str:
    """The next DIB-YYYY-NNNNNN. The year's counter row is locked until the transaction ends,
    so concurrent submissions never draw the same number."""
    TicketCounter.objects.get_or_create(year=year)
    counter = TicketCounter.objects.select_for_update().get(year=year)
    counter.last_number = F("last_number") + 1
    counter.save(update_fields=["last_number"])
    counter.refresh_from_db(fields=["last_number"])
    return f"DIB-{year}-{counter.last_number:06d}"


def due_date_for(*, priority: str, start: date | None = None) -> date:
    days = settings.HELPDESK_SERVICE_LEVEL_DAYS.get(priority, settings.HELPDESK_SERVICE_LEVEL_DAYS["normaal"])
    return add_working_days(start or timezone.localdate(), days)


def issue_access_token(*, ticket: Ticket) -> str:
    """A new private follow link token. Returned once; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    TicketAccessToken.objects.create(ticket=ticket, token_hash=TicketAccessToken.hash(token))
    return token


def follow_url(token: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("helpdesk:follow", kwargs={"token": token})


def ticket_for_token(token: str) -> Ticket | None:
    row = TicketAccessToken.objects.filter(token_hash=TicketAccessToken.hash(token)).select_related("ticket").first()
    return row.ticket if row else None


def _lock(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def shortened_file_name(name: str, limit: int = 200) -> str:
    """The name within `limit` characters, shortened before its extension: "rapport….pdf" must
    stay a .pdf for whoever downloads it (cutting the end cut the extension off)."""
    if len(name) <= limit:
        return name
    suffix = PurePosixPath(name).suffix[:20]
    return name[: len(name) - len(PurePosixPath(name).suffix)][: limit - len(suffix)] + suffix


def _save_attachments(message: Message, files: Iterable[UploadedFile]) -> None:
    for upload in files:
        Attachment.objects.create(
            message=message,
            file=upload,
            original_name=shortened_file_name(upload.name),
            content_type=upload.content_type or "application/octet-stream",
            size=upload.size,
        )


def _set_status(ticket: Ticket, to_status: str) -> str:
    """Apply a transition on a locked ticket (without saving); returns the old status."""
    old = ticket.status
    if old == to_status:
        return old
    if not ticket.can_transition_to(to_status):
        raise InvalidTransition(old, to_status)
    ticket.status = to_status
    if to_status == TicketStatus.CLOSED:
        ticket.closed_at = timezone.now()
    elif old == TicketStatus.CLOSED:
        ticket.closed_at = None
        ticket.outcome = None
    return old


# --- Creating tickets -----------------------------------------------------------------------------


def _create_ticket(*, themes: Iterable, **fields) -> Ticket:
    now = timezone.now()
    priority = fields.get("priority", "normaal")
    ticket = Ticket.objects.create(
        reference=next_reference(year=timezone.localdate(now).year),
        due_date=due_date_for(priority=priority, start=timezone.localdate(now)),
        created_at=now,
        **fields,
    )
    ticket.themes.set(themes)
    return ticket


def submission_key(*, form_visit: str, contact_email: str, subject: str, question: str) -> str:
    """The question form's idempotency key ("" without a form visit): a hash of the visit id (a
    random number in the form) and what was asked. The same form posted twice gives the same key;
    a changed question sent again from the same page is a new question."""
    if not form_visit:
        return ""
    parts = [form_visit, contact_email.strip().lower(), " ".join(subject.split()), " ".join(question.split())]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


@transaction.atomic
def submit_question(
    *,
    subject: str,
    question: str,
    employer_name: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    sector: str = "",
    size_band: str = "",
    province: str = "",
    charter_signatory: str = "onbekend",
    themes: Iterable = (),
    consent_processing: bool,
    channel: str = Channel.WEB,
    form_visit: str = "",
    requester_user=None,
    source: str = "",
) -> tuple[Ticket, str]:
    """A question asked directly by an employer. Returns the ticket and its follow link token.

    `source`: where it was asked from (Ticket.source), e.g. "doe-netwerk:<slug>".

    The same form posted again (same form visit, same question; a double click, a reload) creates
    nothing and sends nothing: it returns the ticket of the first post and "" as token. A unique
    constraint on Ticket.submission_key decides between two posts that arrive at the same time.

    `requester_user`: the logged-in registered employer who asked, who then also finds the ticket
    under "Mijn vragen". The caller decides (by permission) whether to pass it."""
    if not consent_processing:
        raise ValueError("A question is only registered with consent to process the personal data.")
    key = submission_key(form_visit=form_visit, contact_email=contact_email, subject=subject, question=question)
    if key and (earlier := Ticket.objects.filter(submission_key=key).first()):
        return earlier, ""
    try:
        with transaction.atomic():
            ticket = _create_ticket(
                subject=subject,
                question=question,
                employer_name=employer_name,
                contact_name=contact_name,
                contact_email=contact_email,
                contact_phone=contact_phone,
                sector=sector,
                size_band=size_band,
                province=province,
                charter_signatory=charter_signatory,
                themes=themes,
                consent_processing=True,
                channel=channel,
                requester_user=requester_user,
                submission_key=key,
                source=source,
            )
    except IntegrityError:
        # The same form's other post committed first (its number is given back to the counter).
        earlier = Ticket.objects.filter(submission_key=key).first() if key else None
        if earlier is None:
            raise
        return earlier, ""
    token = issue_access_token(ticket=ticket)
    audit(ticket=ticket, action=AuditAction.CREATED, actor_label=REQUESTER_LABEL, channel=channel)
    mail_requester(
        ticket=ticket,
        subject=f"[{ticket.reference}] Je vraag is ontvangen",
        template="helpdesk/email/received.txt",
        context={"ticket": ticket},
    )
    _notify_team_of_new(ticket)
    if form_visit:
        record_question_asked(form_visit=form_visit)
    return ticket, token


@transaction.atomic
def refer_question(
    *,
    by,
    subject: str,
    question: str,
    employer_name: str,
    contact_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    sector: str = "",
    size_band: str = "",
    province: str = "",
    charter_signatory: str = "onbekend",
    themes: Iterable = (),
    consent_processing: bool,
    consent_share_with_partner: bool,
    priority: str = "normaal",
) -> Ticket:
    """A member's question referred by partner staff, with the consent the employer gave them."""
    if not consent_processing:
        raise ValueError("A referral needs the employer's consent to share their data with SER/DiB.")
    ticket = _create_ticket(
        subject=subject,
        question=question,
        employer_name=employer_name,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        sector=sector,
        size_band=size_band,
        province=province,
        charter_signatory=charter_signatory,
        themes=themes,
        consent_processing=True,
        consent_share_with_partner=consent_share_with_partner,
        channel=Channel.REFERRAL,
        referring_organisation=by.organisation,
        referred_by=by,
        priority=priority,
    )
    audit(ticket=ticket, action=AuditAction.CREATED, actor=by, channel=Channel.REFERRAL)
    if contact_email:
        mail_requester(
            ticket=ticket,
            subject=f"[{ticket.reference}] Je vraag is doorgestuurd naar SER Diversiteit in Bedrijf",
            template="helpdesk/email/received.txt",
            context={"ticket": ticket, "referred": True},
        )
    if by.email:
        queue_mail(
            to=by.email,
            subject=f"[{ticket.reference}] Doorverwijzing ontvangen",
            template="helpdesk/email/referral_received.txt",
            context={"ticket": ticket, "url": _absolute(reverse("helpdesk:referral_detail", args=[ticket.reference]))},
            about=ticket,
        )
    _notify_team_of_new(ticket)
    return ticket


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _notify_team_of_new(ticket: Ticket) -> None:
    queue_mail(
        to=settings.HELPDESK_TEAM_EMAIL,
        subject=f"[{ticket.reference}] Nieuwe vraag",
        template="helpdesk/email/team_new.txt",
        context={"ticket": ticket, "url": _absolute(ticket.get_absolute_url())},
        about=ticket,
    )


# --- Working a ticket -----------------------------------------------------------------------------


@transaction.atomic
def claim_ticket(*, ticket: Ticket, by) -> bool:
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
        _set_status(locked, TicketStatus.IN_PROGRESS)
        locked.save(update_fields=["status", "updated_at"])
    audit(ticket=locked, action=AuditAction.CLAIMED, actor=by)
    return True


@transaction.atomic
def assign_ticket(*, ticket: Ticket, to, by) -> Ticket:
    ticket = _lock(ticket)
    previous = ticket.assigned_to_id
    ticket.assigned_to = to
    fields = ["assigned_to", "updated_at"]
    if to is not None and ticket.status in (TicketStatus.NEW, TicketStatus.REOPENED):
        _set_status(ticket, TicketStatus.IN_PROGRESS)
        fields.append("status")
    ticket.save(update_fields=fields)
    audit(ticket=ticket, action=AuditAction.ASSIGNED, actor=by, previous=previous, to=to.pk if to else None)
    if to is not None and to != by and to.email:
        queue_mail(
            to=to.email,
            subject=f"[{ticket.reference}] Aan je toegewezen",
            template="helpdesk/email/assigned.txt",
            context={"ticket": ticket, "url": _absolute(ticket.get_absolute_url())},
            about=ticket,
        )
    return ticket


@transaction.atomic
def reply(
    *,
    ticket: Ticket,
    by,
    body: str,
    measures: Iterable = (),
    files: Iterable[UploadedFile] = (),
    then_status: str = TicketStatus.ANSWERED,
) -> Message:
    """A public answer to the employer, with linked menukaart measures; sets the ticket's status."""
    ticket = _lock(ticket)
    old = _set_status(ticket, then_status)
    if ticket.assigned_to_id is None:
        ticket.assigned_to = by
    if ticket.first_response_at is None:
        ticket.first_response_at = timezone.now()
    ticket.save(update_fields=["status", "assigned_to", "first_response_at", "closed_at", "outcome", "updated_at"])
    message = Message.objects.create(ticket=ticket, kind=MessageKind.REPLY, author=by, body=body)
    message.measures.set(measures)
    _save_attachments(message, files)
    audit(
        ticket=ticket, action=AuditAction.REPLIED, actor=by, message=message.pk, status_from=old, status_to=then_status
    )
    if ticket.contact_email:
        mail_requester(
            ticket=ticket,
            subject=f"[{ticket.reference}] Antwoord op je vraag",
            template="helpdesk/email/answered.txt",
            context={"ticket": ticket},
        )
    if ticket.consent_share_with_partner and ticket.referred_by_id and ticket.referred_by.email:
        queue_mail(
            to=ticket.referred_by.email,
            subject=f"[{ticket.reference}] Antwoord op je doorverwijzing",
            template="helpdesk/email/partner_answered.txt",
            context={"ticket": ticket, "url": _absolute(reverse("helpdesk:referral_detail", args=[ticket.reference]))},
            about=ticket,
        )
    return message


@transaction.atomic
def add_note(*, ticket: Ticket, by, body: str, files: Iterable[UploadedFile] = ()) -> Message:
    """An internal note: never shown to the employer or the partner."""
    message = Message.objects.create(ticket=ticket, kind=MessageKind.NOTE, author=by, body=body)
    _save_attachments(message, files)
    audit(ticket=ticket, action=AuditAction.NOTE, actor=by, message=message.pk)
    return message


class AttachmentQuotaExceeded(ValueError):
    """The files would take the ticket's attachments over HELPDESK_TICKET_ATTACHMENT_QUOTA_BYTES
    (the message is Dutch, for the requester)."""


def check_attachment_quota(*, ticket: Ticket, files: Iterable[UploadedFile]) -> None:
    """Raise AttachmentQuotaExceeded when these files do not fit in the ticket's storage quota.
    Every attachment of the ticket counts, whoever uploaded it. Call it with the ticket locked."""
    adding = sum(upload.size for upload in files)
    if not adding:
        return
    used = Attachment.objects.filter(message__ticket=ticket).aggregate(total=Sum("size"))["total"] or 0
    quota = settings.HELPDESK_TICKET_ATTACHMENT_QUOTA_BYTES
    if used + adding > quota:
        raise AttachmentQuotaExceeded(
            _(
                "Bij deze vraag is al %(used)s aan bijlagen opgeslagen; er past nog %(left)s bij. "
                "Stuur minder of kleinere bestanden, of neem contact op met de helpdesk."
            )
            % {"used": filesizeformat(used), "left": filesizeformat(max(quota - used, 0))}
        )


@transaction.atomic
def requester_reply(*, ticket: Ticket, body: str, files: Iterable[UploadedFile] = (), by=None) -> Message:
    """The employer answers through the follow link (or, logged in, `by`, through "Mijn vragen").
    A waiting, answered or closed ticket reopens. Raises AttachmentQuotaExceeded (nothing saved)."""
    ticket = _lock(ticket)
    files = list(files)
    check_attachment_quota(ticket=ticket, files=files)
    old = ticket.status
    if old in (TicketStatus.WAITING, TicketStatus.ANSWERED, TicketStatus.CLOSED):
        _set_status(ticket, TicketStatus.REOPENED)
        ticket.save(update_fields=["status", "closed_at", "outcome", "updated_at"])
    message = Message.objects.create(ticket=ticket, kind=MessageKind.REQUESTER, body=body)
    _save_attachments(message, files)
    audit(
        ticket=ticket,
        action=AuditAction.REQUESTER_MESSAGE,
        actor=by,
        actor_label="" if by else REQUESTER_LABEL,
        status_from=old,
        status_to=ticket.status,
    )
    to = (
        ticket.assigned_to.email if ticket.assigned_to_id and ticket.assigned_to.email else settings.HELPDESK_TEAM_EMAIL
    )
    queue_mail(
        to=to,
        subject=f"[{ticket.reference}] Reactie van de werkgever",
        template="helpdesk/email/requester_replied.txt",
        context={"ticket": ticket, "url": _absolute(ticket.get_absolute_url())},
        about=ticket,
    )
    return message


@transaction.atomic
def transition(*, ticket: Ticket, to_status: str, by=None, actor_label: str = "") -> Ticket:
    """Change the status along TRANSITIONS (raises InvalidTransition). Closing goes via close_ticket."""
    if to_status == TicketStatus.CLOSED:
        raise InvalidTransition(ticket.status, to_status)
    ticket = _lock(ticket)
    if ticket.merged_into_id is not None or ticket.pseudonymised_at is not None:
        # A merged duplicate stays closed; a pseudonymised ticket is only statistics now.
        raise InvalidTransition(ticket.status, to_status)
    old = _set_status(ticket, to_status)
    ticket.save(update_fields=["status", "closed_at", "outcome", "updated_at"])
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
def close_ticket(*, ticket: Ticket, by, outcome: OutcomeCategory) -> Ticket:
    ticket = _lock(ticket)
    old = _set_status(ticket, TicketStatus.CLOSED)
    ticket.outcome = outcome
    ticket.save(update_fields=["status", "closed_at", "outcome", "updated_at"])
    audit(ticket=ticket, action=AuditAction.CLOSED, actor=by, status_from=old, outcome=outcome.slug)
    return ticket


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
        old = _set_status(ticket, TicketStatus.CLOSED)
        ticket.outcome = outcome
        ticket.save(update_fields=["status", "closed_at", "outcome", "updated_at"])
        audit(
            ticket=ticket,
            action=AuditAction.CLOSED,
            actor_label=SYSTEM_LABEL,
            status_from=old,
            outcome=outcome.slug,
            inactive_days=days,
        )
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
def merge_tickets(*, source: Ticket, target: Ticket, by) -> Ticket:
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
    old = _set_status(source, TicketStatus.CLOSED)
    source.save(update_fields=["merged_into", "status", "closed_at", "updated_at"])
    Message.objects.create(
        ticket=target,
        kind=MessageKind.NOTE,
        author=by,
        body=_("Vraag %(reference)s is met deze vraag samengevoegd.") % {"reference": source.reference},
    )
    if target.status == TicketStatus.CLOSED:
        _set_status(target, TicketStatus.REOPENED)
        target.save(update_fields=["status", "closed_at", "outcome", "updated_at"])
    audit(ticket=source, action=AuditAction.MERGED, actor=by, into=target.reference, status_from=old)
    audit(ticket=target, action=AuditAction.MERGED, actor=by, merged=source.reference)
    return target


@transaction.atomic
def record_feedback(*, ticket: Ticket, helpful: bool, reason: str = "", by=None) -> Feedback:
    """One click "did this help?"; giving it again replaces the earlier answer. `by`: the logged-in
    requester (through "Mijn vragen"); without it, the follow link."""
    feedback, _created = Feedback.objects.update_or_create(
        ticket=ticket, defaults={"helpful": helpful, "reason": reason, "created_at": timezone.now()}
    )
    audit(
        ticket=ticket,
        action=AuditAction.FEEDBACK,
        actor=by,
        actor_label="" if by else REQUESTER_LABEL,
        helpful=helpful,
    )
    return feedback


def record_view(*, ticket: Ticket, by=None, actor_label: str = "", what: str = "ticket") -> None:
    """Every view of a ticket's personal data is in the audit trail."""
    audit(ticket=ticket, action=AuditAction.VIEWED, actor=by, actor_label=actor_label, what=what)


# --- Suggestions on the question form (no personal data) -----------------------------------------


def _bump(**fields: int) -> None:
    today = timezone.localdate()
    SuggestionStat.objects.get_or_create(day=today)
    SuggestionStat.objects.filter(day=today).update(**{name: F(name) + value for name, value in fields.items()})


def record_suggestions_shown(*, count: int) -> None:
    if count:
        _bump(suggestions_shown=count)


def record_suggestion_open(*, form_visit: str) -> None:
    """A suggested measure was opened. The first open of a form visit counts that visit once."""
    from django.core.cache import cache

    from core.ratelimit import CACHE_ERRORS

    try:
        first_in_visit = bool(form_visit) and cache.add(f"helpdesk:visit-opened:{form_visit}", 1, timeout=24 * 3600)
    except CACHE_ERRORS:  # statistics only: a cache outage must not cost the visitor anything
        first_in_visit = False
    _bump(suggestion_opens=1, visits_with_open=1 if first_in_visit else 0)


def record_question_asked(*, form_visit: str) -> None:
    """A question was asked in a form visit where a suggestion had been opened: not deflected."""
    from django.core.cache import cache

    from core.ratelimit import CACHE_ERRORS

    try:
        counted = cache.get(f"helpdesk:visit-opened:{form_visit}") and cache.add(
            f"helpdesk:visit-asked:{form_visit}", 1, timeout=24 * 3600
        )
    except CACHE_ERRORS:  # statistics only: the question itself must be stored
        counted = False
    if counted:
        _bump(asked_after_open=1)


# --- Privacy: retention, export, erasure ---------------------------------------------------------

PSEUDONYM = "[gepseudonimiseerd]"


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


def export_requester_data(*, email: str, by) -> dict:
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
def erase_requester_data(*, email: str, by) -> int:
    """Erase a requester's personal data on request (right to erasure); statistics remain."""
    tickets = list(Ticket.objects.select_for_update().of_requester(email))
    for ticket in tickets:
        _strip_personal_data(ticket)
        audit(ticket=ticket, action=AuditAction.ERASED, actor=by)
    OutboxMessage.objects.filter(to__iexact=email.strip()).update(
        to="", body=PSEUDONYM, private_link="", headers={}, last_error=""
    )
    return len(tickets)
