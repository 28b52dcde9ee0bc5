"""E-mail of the doe-netwerken: everything goes through the shared outbox (core.outbox: written in
the same transaction as the change it reports, sent by Celery)."""

from django.conf import settings
from django.core import signing

from core.outbox import queue_mail

UNSUBSCRIBE_SALT = "communities.unsubscribe"


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def send(*, to: str, subject: str, template: str, context: dict, about=None, unsubscribe_url: str = "") -> None:
    """Queue one e-mail. With `unsubscribe_url` (discussion e-mail) the template shows it as
    {{ private_link }} (erased from the outbox once sent) and the message carries the one-click
    List-Unsubscribe headers of RFC 8058."""
    if not to:
        return
    headers = None
    if unsubscribe_url:
        headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    queue_mail(
        to=to,
        subject=subject,
        template=template,
        context=context,
        about=about,
        private_link=unsubscribe_url,
        headers=headers,
    )


def unsubscribe_token(membership) -> str:
    """A private, lasting token for the one-click unsubscribe link in every discussion e-mail."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT, sep=".").sign(str(membership.pk))


def membership_id_for_unsubscribe(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=UNSUBSCRIBE_SALT, sep=".").unsign(token))
    except (signing.BadSignature, ValueError):
        return None
