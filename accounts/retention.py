"""How long employer accounts are kept when nobody uses them (run nightly by accounts.tasks).

- A sign-up whose address was never verified is deleted ACCOUNT_UNVERIFIED_DELETE_DAYS after it
  was made, with the verification e-mails about it. Nothing else is touched: the address was never
  shown to belong to whoever typed it, so this must not erase anything else held for that address
  (the helpdesk's questions, for one). The employer organisation the sign-up created goes too when
  nothing else uses it.
- An employer account that was not used for ACCOUNT_INACTIVE_DELETE_DAYS is deleted with the same
  service as "Je account verwijderen" (accounts.profile.delete_account). "Used" means a log-in, or
  something the person did without logging in that an app reports through `account_activity` (a
  helpdesk question or a reply by its follow link). ACCOUNT_INACTIVE_WARNING_DAYS before, the
  person gets an e-mail (through the outbox); an account is deleted only after such a warning, sent
  at least that many days earlier and after the last use. A log-in in between keeps the account.
- Only employer accounts: the `werkgever` role and nothing else, not staff, not superuser, at an
  employer organisation or none. Accounts of partners, advisors and editors are never deleted here.

Every deletion is written to the `portal.security` log with the account's number and the reason.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F, ProtectedError, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind, User
from accounts.profile import account_activity, delete_account
from accounts.roles import WERKGEVER
from core.models import OutboxMessage
from core.outbox import queue_mail
from core.trust import period

log = logging.getLogger(__name__)
security_log = logging.getLogger("portal.security")


def employer_accounts() -> QuerySet:
    """Accounts of employers only: the werkgever role and no other group, never staff."""
    others = Group.objects.exclude(name=WERKGEVER)
    return (
        User.objects.filter(groups__name=WERKGEVER, is_staff=False, is_superuser=False)
        .filter(Q(organisation__isnull=True) | Q(organisation__kind=OrganisationKind.EMPLOYER))
        .exclude(groups__in=others)
        .distinct()
    )


def last_activity(user: User) -> datetime:
    """When the person last used the account: a log-in, the sign-up, or what an app reports."""
    moments = [user.last_login or user.date_joined]
    for _receiver, moment in account_activity.send(sender=User, user=user):
        if moment is not None:
            moments.append(moment)
    return max(moments)


def deletion_date(*, warned_at: datetime) -> datetime:
    """The first moment an account warned at `warned_at` may be deleted (if still unused)."""
    return warned_at + timedelta(days=settings.ACCOUNT_INACTIVE_WARNING_DAYS)


def _unused_since(now: datetime, days: int) -> QuerySet:
    """Active employer accounts without a log-in for `days` (a first selection: apps may know of
    later use, see last_activity)."""
    return (
        employer_accounts()
        .filter(is_active=True)
        .annotate(used_at=Coalesce(F("last_login"), F("date_joined")))
        .filter(used_at__lt=now - timedelta(days=days))
        .order_by("used_at", "pk")
    )


def warn_inactive_accounts(*, now: datetime | None = None) -> int:
    """E-mail each employer account unused for (ACCOUNT_INACTIVE_DELETE_DAYS minus the warning
    period) that it will be deleted, once per inactive period. Returns how many were warned."""
    now = now or timezone.now()
    days = settings.ACCOUNT_INACTIVE_DELETE_DAYS - settings.ACCOUNT_INACTIVE_WARNING_DAYS
    warned = 0
    for user in list(_unused_since(now, days)):
        used = last_activity(user)
        if used >= now - timedelta(days=days):
            continue
        if user.inactivity_warned_at is not None and user.inactivity_warned_at > used:
            continue  # already warned for this inactive period
        try:
            _warn(user, now=now)
        except Exception:  # noqa: BLE001 - one account must not stop the others; tried again tomorrow
            log.exception("could not warn inactive account user=%s", user.pk)
            continue
        warned += 1
    return warned


@transaction.atomic
def _warn(user: User, *, now: datetime) -> None:
    User.objects.filter(pk=user.pk).update(inactivity_warned_at=now)
    base = settings.PORTAL_BASE_URL.rstrip("/")
    queue_mail(
        to=user.email,
        subject=_("Je account bij de Werkagenda VIA wordt binnenkort verwijderd"),
        template="accounts/email/inactive_warning.txt",
        context={
            "user": user,
            "delete_after": timezone.localdate(deletion_date(warned_at=now)),
            "inactive_period": period(settings.ACCOUNT_INACTIVE_DELETE_DAYS),
            "login_url": base + reverse("accounts:login"),
            "data_url": base + reverse("accounts:my_data"),
            "privacy_url": base + reverse("core:privacy"),
        },
        about=user,
    )


def delete_inactive_accounts(*, now: datetime | None = None) -> int:
    """Delete the employer accounts unused for ACCOUNT_INACTIVE_DELETE_DAYS that were warned, after
    their last use, at least ACCOUNT_INACTIVE_WARNING_DAYS ago. Returns how many were deleted."""
    now = now or timezone.now()
    candidates = _unused_since(now, settings.ACCOUNT_INACTIVE_DELETE_DAYS).filter(
        inactivity_warned_at__lte=now - timedelta(days=settings.ACCOUNT_INACTIVE_WARNING_DAYS)
    )
    deleted = 0
    for user in list(candidates):
        used = last_activity(user)
        if used >= now - timedelta(days=settings.ACCOUNT_INACTIVE_DELETE_DAYS) or user.inactivity_warned_at <= used:
            continue  # used since (the next warning run warns again if it stays unused)
        try:
            delete_account(user=user, reason="inactive")
        except Exception:  # noqa: BLE001 - one account must not stop the others; tried again tomorrow
            log.exception("could not delete inactive account user=%s", user.pk)
            continue
        deleted += 1
    return deleted


def delete_unverified_signups(*, now: datetime | None = None) -> int:
    """Delete employer sign-ups never verified within ACCOUNT_UNVERIFIED_DELETE_DAYS."""
    now = now or timezone.now()
    stale = employer_accounts().filter(
        is_active=False,
        last_login__isnull=True,
        date_joined__lt=now - timedelta(days=settings.ACCOUNT_UNVERIFIED_DELETE_DAYS),
    )
    deleted = 0
    for user in list(stale.order_by("pk")):
        try:
            _delete_unverified(user)
        except Exception:  # noqa: BLE001 - one account must not stop the others; tried again tomorrow
            log.exception("could not delete unverified sign-up user=%s", user.pk)
            continue
        deleted += 1
    return deleted


@transaction.atomic
def _delete_unverified(user: User) -> None:
    user_id, organisation = user.pk, user.organisation
    OutboxMessage.objects.about(user).delete()
    user.delete()
    if organisation is not None:
        _delete_if_made_by_signup(organisation, joined=user.date_joined)
    security_log.info("account deleted: user=%s reason=unverified", user_id)


def _delete_if_made_by_signup(organisation: Organisation, *, joined: datetime) -> None:
    """The employer organisation typed at the sign-up goes as well, when the sign-up made it (it is
    no older than the account) and no one and nothing else uses it."""
    if organisation.kind != OrganisationKind.EMPLOYER or organisation.created_at < joined - timedelta(minutes=5):
        return
    if organisation.members.exists():
        return
    try:
        with transaction.atomic():
            organisation.delete()
    except ProtectedError:
        pass  # in use elsewhere (a network, a membership): it stays
