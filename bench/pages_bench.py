"""Every page under load at 100,000 proposals, as a ratio of a bare Django "hello" view.

Needs PostgreSQL and wrk (Debian package `wrk`):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tour REDIS_URL=redis://127.0.0.1:6379/0 \
        python bench/pages_bench.py [--keep] [--reuse] [--port 8150] [--seconds 5]

On the server of DATABASE_URL it (re)creates its own database, BENCH_DATABASE_NAME (default
bench_pages; never the database DATABASE_URL names), migrates it, seeds the demo tour and adds
100,000 public proposals (BENCH_PROPOSALS), then serves the site with gunicorn -w 3 in
production settings (DEBUG=0, bench/web_settings.py, which adds the floor view) and runs
`wrk -t2 -c16` for a few seconds against each page and the floor. Uncached pages get a new
query string on every request (bench/vary.lua), so the page cache never answers them.
Prints one table: requests/s, the ratio to the floor (measured just before and after each page,
as the machine may be shared), the median of single requests one at a time, the web workers'
CPU time per request (steadier than rates when other work shares the machine; the database's
own CPU is not in it), and the queries the page makes. Drops the database at the end
unless --keep; --reuse keeps an existing database that is already filled (only migrates it).
"""

import argparse
import io
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.web_settings",
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "SITE_URL": "http://127.0.0.1",
}
os.environ.update(BENCH_ENV)
# The benchmark's own database on the server DATABASE_URL names, never the database itself:
# it is dropped and made again.
BENCH_DATABASE = os.environ.get("BENCH_DATABASE_NAME", "bench_pages")
if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    _url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    os.environ["DATABASE_URL"] = urllib.parse.urlunsplit(_url._replace(path=f"/{BENCH_DATABASE}"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

PROPOSALS = int(os.environ.get("BENCH_PROPOSALS", 100_000))
SINGLE_REQUESTS = 11
FLOOR_SECONDS = 2
SEARCH = "оңалту"


def admin_connection():
    import psycopg2

    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"] or 5432
    )
    conn.autocommit = True
    return conn


def database_exists(name) -> bool:
    with admin_connection() as conn, conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def recreate_database(name, *, create=True):
    conn = admin_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if create:
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def build(name):
    from django.core.management import call_command

    from bench.builders import fill_proposals
    from consultations.models import Meeting, Region, Tour

    started = time.perf_counter()
    recreate_database(name)
    call_command("migrate", verbosity=0)
    call_command("seed_demo", allow_without_debug=True, verbosity=0, stdout=io.StringIO())
    tour = Tour.objects.current()
    meetings = list(Meeting.objects.filter(tour=tour, status__in=["held", "minutes_published"]))
    seconds = fill_proposals(
        tour=tour,
        regions=list(Region.objects.all()),
        count=PROPOSALS,
        rng=random.Random(17),
        meetings=meetings,
        statuses=["received", "under_review", "accepted", "partly_accepted", "declined", "already_done"],
    )
    print(f"built: demo data + {PROPOSALS} proposals in {time.perf_counter() - started:.0f} s (fill {seconds:.0f} s)")


def staff_cookie() -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User

    user, _ = User.objects.get_or_create(username="bench-staff", defaults={"role": User.Role.STAFF})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def pages():
    """(label, path, as staff, vary the query string) for every page measured."""
    from django.db.models import Count

    from consultations.models import Meeting, Region
    from programs.models import Program
    from proposals.models import Proposal

    region = Region.objects.annotate(n=Count("proposals")).order_by("-n").first()
    meeting = (
        Meeting.objects.filter(status__in=["held", "minutes_published"])
        .annotate(n=Count("proposals"))
        .order_by("-n")
        .first()
    )
    proposal = Proposal.objects.filter(is_public=True, status="accepted").order_by("-pk").first()
    program = Program.objects.order_by("pk").first()
    q = urllib.parse.quote(SEARCH)
    return [
        ("home, cached", "/kk/", False, False),
        ("region page, cached", f"/kk/regions/{region.slug}/", False, False),
        ("home", "/kk/", False, True),
        ("regions", "/kk/regions/", False, True),
        ("region page", f"/kk/regions/{region.slug}/", False, True),
        ("meeting page", f"/kk/meetings/{meeting.pk}/", False, True),
        ("programs", "/kk/programs/", False, True),
        ("program page", f"/kk/programs/{program.slug}/", False, True),
        ("tracker, first page", "/kk/proposals/", False, True),
        ("tracker, page 2000", "/kk/proposals/?page=2000", False, True),
        ("tracker, region + status", f"/kk/proposals/?region={region.pk}&status=received", False, True),
        ("tracker, search", f"/kk/proposals/?q={q}", False, True),
        ("proposal page", f"/kk/proposals/{proposal.code}/", False, True),
        ("statistics", "/kk/proposals/statistics/", False, True),
        ("submit form", "/kk/proposals/submit/", False, True),
        ("staff triage", "/kk/proposals/staff/", True, True),
        ("staff triage, search", f"/kk/proposals/staff/?q={q}", True, True),
        ("staff dashboard", "/kk/staff/", True, True),
    ]


def query_counts(page_list) -> dict:
    """Queries each page makes (in this process, through the test client, page cache off)."""
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    anonymous, staff = Client(), Client()
    staff.force_login(User.objects.get(username="bench-staff"))
    counts = {}
    for label, path, as_staff, _vary in page_list:
        client = staff if as_staff else anonymous
        client.get(path)  # warm: first-request work is not the page's
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[label] = len(queries)
    return counts


class Server:
    def __init__(self, port):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        env = {**os.environ, **BENCH_ENV}
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-w",
                "3",
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "foundation.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/bench-hello/", timeout=10).read()
                return
            except OSError:  # refused, reset or timed out while the workers start
                time.sleep(0.5)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def cpu_seconds(self) -> float:
        """CPU time the workers have run so far (nanosecond schedstat, not 10 ms ticks)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return sum(int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) for pid in children) / 1e9

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def single_ms(server, path, cookie, vary) -> tuple[float, float]:
    """Median of one-at-a-time requests (each with a fresh query string when `vary`), and the
    workers' CPU milliseconds per request (which other load on the machine barely changes)."""
    base = server.base
    sep = "&" if "?" in path else "?"
    warm = urllib.request.Request(base + path + (f"{sep}warm={time.time_ns()}" if vary else ""))
    if cookie:
        warm.add_header("Cookie", cookie)
    urllib.request.urlopen(warm, timeout=30).read()  # what a first request does is not the page's
    drain(base)
    cpu = server.cpu_seconds()
    times = []
    for i in range(SINGLE_REQUESTS):
        url = base + path + (f"{sep}single={time.time_ns()}-{i}" if vary else "")
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            assert response.status == 200, (url, response.status)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), (server.cpu_seconds() - cpu) * 1000 / SINGLE_REQUESTS


