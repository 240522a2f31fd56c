"""A real Celery worker against Redis runs tasks sent through the broker."""

import uuid

import pytest
from django.conf import settings
from django.db import connection

from consultations.models import MinutesPdf
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


@pytest.mark.worker
def test_a_real_worker_completes_a_task(worker):
    queue = worker()
    token = uuid.uuid4().hex
    result = workers.client().send_task("foundation.tasks.ping", args=[token], queue=queue)
    assert result.get(timeout=60) == f"pong:{token}"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_minutes_pdf_into_the_database(worker, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker shares the test database only on PostgreSQL (SQLite's is in memory)")
    queue = worker(DATABASE_URL=workers.database_url(), MEDIA_ROOT=str(settings.MEDIA_ROOT))
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
