"""Real Celery workers for the tests: a subprocess on a queue of its own, against Redis.

Used by tests marked `worker`. A worker shares the test database only on PostgreSQL (SQLite's
test database is in memory); `database_url()` gives the worker the test database's URL.
"""

import os
import subprocess
import sys

import pytest
import redis
from celery import Celery
from django.db import connection

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def start_worker(queue: str, **env) -> subprocess.Popen:
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


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def client() -> Celery:
    return Celery(broker=REDIS_URL, backend=REDIS_URL)


def database_url() -> str:
    """The test database as a URL for a worker process (PostgreSQL only)."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
