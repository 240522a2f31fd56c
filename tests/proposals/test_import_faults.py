"""Faults during an import: a worker killed mid-run leaves nothing behind, and the job ends
failed (never "importing" for ever); a live import is never taken for a dead one."""

import os
import signal
import time
import uuid

import psycopg2
import pytest
import redis
from django.db import connection
from django.utils import translation

from proposals import imports
from proposals.models import ImportJob, Proposal, ProposalStatusChange
from tests import factories, workers

ROWS = 10_000
HEADER = "text,region,direction,author_name,author_organisation,contact_email,publish_name\n"


def big_csv() -> bytes:
    lines = [f"Ұсыныс №{n}: инклюзивті мектеп ашу,KZ-71,education,Автор {n},,,no" for n in range(ROWS)]
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


def checked_job(tour, staff_user, data: bytes) -> ImportJob:
    job = ImportJob(tour=tour, channel="online_conference", original_name="conference.csv", created_by=staff_user)
    imports.import_job_check(job=job, data=data)
    assert (job.status, job.total) == (ImportJob.Status.PREVIEW, ROWS)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)
    return job


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("workers share the test database, and locks exist, only on PostgreSQL")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_import_leaves_nothing_and_the_job_ends_failed(postgresql_only):
    tour = factories.TourFactory(is_current=True)
    factories.region("KZ-71")
    staff_user = factories.StaffFactory(username="staff")
    data = big_csv()
    job = checked_job(tour, staff_user, data)
    queue, prefix = f"test-{uuid.uuid4().hex[:8]}", f"faults-{uuid.uuid4().hex[:8]}"
    env = {"DATABASE_URL": workers.database_url(), "CACHE_KEY_PREFIX": prefix}
    progress_key = f"{prefix}:1:{imports.PROGRESS_KEY.format(job.pk)}"
    store = redis.Redis.from_url(workers.REDIS_URL)

    worker = workers.start_worker(queue, **env)
    try:
        workers.client().send_task("proposals.tasks.run_import", args=[job.pk], queue=queue)
        deadline = time.monotonic() + 120
        while int(store.get(progress_key) or 0) < 2 * imports.BATCH and time.monotonic() < deadline:
            time.sleep(0.02)
        processed = int(store.get(progress_key) or 0)
        os.kill(worker.pid, signal.SIGKILL)  # mid-import: the OOM killer, a lost machine
        worker.wait(timeout=20)
    finally:
        workers.stop(worker)
    assert 2 * imports.BATCH <= processed < ROWS

    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING  # what the dead worker left
    assert Proposal.objects.count() == 0  # its transaction died with it
    assert ProposalStatusChange.objects.count() == 0

    with translation.override("en"):
        assert imports.import_jobs_recover() == [job.pk]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error_message.startswith("The import was interrupted")
    assert job.finished_at is not None
    assert imports.import_jobs_recover() == []

    # The same file, imported again, arrives whole and once.
    again = checked_job(tour, staff_user, data)
    worker = workers.start_worker(queue, **env)
    try:
        result = workers.client().send_task("proposals.tasks.run_import", args=[again.pk], queue=queue)
        assert result.get(timeout=180) == ROWS
    finally:
        workers.stop(worker)
    again.refresh_from_db()
    assert (again.status, again.created_count) == (ImportJob.Status.DONE, ROWS)
    assert Proposal.objects.count() == ROWS
    assert ProposalStatusChange.objects.count() == ROWS


@pytest.mark.django_db(transaction=True)
def test_a_running_import_whose_worker_holds_its_lock_is_left_alone(postgresql_only, tour, staff_user):
    factories.region("KZ-71")
    job = ImportJob.objects.create(
        tour=tour, channel="online_conference", status=ImportJob.Status.RUNNING, total=3, created_by=staff_user
    )
    queued = ImportJob.objects.create(
        tour=tour, channel="online_conference", status=ImportJob.Status.QUEUED, total=0, created_by=staff_user
    )
    db = connection.settings_dict
    other = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None, host=db["HOST"], port=db["PORT"] or None
    )
    try:
        with other.cursor() as cursor:  # a live worker's session: it holds both jobs' locks
            for pk in (job.pk, queued.pk):
                cursor.execute("SELECT pg_advisory_lock(%s, %s)", [imports.IMPORT_LOCK, pk])
        assert imports.import_jobs_recover() == []
        assert imports.import_job_run(job_id=queued.pk) == 0  # a second delivery does not run it twice
        job.refresh_from_db()
        queued.refresh_from_db()
        assert (job.status, queued.status) == (ImportJob.Status.RUNNING, ImportJob.Status.QUEUED)
    finally:
        other.close()  # the worker dies: its locks go with its session (when the server notices)
    deadline = time.monotonic() + 10
    while not (recovered := imports.import_jobs_recover()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert recovered == [job.pk]


def test_the_recovery_runs_every_minute(settings):
    assert settings.CELERY_BEAT_SCHEDULE["imports-recover"] == {
        "task": "proposals.tasks.recover_imports",
        "schedule": 60.0,
    }
