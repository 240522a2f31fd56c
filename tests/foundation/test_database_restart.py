"""PostgreSQL restarted under load: the site answers 503 while the database is away and recovers
by itself, with no restart of the web node and no failed request once the database is back.

Runs on a private PostgreSQL cluster made for the test (initdb into a temporary folder, its own
port), never the shared server; with a real gunicorn node using production settings
(DEBUG=0, CONN_MAX_AGE=60, CONN_HEALTH_CHECKS on).
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from tests.s3 import free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(command: list, **kwargs) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:  # initdb refuses root
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120, **kwargs)


class PrivateCluster:
    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/tour"

    def pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        _as_postgres([PG_BIN / "pg_ctl", "-D", self.data, "-l", self.folder / "server.log", "-o", options, *args])

    def create(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, user="postgres")
        _as_postgres([PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        self.pg_ctl("start", "-w")
        _as_postgres([PG_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "tour"])


@pytest.fixture
def private_cluster():
    if connection.vendor != "postgresql":
        pytest.skip("runs once, in the PostgreSQL run of the suite")
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"no PostgreSQL server binaries in {PG_BIN}")
    # Not under pytest's temporary folder: the server runs as postgres and must reach its own.
    folder = Path(tempfile.mkdtemp(prefix="private-pg-"))
    folder.chmod(0o755)
    cluster = PrivateCluster(folder)
    cluster.create()
    yield cluster
    with contextlib.suppress(subprocess.CalledProcessError):
        cluster.pg_ctl("stop", "-m", "immediate", "-w")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def web_node(private_cluster, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "REDIS_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.node_settings",
        "DEBUG": "0",
        "SECRET_KEY": "restart-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": private_cluster.url,
        "CONN_MAX_AGE": "60",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], env=env, check=True, timeout=300, cwd=settings.BASE_DIR
    )
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115
    node = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "--config", "deploy/gunicorn.conf.py", "foundation.wsgi"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"{base}/healthz", timeout=2)
            break
        except requests.RequestException:
            time.sleep(0.2)
    yield node, base, tmp_path / "gunicorn.log"
    node.terminate()
    node.wait(timeout=30)
    log.close()


class Load:
    """Threads fetching database-backed URLs in turn until stopped; each outcome with its start time."""

    def __init__(self, urls: list[str], threads: int = 4):
        self.urls, self.stop_flag, self.outcomes = urls, threading.Event(), []
        self.threads = [threading.Thread(target=self._run) for _ in range(threads)]

    def _run(self):
        session = requests.Session()
        turn = 0
        while not self.stop_flag.is_set():
            started, url = time.monotonic(), self.urls[turn % len(self.urls)]
            turn += 1
            try:
                status = session.get(url, timeout=30, headers={"X-Forwarded-Proto": "https"}).status_code
            except requests.RequestException as exc:
                status = exc.__class__.__name__
            self.outcomes.append((started, time.monotonic(), status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_flag.set()
        for thread in self.threads:
            thread.join()

    def statuses(self, since: float = 0.0, until: float = float("inf")) -> list:
        """Outcomes of the requests that started at `since` or later and finished before `until`."""
        return [status for started, finished, status in self.outcomes if since <= started and finished < until]

    def overlapping(self, start: float, end: float) -> list:
        """Outcomes of the requests that were in flight at some moment between start and end."""
        return [status for started, finished, status in self.outcomes if started < end and finished >= start]


@pytest.mark.fault
def test_the_site_recovers_from_a_database_restart_without_its_own(private_cluster, web_node):
    node, base, log = web_node
    page = [f"{base}/kk/regions/", f"{base}/sitemap-regions.xml", f"{base}/healthz"]

    with Load(page) as under_load:
        time.sleep(2)
        down = time.monotonic()
        private_cluster.pg_ctl("restart", "-m", "fast", "-w")
        up = time.monotonic()
        time.sleep(3)
    assert set(under_load.statuses(until=down)) == {200}
    # While it was away the site said so (503), never crashed or hung; once back, all is well.
    assert set(under_load.overlapping(down, up)) <= {200, 503}, log.read_text()[-6000:]
    assert set(under_load.statuses(since=up + 0.5)) == {200}

    # A restart while the node is idle: its workers hold persistent connections to the old
    # server. The health check replaces them, so not even the first request after fails.
    private_cluster.pg_ctl("restart", "-m", "fast", "-w")
    with Load(page) as after_idle:
        time.sleep(2)
    assert len(after_idle.outcomes) > 10
    assert set(after_idle.statuses()) == {200}

    assert node.poll() is None  # the same gunicorn master all along
    assert len(under_load.statuses()) > 20
