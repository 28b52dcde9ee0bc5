"""E-mail of the doe-netwerken: everything goes through the shared outbox (written in the same
transaction as the change it reports, sent by Celery)."""

from django.conf import settings
from django.core import signing

from helpdesk.services import queue_mail

UNSUBSCRIBE_SALT = "communities.unsubscribe"


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def send(*, to: str, subject: str, template: str, context: dict) -> None:
    if to:
        queue_mail(to=to, subject=subject, template=template, context=context)


def unsubscribe_token(membership) -> str:
    """A private, lasting token for the one-click unsubscribe link in every discussion e-mail."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT, sep=".").sign(str(membership.pk))


def membership_id_for_unsubscribe(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=UNSUBSCRIBE_SALT, sep=".").unsign(token))
    except (signing.BadSignature, ValueError):
        return None