def drain(base):
    """Wait until the workers have finished what the last wrk run left queued.

    wrk stops sending but gunicorn still answers the requests already accepted: a slow page
    leaves seconds of work behind, which would otherwise count against the next measurement.
    """
    deadline = time.time() + 30
    while time.time() < deadline:
        started = time.perf_counter()
        urllib.request.urlopen(base + "/bench-hello/", timeout=30).read()
        if time.perf_counter() - started < 0.02:
            return
        time.sleep(0.2)


def wrk(base, path, cookie, vary, seconds) -> float:
    drain(base)
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if vary:
        command += ["-s", str(ROOT / "bench" / "vary.lua")]
    command.append(base + path)
    if vary:
        command += ["--", str(time.time_ns())]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"  ! {path}: {errors.group(1)} non-2xx responses", file=sys.stderr)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="reuse the database if it exists (migrate only)")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per page")
    args = parser.parse_args()
    if not settings.IS_POSTGRES:
        print("skipped: set DATABASE_URL to a PostgreSQL server (the bench makes its own database there)")
        return 0
    if not shutil.which("wrk"):
        print("skipped: needs wrk (apt-get install wrk)")
        return 0
    name = settings.DATABASES["default"]["NAME"]
    assert name == BENCH_DATABASE, name
    if args.reuse and database_exists(name):
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(f"reusing database {name}")
    else:
        build(name)
    try:
        cookie = staff_cookie()
        page_list = pages()
        counts = query_counts(page_list)
        connection.close()
        server = Server(args.port)
        try:
            # The machine is shared: the floor drifts within a run. Measure it between pages
            # and take each page's ratio to the mean of the floors just before and after it.
            rows = []
            # Every worker loads the catalogues and compiles templates on its first requests:
            # let each do so before anything is measured.
            for path in ("/kk/", "/ru/", "/en/", "/kk/proposals/", "/kk/regions/"):
                wrk(server.base, path, "", True, 1)
            floors = [wrk(server.base, "/bench-hello/", "", False, FLOOR_SECONDS)]
            _latency, floor_cpu = single_ms(server, "/bench-hello/", "", True)
            for label, path, as_staff, vary in page_list:
                page_cookie = cookie if as_staff else ""
                latency, cpu = single_ms(server, path, page_cookie, vary)
                rate = wrk(server.base, path, page_cookie, vary, args.seconds)
                floors.append(wrk(server.base, "/bench-hello/", "", False, FLOOR_SECONDS))
                rows.append((label, rate, (floors[-2] + floors[-1]) / 2, latency, cpu))
        finally:
            server.stop()
        print(
            f"\nfloor (bare Django view) between pages: {min(floors):.0f} to {max(floors):.0f}, "
            f"median {statistics.median(floors):.0f} requests/s"
        )
        print(f"{PROPOSALS} proposals, gunicorn -w 3, wrk -t2 -c16 -d{args.seconds}s; uncached = new query string each")
        print(f"web worker CPU per request: floor {floor_cpu:.1f} ms (the database's CPU is not in it)")
        print("\n| page | requests/s | ratio to floor | single request ms | worker CPU ms | queries |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, rate, floor, latency, cpu in rows:
            print(f"| {label} | {rate:.0f} | {rate / floor:.3f} | {latency:.1f} | {cpu:.1f} | {counts[label]} |")
    finally:
        connection.close()
        if not args.keep:
            recreate_database(name, create=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
