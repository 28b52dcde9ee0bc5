"""New questions: asked by an employer on the question form, or referred by partner staff.

Both go through one core (`_take_in`): a numbered ticket with its due date, an audit event, the
requester's confirmation (with their follow link) and the team's notice. The form's suggestion
counters live here too: they are about the question form, and hold no personal data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Required, TypedDict, Unpack, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

import helpdesk.services.mail as mail
from helpdesk.models import AuditAction, Channel, CharterStatus, Priority, SuggestionStat, Ticket, TicketCounter
from helpdesk.services.audit import REQUESTER_LABEL, audit
from helpdesk.services.tokens import issue_access_token
from helpdesk.workdays import add_working_days

if TYPE_CHECKING:
    from accounts.models import User
    from menukaart.models import Theme


class EmployerQuestion(TypedDict, total=False):
    """What the question form and the referral form both ask: the question and who asks it.
    (The e-mail address is a parameter of its own: the form requires it, a referral may lack it.)"""

    subject: Required[str]
    question: Required[str]
    employer_name: Required[str]
    contact_name: Required[str]
    contact_phone: str
    sector: str
    size_band: str
    province: str
    charter_signatory: str
    themes: Iterable[Theme]


QUESTION_DEFAULTS: dict[str, Any] = {
    "contact_phone": "",
    "sector": "",
    "size_band": "",
    "province": "",
    "charter_signatory": CharterStatus.UNKNOWN.value,
    "themes": (),
}
# Spelled out: with postponed annotations, TypedDict's own __required_keys__ does not see Required[].
REQUIRED_QUESTION_FIELDS = frozenset({"subject", "question", "employer_name", "contact_name"})
QUESTION_FIELDS = frozenset(EmployerQuestion.__annotations__)


def employer_question(data: dict[str, Any]) -> EmployerQuestion:
    """The EmployerQuestion part of a form's cleaned data (AskForm, ReferralForm)."""
    return cast(EmployerQuestion, {name: data[name] for name in QUESTION_FIELDS if name in data})


def _with_defaults(question: EmployerQuestion) -> dict[str, Any]:
    """The question's fields, defaults filled in. A missing or unknown field is a TypeError, as it
    is for any keyword argument."""
    missing = REQUIRED_QUESTION_FIELDS - question.keys()
    unknown = question.keys() - QUESTION_FIELDS
    if missing or unknown:
        raise TypeError(f"question fields missing: {sorted(missing)}, unknown: {sorted(unknown)}")
    return {**QUESTION_DEFAULTS, **question}


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
    days = settings.HELPDESK_SERVICE_LEVEL_DAYS.get(priority, settings.HELPDESK_SERVICE_LEVEL_DAYS[Priority.NORMAL])
    return add_working_days(start or timezone.localdate(), days)


def submission_key(*, form_visit: str, contact_email: str, subject: str, question: str) -> str:
    """The question form's idempotency key ("" without a form visit): a hash of the visit id (a
    random number in the form) and what was asked. The same form posted twice gives the same key;
    a changed question sent again from the same page is a new question."""
    if not form_visit:
        return ""
    parts = [form_visit, contact_email.strip().lower(), " ".join(subject.split()), " ".join(question.split())]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _create_ticket(*, themes: Iterable[Theme], **fields: Any) -> Ticket:
    now = timezone.now()
    priority = fields.get("priority", Priority.NORMAL)
    ticket = Ticket.objects.create(
        reference=next_reference(year=timezone.localdate(now).year),
        due_date=due_date_for(priority=priority, start=timezone.localdate(now)),
        created_at=now,
        **fields,
    )
    ticket.themes.set(themes)
    return ticket


def _announce(ticket: Ticket, *, actor: User | None = None, actor_label: str = "") -> None:
    """The shared end of both intakes: the audit event, the requester's confirmation (when there is
    an address), the referring staff member's receipt (for a referral), the team's notice."""
    referred = ticket.channel == Channel.REFERRAL
    audit(ticket=ticket, action=AuditAction.CREATED, actor=actor, actor_label=actor_label, channel=ticket.channel)
    if ticket.contact_email or not referred:
        mail.question_received(ticket, referred=referred)
    if referred and ticket.referred_by is not None and ticket.referred_by.email:
        mail.referral_received(ticket, to=ticket.referred_by.email)
    mail.team_new_question(ticket)


@transaction.atomic
def submit_question(
    *,
    contact_email: str,
    consent_processing: bool,
    channel: str = Channel.WEB,
    form_visit: str = "",
    requester_user: User | None = None,
    source: str = "",
    **question: Unpack[EmployerQuestion],
) -> tuple[Ticket, str]:
    """A question asked directly by an employer. Returns the ticket and its follow link token.

    `question`: the fields of EmployerQuestion. `source`: where it was asked from (Ticket.source),
    e.g. "doe-netwerk:<slug>".

    The same form posted again (same form visit, same question; a double click, a reload) creates
    nothing and sends nothing: it returns the ticket of the first post and "" as token. A unique
    constraint on Ticket.submission_key decides between two posts that arrive at the same time.

    `requester_user`: the logged-in registered employer who asked, who then also finds the ticket
    under "Mijn vragen". The caller decides (by permission) whether to pass it."""
    if not consent_processing:
        raise ValueError("A question is only registered with consent to process the personal data.")
    fields = _with_defaults(question)
    key = submission_key(
        form_visit=form_visit, contact_email=contact_email, subject=fields["subject"], question=fields["question"]
    )
    if key and (earlier := Ticket.objects.filter(submission_key=key).first()):
        return earlier, ""
    try:
        with transaction.atomic():
            ticket = _create_ticket(
                **fields,
                contact_email=contact_email,
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
    _announce(ticket, actor_label=REQUESTER_LABEL)
    if form_visit:
        record_question_asked(form_visit=form_visit)
    return ticket, token


@transaction.atomic
def refer_question(
    *,
    by: User,
    contact_email: str = "",
    consent_processing: bool,
    consent_share_with_partner: bool,
    priority: str = Priority.NORMAL,
    **question: Unpack[EmployerQuestion],
) -> Ticket:
    """A member's question referred by partner staff, with the consent the employer gave them.
    `question`: the fields of EmployerQuestion."""
    if not consent_processing:
        raise ValueError("A referral needs the employer's consent to share their data with SER/DiB.")
    ticket = _create_ticket(
        **_with_defaults(question),
        contact_email=contact_email,
        consent_processing=True,
        consent_share_with_partner=consent_share_with_partner,
        channel=Channel.REFERRAL,
        referring_organisation=by.organisation,
        referred_by=by,
        priority=priority,
    )
    _announce(ticket, actor=by)
    return ticket


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
