"""The helpdesk's e-mails, queued in the shared outbox (core.outbox) in the caller's transaction.

Subjects are translated like the bodies: both in the language active when the mail is queued.

core.outbox.queue_mail writes the message row now and hands it to Celery once the transaction
commits, so nothing here imports a task: a rolled-back change sends nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core.outbox import queue_mail
from helpdesk.models import Ticket
from helpdesk.services.tokens import issue_access_token

if TYPE_CHECKING:
    from accounts.models import User


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def follow_url(token: str) -> str:
    return absolute_url(reverse("helpdesk:follow", kwargs={"token": token}))


def address_verified(ticket: Ticket) -> bool:
    """Whether the ticket's e-mail address is known to belong to the requester: it is the address of
    the account they asked with. Anyone can type any address (and any name) into the public form."""
    account = ticket.requester_user
    if account is None or not account.email or not ticket.contact_email:
        return False
    return account.email.strip().lower() == ticket.contact_email.strip().lower()


def mail_requester(*, ticket: Ticket, subject: str, template: str, context: dict[str, Any]) -> None:
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


def _subject(ticket: Ticket, text: str) -> str:
    """The ticket's number, then the (translated) subject: mail clients thread by it."""
    return f"[{ticket.reference}] {text}"


def _mail_staff(ticket: Ticket, to: str, subject: str, template: str, *, referral_page: bool = False) -> None:
    """An e-mail to an advisor, the team or partner staff: a link to the ticket's page (or, for
    partner staff, the referral's page), never the texts."""
    path = reverse("helpdesk:referral_detail", args=[ticket.reference]) if referral_page else ticket.get_absolute_url()
    queue_mail(
        to=to,
        subject=_subject(ticket, subject),
        template=f"helpdesk/email/{template}.txt",
        context={"ticket": ticket, "url": absolute_url(path)},
        about=ticket,
    )


# --- One function per e-mail ----------------------------------------------------------------------


def question_received(ticket: Ticket, *, referred: bool = False) -> None:
    """To the requester: their question arrived (asked directly, or referred by a partner)."""
    if referred:
        subject = _subject(ticket, _("Je vraag is doorgestuurd naar SER Diversiteit in Bedrijf"))
        context = {"ticket": ticket, "referred": True}
    else:
        subject = _subject(ticket, _("Je vraag is ontvangen"))
        context = {"ticket": ticket}
    mail_requester(ticket=ticket, subject=subject, template="helpdesk/email/received.txt", context=context)


def answered(ticket: Ticket) -> None:
    """To the requester: an advisor answered."""
    subject = _subject(ticket, _("Antwoord op je vraag"))
    mail_requester(ticket=ticket, subject=subject, template="helpdesk/email/answered.txt", context={"ticket": ticket})


def referral_received(ticket: Ticket, *, to: str) -> None:
    """To the partner staff member who referred the question."""
    _mail_staff(ticket, to, _("Doorverwijzing ontvangen"), "referral_received", referral_page=True)


def partner_answered(ticket: Ticket, *, to: str) -> None:
    """To the partner staff member who referred it, when the employer agreed to share the answer."""
    _mail_staff(ticket, to, _("Antwoord op je doorverwijzing"), "partner_answered", referral_page=True)


def team_new_question(ticket: Ticket) -> None:
    """To the helpdesk team's address: a new question in the queue."""
    _mail_staff(ticket, settings.HELPDESK_TEAM_EMAIL, _("Nieuwe vraag"), "team_new")


def assigned(ticket: Ticket, *, to: User) -> None:
    """To the advisor someone else assigned the ticket to."""
    _mail_staff(ticket, to.email, _("Aan je toegewezen"), "assigned")


def requester_replied(ticket: Ticket, *, to: str) -> None:
    """To the assigned advisor (or the team): the employer reacted."""
    _mail_staff(ticket, to, _("Reactie van de werkgever"), "requester_replied")
