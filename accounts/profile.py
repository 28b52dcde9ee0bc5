"""The employer's own account: profile (organisation, sector, size band), own data, deletion.

Other apps take part through two signals, so accounts depends on none of them:
- `collect_personal_data(user)`: each receiver returns a dict of what its app stores about the user
  (the helpdesk's questions, the menukaart's plan and scans, ...), for the download.
- `account_deleting(user)`: sent inside the deletion's transaction, before the user row goes;
  receivers remove or unlink what the foreign keys' cascades do not (the helpdesk erases the
  personal data of questions asked with the account's e-mail address).
- `account_activity(user)`: each receiver returns when the person last did something in its app
  without logging in (the helpdesk: a question or a reply through its follow link), or None; the
  inactivity rule (accounts.retention) counts that as use of the account.
"""

import logging
from typing import Any, cast

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Organisation, OrganisationKind, User
from core.retention import forget_address

security_log = logging.getLogger("portal.security")

collect_personal_data = Signal()
account_deleting = Signal()
account_activity = Signal()


@transaction.atomic
def save_profile(*, user: User, organisation_name: str, sector: str, size_band: str) -> Organisation:
    """Set the employer's organisation details; an account without an organisation gets its own.

    Only an employer organisation is changed here: a partner's or SER/DiB's record is not the
    employee's to edit.
    """
    organisation = user.organisation
    if organisation is None:
        base = slugify(organisation_name)[:50] or "werkgever"
        slug, number = base, 1
        while Organisation.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"[:60]
        name, number = organisation_name, 1
        while Organisation.objects.filter(name=name).exists():
            number += 1
            name = f"{organisation_name} ({number})"
        organisation = Organisation.objects.create(
            name=name, slug=slug, kind=OrganisationKind.EMPLOYER, sector=sector, size_band=size_band
        )
        user.organisation = organisation
        user.save(update_fields=["organisation"])
        return organisation
    if organisation.kind != OrganisationKind.EMPLOYER:
        raise PermissionError("Only an employer organisation is edited through the profile.")
    organisation.sector, organisation.size_band = sector, size_band
    fields = ["sector", "size_band"]
    if organisation_name and organisation_name != organisation.name:
        if not Organisation.objects.exclude(pk=organisation.pk).filter(name=organisation_name).exists():
            organisation.name = organisation_name
            fields.append("name")
    organisation.save(update_fields=fields)
    return organisation


def personal_data(*, user: User) -> dict:
    """Everything the portal stores about this account, as plain JSON-ready data."""
    data: dict[str, Any] = {
        "account": {
            "gebruikersnaam": user.username,
            "naam": user.get_full_name(),
            "e-mailadres": user.email,
            "organisatie": str(user.organisation) if user.organisation_id else "",
            "aangemaakt": user.date_joined.isoformat(),
            "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
        },
        "geexporteerd_op": timezone.now().isoformat(),
    }
    for _receiver, part in collect_personal_data.send(sender=User, user=user):
        # Each receiver answers a dict (the stubs type a receiver's answer as a string).
        data.update(cast(dict[str, Any], part or {}))
    return data


@transaction.atomic
def delete_account(*, user: User, reason: str = "own request") -> None:
    """Delete the account and what belongs to it; see the deletion page for what that means.

    The e-mails to its address leave the outbox first, sent or not (those about a helpdesk
    question are the helpdesk's to erase, through `account_deleting`). `reason` goes to the
    security log, with the account's number only: "own request" or "inactive".
    """
    user_id = user.pk
    forget_address(user.email)
    account_deleting.send(sender=User, user=user)
    user.delete()
    security_log.info("account deleted: user=%s reason=%s", user_id, reason)
