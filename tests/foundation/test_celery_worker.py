"""A real Celery worker against Redis runs tasks sent through the broker."""

import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
from celery import Celery
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client

from consultations.models import MinutesPdf
from outbox.models import OutboxItem
from tests import factories

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _start_worker(queue: str, **env) -> subprocess.Popen:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}; start it (see README)")
    full_env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "CELERY_QUEUE": queue,  # what the worker queues itself (the outbox's deliveries) stays on its queue
        "DJANGO_SETTINGS_MODULE": "foundation.settings",
        **env,
    }
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "foundation",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def worker():
    """A worker on a queue of its own, so parallel runs on one Redis keep apart; yields (queue, start)."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    procs = []

    def start(**env):
        procs.append(_start_worker(queue, **env))
        return queue

    yield start
    for proc in procs:
        _stop(proc)


def _client() -> Celery:
    return Celery(broker=REDIS_URL, backend=REDIS_URL)


def _database_url() -> str:
    if connection.vendor != "postgresql":
        pytest.skip("the worker shares the test database only on PostgreSQL (SQLite's is in memory)")
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def redis_cache(settings):
    """This process reads the cache the worker writes (Redis), as the web process does in production."""
    settings.REDIS_URL = REDIS_URL
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}


@pytest.mark.worker
def test_a_real_worker_completes_a_task(worker):
    queue = worker()
    token = uuid.uuid4().hex
    result = _client().send_task("foundation.tasks.ping", args=[token], queue=queue)
    assert result.get(timeout=60) == f"pong:{token}"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_minutes_pdf_into_the_database(worker, tmp_path):
    queue = worker(DATABASE_URL=_database_url(), MEDIA_ROOT=str(settings.MEDIA_ROOT))
    meeting = factories.MeetingFactory(
        region=factories.region("KZ-71"), minutes="## Кездесудің барысы\n\nӘкімдікте жұртшылықпен кездесу өтті."
    )
    pdf = MinutesPdf.objects.create(meeting=meeting, meeting_version=meeting.version)

    _client().send_task("consultations.tasks.meetings.generate_minutes_pdf", args=[pdf.pk, "kk"], queue=queue).get(
        timeout=120
    )

    pdf.refresh_from_db()
    assert pdf.status == MinutesPdf.Status.DONE
    assert pdf.progress == 100
    assert pdf.file.open("rb").read(5) == b"%PDF-"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_outbox_its_sweep_hands_out(worker, tmp_path, redis_cache):
    mail_dir = tmp_path / "mail"
    queue = worker(
        DATABASE_URL=_database_url(),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    token = uuid.uuid4().hex
    # Written while the broker was down: nothing handed them out yet.
    email = OutboxItem.objects.create(
        kind="email", subject="Ұсынысыңызға жауап", body="Қабылданды", recipients=["author@example.kz"], description="x"
    )
    job = OutboxItem.objects.create(kind="job", task="foundation.tasks.ping", args=[token], description="ping")

    _client().send_task("outbox.tasks.sweep", queue=queue)  # what beat sends every minute

    assert _wait_for(lambda: OutboxItem.objects.filter(status="sent").count() == 2), list(
        OutboxItem.objects.values_list("status", "last_error")
    )
    email.refresh_from_db()
    assert email.attempts == 1
    sent = b"".join(path.read_bytes() for path in mail_dir.iterdir())
    assert b"To: author@example.kz" in sent
    assert cache.get(f"ping:{token}") == "pong"  # the job ran in the worker
    job.refresh_from_db()
    assert job.attempts == 1


@pytest.mark.worker
@pytest.mark.django_db
def test_healthz_sees_a_live_worker_by_its_heartbeat(worker, redis_cache):
    cache.delete("celery:worker-heartbeat")
    worker()

    def worker_state():
        return Client().get("/healthz").json()["worker"]

    assert _wait_for(lambda: isinstance(worker_state(), dict) and worker_state()["state"] == "ok", timeout=30)
    assert worker_state()["last_heartbeat_seconds"] < 30
