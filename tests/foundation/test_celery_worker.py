"""A real Celery worker against Redis runs a task sent through the broker."""

import os
import subprocess
import sys
import uuid

import pytest
import redis
from celery import Celery

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def worker():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}; start it (see README)")
    queue = f"test-{uuid.uuid4().hex[:8]}"  # parallel runs on one Redis keep apart
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "foundation.settings"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "foundation",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.mark.worker
def test_a_real_worker_completes_a_task(worker):
    client = Celery(broker=REDIS_URL, backend=REDIS_URL)
    token = uuid.uuid4().hex
    result = client.send_task("foundation.tasks.ping", args=[token], queue=worker)
    assert result.get(timeout=60) == f"pong:{token}"
