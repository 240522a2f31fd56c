"""A real Celery worker against Redis runs tasks sent through the broker."""

import time
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client

from consultations.models import MinutesPdf
from outbox.models import OutboxItem
from tests import factories, workers


@pytest.fixture
def worker():
    """A worker on a queue of its own, so parallel runs on one Redis keep apart; yields (queue, start)."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    procs = []

    def start(**env):
        procs.append(workers.start_worker(queue, **env))
        return queue

    yield start
    for proc in procs:
        workers.stop(proc)


def _database_url() -> str:
    if connection.vendor != "postgresql":
        pytest.skip("the worker shares the test database only on PostgreSQL (SQLite's is in memory)")
    return workers.database_url()


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
    settings.REDIS_URL = workers.REDIS_URL
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": workers.REDIS_URL}
    }


@pytest.mark.worker
def test_a_real_worker_completes_a_task(worker):
    queue = worker()
    token = uuid.uuid4().hex
    result = workers.client().send_task("foundation.tasks.ping", args=[token], queue=queue)
    assert result.get(timeout=60) == f"pong:{token}"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_minutes_pdf_into_the_database(worker, tmp_path):
    queue = worker(DATABASE_URL=_database_url(), MEDIA_ROOT=str(settings.MEDIA_ROOT))
    meeting = factories.MeetingFactory(
        region=factories.region("KZ-71"), minutes="## Кездесудің барысы\n\nӘкімдікте жұртшылықпен кездесу өтті."
    )
    pdf = MinutesPdf.objects.create(meeting=meeting, meeting_version=meeting.version)

    workers.client().send_task(
        "consultations.tasks.meetings.generate_minutes_pdf", args=[pdf.pk, "kk"], queue=queue
    ).get(timeout=120)

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

    workers.client().send_task("outbox.tasks.sweep", queue=queue)  # what beat sends every minute

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
