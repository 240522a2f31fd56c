"""A real Celery worker against Redis runs tasks sent through the broker."""

import os
import subprocess
import sys
import uuid

import pytest
import redis
from celery import Celery
from django.conf import settings
from django.db import connection

from consultations.models import MinutesPdf
from tests import factories

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _start_worker(queue: str, **env) -> subprocess.Popen:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}; start it (see README)")
    full_env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "foundation.settings", **env}
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


@pytest.mark.worker
def test_a_real_worker_completes_a_task(worker):
    queue = worker()
    token = uuid.uuid4().hex
    result = _client().send_task("foundation.tasks.ping", args=[token], queue=queue)
    assert result.get(timeout=60) == f"pong:{token}"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_minutes_pdf_into_the_database(worker, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker shares the test database only on PostgreSQL (SQLite's is in memory)")
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    queue = worker(DATABASE_URL=database_url, MEDIA_ROOT=str(settings.MEDIA_ROOT))
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
