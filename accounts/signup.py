"""Employers' own accounts: sign-up with e-mail verification through an expiring link.

Enumeration-safe: whatever the address, the form answers the same ("check your e-mail"); an
address that already has an account gets an e-mail saying so (with the password-reset link)
instead of a second account. The link is signed (no table of tokens), expires after
ACCOUNT_VERIFY_HOURS and works once: it only activates an account that was never activated.

What a visitor did before signing up moves into the account: the Mijn menukaart plan of this
browser at once (menukaart.services.merge_session_plan); the helpdesk questions asked with the
verified address when the address is verified (receivers of `employer_verified`).
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind
from accounts.roles import WERKGEVER
from accounts.services import assign_role
from core.outbox import queue_mail
from core.ratelimit import over_limit_or_log

SALT = "accounts.signup.verify"

# Sent with the verified user (keyword `user`) once their address is verified.
employer_verified = Signal()


class VerificationExpired(Exception):
    pass


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT, sep=".")


def verification_token(user) -> str:
    return _signer().sign(str(user.pk))


def user_for_token(token: str):
    """The not yet verified account of this token; raises VerificationExpired for an old link,
    returns None for anything else (tampered, unknown, already verified)."""
    try:
        user_id = _signer().unsign(token, max_age=settings.ACCOUNT_VERIFY_HOURS * 3600)
    except signing.SignatureExpired as expired:
        raise VerificationExpired from expired
    except signing.BadSignature:
        return None
    if not user_id.isdigit():
        return None
    return get_user_model().objects.filter(pk=int(user_id), is_active=False, last_login__isnull=True).first()


def signup_rate_limited(request) -> bool:
    """Count one sign-up for this client; True when over ACCOUNT_SIGNUP_RATE_LIMIT this hour.
    With the cache down the sign-up is accepted (and the outage logged): nothing typed is lost."""
    return over_limit_or_log(request, scope="signup", limit=settings.ACCOUNT_SIGNUP_RATE_LIMIT, window=3600)


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _queue(**kwargs) -> None:
    queue_mail(**kwargs)


def _unique_username(email: str) -> str:
    User = get_user_model()
    base = re.sub(r"[^a-z0-9._-]", "", email.split("@")[0].lower())[:120] or "werkgever"
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


def _employer_organisation(name: str) -> Organisation:
    existing = Organisation.objects.filter(name__iexact=name.strip(), kind=OrganisationKind.EMPLOYER).first()
    if existing:
        return existing
    base = slugify(name)[:50] or "werkgever"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return Organisation.objects.create(name=name.strip(), slug=slug, kind=OrganisationKind.EMPLOYER)


def send_verification(*, user, next_url: str = "") -> None:
    link = _absolute(reverse("accounts:signup_verify", kwargs={"token": verification_token(user)}))
    if next_url:
        from urllib.parse import urlencode

        link = f"{link}?{urlencode({'next': next_url})}"
    _queue(
        to=user.email,
        subject=_("Bevestig je e-mailadres voor de Werkagenda VIA"),
        template="registration/signup_verify_email.txt",
        context={"hours": settings.ACCOUNT_VERIFY_HOURS},
        about=user,
        # The link holds the token: the outbox keeps it only until the message is sent.
        private_link=link,
    )


@transaction.atomic
def register_employer(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    organisation_name: str,
    session=None,
    next_url: str = "",
):
    """Create an inactive employer account and send the verification link. Returns the new user,
    or None when the address already has an account (which then gets an e-mail about it)."""
    User = get_user_model()
    email = email.strip()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if not existing.is_active and existing.last_login is None:
            send_verification(user=existing, next_url=next_url)
        else:
            _queue(
                to=existing.email,
                subject=_("Je hebt al een account bij de Werkagenda VIA"),
                template="registration/signup_existing_email.txt",
                about=existing,
                context={
                    "user": existing,
                    "login_url": _absolute(reverse("accounts:login")),
                    "reset_url": _absolute(reverse("accounts:password_reset")),
                },
            )
        return None
    organisation = _employer_organisation(organisation_name)
    user = User(
        username=_unique_username(email),
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=organisation,
        is_active=False,
    )
    user.set_password(password)
    user.save()
    assign_role(user=user, role=WERKGEVER)
    if session is not None:
        from menukaart.services import merge_session_plan

        merge_session_plan(user=user, session=session)
    send_verification(user=user, next_url=next_url)
    return user


@transaction.atomic
def verify_employer(*, user) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    employer_verified.send(sender=get_user_model(), user=user)
