import time

import pytest

from core.models import WorkerHeartbeat
from core.tasks import record_heartbeat


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_task_round_trip_through_redis_to_a_real_worker(celery_worker):
    """A task sent through Redis is executed by a separate worker process that writes to PostgreSQL."""
    record_heartbeat.apply_async(kwargs={"worker": "round-trip"}, queue=celery_worker)
    record_heartbeat.apply_async(kwargs={"worker": "round-trip"}, queue=celery_worker)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        beat = WorkerHeartbeat.objects.filter(worker="round-trip").first()
        if beat and beat.beats == 2:
            break
        time.sleep(0.2)
    beat = WorkerHeartbeat.objects.get(worker="round-trip")
    assert beat.beats == 2


def test_heartbeat_task_is_idempotent_per_worker(db):
    record_heartbeat(worker="w1")
    record_heartbeat(worker="w1")
    assert WorkerHeartbeat.objects.get(worker="w1").beats == 2
