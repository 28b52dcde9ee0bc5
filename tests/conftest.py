import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache

from accounts.models import OrganisationKind
from accounts.roles import ADVISEUR, COMMUNITY_COORDINATOR, CONTENTBEHEERDER, PARTNER_MEDEWERKER, WERKGEVER
from portal.celery import app as celery_app
from tests.factories import OrganisationFactory, UserFactory


def pytest_configure(config):
    """Tests run on the production shape: PostgreSQL and Redis. Refuse anything else loudly."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError(
            f"The tests need PostgreSQL (DATABASE_URL); got {engine}. Run `make test` or `.ci/run`."
        )
    if not settings.REDIS_URL:
        raise pytest.UsageError("The tests need Redis (REDIS_URL). Run `make test` or `.ci/run`.")


def _clear_test_cache_keys() -> None:
    """Delete this suite's cache keys only: a FLUSHDB would also wipe Celery's queues on Redis."""
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttles and rate limits live in the (Redis) cache: start every test from zero."""
    _clear_test_cache_keys()
    yield
    _clear_test_cache_keys()


# Nothing listens on port 1: connecting there is refused at once, as when Redis is down.
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    """The shared cache and the Celery broker point at a Redis that is not there (a real refused
    connection, nothing mocked)."""
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": DEAD_REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.CELERY_BROKER_URL = DEAD_REDIS_URL


@pytest.fixture
def ser_dib(db):
    return OrganisationFactory(
        slug="ser-dib", name="SER Diversiteit in Bedrijf", short_name="SER/DiB", kind=OrganisationKind.CENTRAL_HELPDESK
    )


@pytest.fixture
def abu(db):
    return OrganisationFactory(slug="abu", name="ABU", short_name="ABU", kind=OrganisationKind.REFERRING_PARTNER)


@pytest.fixture
def awvn(db):
    return OrganisationFactory(slug="awvn", name="AWVN", short_name="AWVN", kind=OrganisationKind.REFERRING_PARTNER)


@pytest.fixture
def werkgever(db):
    return UserFactory(role=WERKGEVER)


@pytest.fixture
def partner_abu(abu):
    return UserFactory(role=PARTNER_MEDEWERKER, organisation=abu)


@pytest.fixture
def partner_awvn(awvn):
    return UserFactory(role=PARTNER_MEDEWERKER, organisation=awvn)


@pytest.fixture
def adviseur(ser_dib):
    return UserFactory(role=ADVISEUR, organisation=ser_dib)


@pytest.fixture
def contentbeheerder(ser_dib):
    return UserFactory(role=CONTENTBEHEERDER, organisation=ser_dib)


@pytest.fixture
def community_coordinator(ser_dib):
    return UserFactory(role=COMMUNITY_COORDINATOR, organisation=ser_dib)


@pytest.fixture
def superuser(ser_dib):
    return UserFactory(role="superuser", organisation=ser_dib)


ROLE_FIXTURES = {
    "werkgever": "werkgever",
    "partner-medewerker": "partner_abu",
    "adviseur": "adviseur",
    "contentbeheerder": "contentbeheerder",
    "community-coordinator": "community_coordinator",
    "superuser": "superuser",
}


@pytest.fixture
def user_with_role(request):
    """user_with_role("adviseur") -> a user with that role (None for "anoniem")."""

    def make(role: str):
        if role == "anoniem":
            return None
        return request.getfixturevalue(ROLE_FIXTURES[role])

    return make


@pytest.fixture(scope="session")
def _celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real Celery worker process, consuming from Redis and writing to the test database.

    It listens on a queue of its own, so parallel test runs on one Redis never steal each
    other's tasks. Yields the queue name. Its output goes to a file (a pipe nobody reads would
    fill up and block the worker).
    """
    db = settings.DATABASES["default"]
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    database_url = f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{host}:{port}/{db['NAME']}"
    queue = f"test-{uuid.uuid4().hex[:12]}"
    hostname = f"{queue}@{socket.gethostname()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_WORKER_TEST_MODE": "1",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--concurrency=1",
        "-Q", queue, "--hostname", hostname, "--without-gossip", "--without-mingle", "--loglevel=INFO",
    ]  # fmt: skip
    log_path = tmp_path_factory.mktemp("celery") / "worker.log"
    with log_path.open("w") as log:
        worker = subprocess.Popen(  # noqa: S603
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, text=True
        )
        try:
            deadline = time.monotonic() + 60
            while not celery_app.control.ping(destination=[hostname], timeout=1):
                if worker.poll() is not None or time.monotonic() > deadline:
                    worker.kill()
                    raise RuntimeError(f"The Celery worker did not start:\n{log_path.read_text()}")
            yield queue
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()


@pytest.fixture
def celery_worker(_celery_worker_process):
    """The real worker's queue. Only during a test that asks for it are tasks sent through Redis;
    every other test keeps running them in-process (a session-wide switch would silently send
    later tests' tasks to a queue nobody reads)."""
    previous_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield _celery_worker_process
    celery_app.conf.task_always_eager = previous_eager
