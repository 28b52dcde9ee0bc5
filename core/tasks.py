import socket

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from core.models import WorkerHeartbeat


@shared_task(ignore_result=True)
def record_heartbeat(worker: str | None = None) -> None:
    """Record that a worker is alive and consuming tasks (idempotent per worker name)."""
    name = worker or socket.gethostname()
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker=name).update(last_seen=now, beats=F("beats") + 1)
    if not updated:
        WorkerHeartbeat.objects.get_or_create(worker=name, defaults={"last_seen": now, "beats": 1})
