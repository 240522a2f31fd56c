"""Locks that live as long as the database session holding them.

A PostgreSQL advisory lock is released when its session ends, so it dies with the process that
took it: a worker killed mid-job leaves no lock behind. Holding one for the whole of a job lets
anyone tell a job that is still running from one whose worker is gone, without clocks or
heartbeats.
"""

import contextlib
from collections.abc import Iterator

from django.db import DatabaseError, connection


@contextlib.contextmanager
def session_lock(namespace: int, key: int) -> Iterator[bool]:
    """Try to hold the advisory lock (namespace, key) for the block; yields whether it was got.

    Outside PostgreSQL (SQLite in development, where tasks run in the web process) there is
    nothing to lock against and it yields True.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [namespace, key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            # A broken connection has released the lock already.
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [namespace, key])
