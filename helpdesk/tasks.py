"""Helpdesk background work: pseudonymising after the retention period.

The helpdesk's e-mail goes through the shared outbox (core.outbox, sent by core.tasks)."""

import logging

from celery import shared_task

from core.tasks import flush_outbox, send_outbox_message

log = logging.getLogger(__name__)


# The outbox's tasks had these names before it moved to core: messages already waiting in the
# broker when the new code is deployed still run. Remove after the next release.
@shared_task(name="helpdesk.tasks.send_outbox_message", ignore_result=True, acks_late=True)
def legacy_send_outbox_message(message_id: int) -> None:
    send_outbox_message.delay(message_id)


@shared_task(name="helpdesk.tasks.flush_outbox", ignore_result=True)
def legacy_flush_outbox(*args, **kwargs) -> None:
    flush_outbox.delay()


@shared_task(ignore_result=True, acks_late=True)
def pseudonymise_expired_tickets() -> int:
    """Nightly: first close answered/waiting tickets nobody touched for HELPDESK_AUTO_CLOSE_DAYS (so
    they too reach the retention period), then pseudonymise those closed longer than it."""
    from helpdesk.services import close_inactive, pseudonymise_expired

    closed = 0
    while count := close_inactive():
        closed += count
    if closed:
        log.info("closed %s inactive helpdesk tickets", closed)
    total = 0
    while count := pseudonymise_expired():
        total += count
    if total:
        log.info("pseudonymised %s helpdesk tickets", total)
    return total
