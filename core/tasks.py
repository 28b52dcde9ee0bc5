"""Shared background work: the worker heartbeat, sending the e-mail outbox (core.delivery) and
deleting its old messages (core.retention)."""

import logging
import socket
import time

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from core.delivery import deliver, retry_delay
from core.models import OutboxMessage, WorkerHeartbeat
from core.retention import purge_expired

log = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def record_heartbeat(worker: str | None = None) -> None:
    """Record that a worker is alive and consuming tasks (idempotent per worker name)."""
    name = worker or socket.gethostname()
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker=name).update(last_seen=now, beats=F("beats") + 1)
    if not updated:
        WorkerHeartbeat.objects.get_or_create(worker=name, defaults={"last_seen": now, "beats": 1})


@shared_task(bind=True, ignore_result=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_outbox_message(self, message_id: int) -> str:
    """Send one queued e-mail; after a failure, retry with exponential backoff.

    Acknowledged late and requeued if the worker dies: running it again is harmless (core.delivery.
    deliver skips a message that is sent or held by another worker). In eager mode (no broker) the
    retry is left to flush_outbox, so a web request never waits.
    """
    result = deliver(message_id)
    if result == "failed" and not self.request.is_eager:
        countdown = retry_delay(message_id)
        if countdown is not None:
            raise self.retry(countdown=countdown)
    return result


# flush_outbox starts no new send after this many seconds: well within its soft time limit, so it
# never reaches the hard limit in the middle of a send.
FLUSH_TIME_BUDGET_SECONDS = 240
_clock = time.monotonic  # replaced in tests


@shared_task(
    ignore_result=True, soft_time_limit=FLUSH_TIME_BUDGET_SECONDS + 30, time_limit=FLUSH_TIME_BUDGET_SECONDS + 60
)
def flush_outbox(limit: int = 200, budget_seconds: float = FLUSH_TIME_BUDGET_SECONDS) -> int:
    """Send every due pending message (a safety net for lost enqueues and retries). Idempotent.

    Stops after budget_seconds; what is left is sent by the next run (every minute)."""
    sent = 0
    deadline = _clock() + budget_seconds
    for message_id in OutboxMessage.objects.due().order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        if _clock() >= deadline:
            log.info("flush_outbox stopped after its time budget; the rest goes in the next run")
            break
        sent += deliver(message_id) == "sent"
    return sent


@shared_task(ignore_result=True, acks_late=True)
def purge_expired_outbox() -> int:
    """Nightly: delete sent and failed e-mails older than OUTBOX_RETENTION_DAYS (except the
    helpdesk's, which go with their question's retention). Idempotent; batches keep locks short."""
    total = 0
    while count := purge_expired():
        total += count
    if total:
        log.info("deleted %s outbox messages past their retention", total)
    return total
