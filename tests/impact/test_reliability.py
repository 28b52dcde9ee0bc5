"""Reliability with real Redis and real workers: a worker (or one pool child) killed mid-report, a
restart, and concurrent requests all end with exactly one complete report.

These tests start their own prefork workers with a short visibility timeout (12 s, longer than the
10 s task limit, as the settings demand) so that a message of a killed worker comes back quickly.
The report is held mid-way by a table lock on the menukaart's usage events, which the report reads
after the helpdesk figures: the worker has taken the report's row and computed part of it.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import date

import psycopg
import pytest
from django.conf import settings
from django.db import close_old_connections

from core.models import OutboxMessage
from impact import production, services
from impact.models import Report, ReportStatus
from impact.periods import Period
from portal.celery import app as celery_app
from tests.helpdesk.factories import TicketFactory

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

PERIOD = Period(date(2025, 7, 1), date(2025, 12, 31))
VISIBILITY = 12


def _dsn() -> str:
    db = settings.DATABASES["default"]
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgresql://{db['USER']}:{db.get('PASSWORD') or ''}@{host}:{port}/{db['NAME']}"


class Worker:
    """A real `celery worker` process (prefork) on a queue of its own; killable as a whole or per child."""

    def __init__(self, queue: str, log_dir, concurrency: int = 1):
        self.queue, self.log_dir, self.concurrency = queue, log_dir, concurrency
        self.process = None

    def start(self):
        hostname = f"{self.queue}-{uuid.uuid4().hex[:4]}@{socket.gethostname()}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": _dsn().replace("postgresql://", "postgres://"),
            "CELERY_WORKER_TEST_MODE": "1",
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            "CELERY_UNACKED_RESTORE_THROTTLE": "1",
            "CELERY_TASK_SOFT_TIME_LIMIT": "9",
            "CELERY_TASK_TIME_LIMIT": "10",
            "IMPACT_REPORT_SOFT_TIME_LIMIT": "9",
            "IMPACT_REPORT_TIME_LIMIT": "10",
            "IMPACT_REPORT_DISTRIBUTION": "partners@example.nl",
        }
        command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=prefork",
            f"--concurrency={self.concurrency}", "-Q", self.queue, "--hostname", hostname,
            "--without-gossip", "--without-mingle", "--loglevel=INFO",
        ]  # fmt: skip
        self.log = (self.log_dir / f"{hostname.split('@')[0]}.log").open("w")
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=settings.BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[hostname], timeout=1):
            assert self.process.poll() is None and time.monotonic() < deadline, "the worker did not start"
        return self

    def children(self) -> list[int]:
        path = f"/proc/{self.process.pid}/task/{self.process.pid}/children"
        with open(path) as file:
            return [int(pid) for pid in file.read().split()]

    def kill_all(self):
        """SIGKILL to the main process and its pool children: nothing gets to clean up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


@pytest.fixture
def workers(tmp_path, settings):
    queue = f"impact-{uuid.uuid4().hex[:10]}"
    settings.IMPACT_REPORT_QUEUE = queue
    settings.IMPACT_REPORT_DISTRIBUTION = ["partners@example.nl"]
    started = []

    def start(concurrency: int = 1) -> Worker:
        worker = Worker(queue, tmp_path, concurrency).start()
        started.append(worker)
        return worker

    previous_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield start
    celery_app.conf.task_always_eager = previous_eager
    for worker in started:
        worker.stop()
    celery_app.control.purge()


@pytest.fixture
def some_data(db):
    TicketFactory.create_batch(6, created_at=PERIOD.starts_at.replace(month=9))


class HeldMidway:
    """Holds an exclusive lock on the usage events table: a report that reaches the menukaart figures waits."""

    def __enter__(self):
        self.connection = psycopg.connect(_dsn())
        self.connection.execute("LOCK TABLE menukaart_usageevent IN ACCESS EXCLUSIVE MODE")
        return self

    def wait_until_a_report_waits(self, timeout=60):
        deadline = time.monotonic() + timeout
        with psycopg.connect(_dsn(), autocommit=True) as probe:
            while time.monotonic() < deadline:
                waiting = probe.execute(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    "WHERE c.relname = 'menukaart_usageevent' AND NOT l.granted"
                ).fetchone()[0]
                if waiting:
                    return
                time.sleep(0.2)
        raise AssertionError("no report reached the menukaart figures")

    def release(self):
        if not self.connection.closed:
            self.connection.rollback()
            self.connection.close()

    def __exit__(self, *exc):
        self.release()


def wait_for_complete(report_id: int, timeout: float) -> Report:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = Report.objects.get(pk=report_id)
        if report.status != ReportStatus.PENDING:
            return report
        time.sleep(0.5)
    return Report.objects.get(pk=report_id)


def assert_exactly_one_complete_report(report_id: int):
    assert Report.objects.count() == 1
    report = Report.objects.get(pk=report_id)
    assert report.status == ReportStatus.COMPLETE
    assert report.attempts == 1  # only a committed run counts; the killed ones left nothing behind
    assert len(report.data["figures"]) >= 20
    assert OutboxMessage.objects.filter(subject__startswith="Impactrapportage").count() == 1


def test_whole_worker_killed_mid_report_and_restarted_gives_one_complete_report(workers, some_data):
    first = workers()
    with HeldMidway() as held:
        report = services.request_report(period=PERIOD)
        held.wait_until_a_report_waits()
        progress = production.report_progress(report.pk)
        assert progress and progress["done"] > 0  # mid-way: part of the figures computed
        first.kill_all()
        held.release()
    # Never a half-written report: the killed run's transaction is gone.
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING and report.data == {}
    # A new worker gets the unacknowledged message back after the visibility timeout.
    workers()
    report = wait_for_complete(report.pk, timeout=VISIBILITY + 60)
    assert_exactly_one_complete_report(report.pk)


def test_pool_child_killed_mid_report_gives_one_complete_report(workers, some_data):
    worker = workers()
    with HeldMidway() as held:
        report = services.request_report(period=PERIOD)
        held.wait_until_a_report_waits()
        (child,) = worker.children()
        os.kill(child, signal.SIGKILL)  # reject_on_worker_lost: the message goes back at once
        held.release()
    report = wait_for_complete(report.pk, timeout=60)
    assert_exactly_one_complete_report(report.pk)


def test_two_concurrent_requests_and_duplicate_messages_give_one_report(workers, some_data):
    from impact.tasks import produce_report

    workers(concurrency=2)
    barrier = threading.Barrier(2)
    ids = []

    def ask():
        try:
            barrier.wait()
            ids.append(services.request_report(period=PERIOD).pk)
        finally:
            close_old_connections()

    with HeldMidway():
        threads = [threading.Thread(target=ask) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(set(ids)) == 1
        # A duplicate message as well (as a redelivery would give): two workers on one report.
        produce_report.apply_async(args=[ids[0]], queue=settings.IMPACT_REPORT_QUEUE)
        time.sleep(2)
    report = wait_for_complete(ids[0], timeout=60)
    assert_exactly_one_complete_report(report.pk)


def test_the_settings_promise_redelivery_without_double_runs():
    """Late acknowledgement, a rejected message when the worker is lost, and a visibility timeout
    longer than the longest task: with a shorter one a long task is handed out twice."""
    from impact.tasks import produce_report

    assert produce_report.acks_late is True
    assert produce_report.reject_on_worker_lost is True
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility > produce_report.time_limit
    assert visibility > settings.CELERY_TASK_TIME_LIMIT
    assert produce_report.max_retries >= 1
