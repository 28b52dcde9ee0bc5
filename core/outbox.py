"""The e-mail outbox, shared by every app: queue a message in the same transaction as the change it
reports; Celery sends it after the commit.

    from core.outbox import queue_mail

    queue_mail(to=..., subject=..., template="app/email/x.txt", context={...})

This module queues. core.delivery sends (the work of the tasks in core.tasks; what "sent once"
means is written there) and core.retention deletes the messages whose time is up.
"""

from django.db import models, transaction
from django.template.loader import render_to_string

from core.delivery import new_message_id
from core.models import PRIVATE_LINK_PLACEHOLDER, OutboxMessage
from core.tasks import send_outbox_message


def queue_mail(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    about: models.Model | None = None,
    private_link: str = "",
    headers: dict[str, str] | None = None,
) -> OutboxMessage:
    """Render `template` with `context`, write the message to the outbox and send it once the
    surrounding transaction commits (or at once in autocommit mode).

    - `about`: the row the message is about (a ticket, a membership, ...): find it again with
      `OutboxMessage.objects.about(obj)`, e.g. to erase personal data.
    - `private_link`: a URL holding a secret token (follow link, e-mail verification). The template
      shows it as `{{ private_link }}`; the stored body holds only a placeholder, and the link is
      erased from the database once the message is sent. Store only a hash of the token yourself.
    - `headers`: extra e-mail headers (for example List-Unsubscribe).
    """
    body = render_to_string(template, {**context, "private_link": PRIVATE_LINK_PLACEHOLDER})
    message = OutboxMessage(
        to=to,
        subject=" ".join(subject.split())[:200],
        body=body,
        private_link=private_link,
        headers=headers or {},
        message_id=new_message_id(),
    )
    if about is not None:
        message.about = about
    message.save()
    # robust: a broker that is down must not break the request; the beat's flush_outbox retries.
    transaction.on_commit(lambda: send_outbox_message.delay(message.pk), robust=True)
    return message
