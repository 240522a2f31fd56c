"""The read API under load at 100,000 proposals, as a ratio of a bare Django view (the floor).

Needs PostgreSQL (and Redis for the cache, as in production):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/6 \
        python bench/api_bench.py [--seconds 4] [--port 8160]

Creates its own database (bench_i15 on the server of DATABASE_URL), migrates it, adds 100,000
public proposals (BENCH_PROPOSALS), serves the site with gunicorn -w 3 in production settings
and drives it with wrk -t2 -c16 (Debian package `wrk`; a Python client when it is missing).
The floor is measured before and after each case (the machine may be shared). Drops the
database at the end.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "bench_i15"
PROPOSALS = int(os.environ.get("BENCH_PROPOSALS", 100_000))
WORDS = str.split(
    "инклюзивті мектеп оңалту орталығы перинаталдық жабдық аутизм балалар спорт клубы экзоскелет протез "
    "грант университет школа центр реабилитация оборудование дети стадион библиотека ауыл жол"
)


def on_postgres() -> bool:
    return urllib.parse.urlsplit(os.environ.get("DATABASE_URL", "")).scheme in ("postgres", "postgresql")


def database_url(name: str) -> str:
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def admin(sql: str) -> None:
    import psycopg2

    parts = urllib.parse.urlsplit(database_url("postgres"))
    conn = psycopg2.connect(
        dbname="postgres", user=parts.username, password=parts.password, host=parts.hostname, port=parts.port or 5432
    )
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


def environment(port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.api_web_settings",
        "DATABASE_URL": database_url(DB_NAME),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "API_THROTTLE_RATE": "100000000/minute",  # the bench measures the API, not its limit
    }


def fill(env: dict) -> None:
    """Migrate and add PROPOSALS public proposals (a tenth answered, half with a published name)."""
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from consultations.models import Region, Tour
    from programs.models import Direction
    from proposals.models import Proposal, search_text_for

    rng = random.Random(15)
    tour = Tour.objects.create(
        slug="bench", name="Bench", starts_on="2026-01-01", ends_on="2026-12-31", is_current=True
    )
    regions = list(Region.objects.all())
    statuses = [s for s in Proposal.Status.values if s != Proposal.Status.DUPLICATE]
    batch = []
    for i in range(PROPOSALS):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize()
        status = rng.choice(statuses)
        answered = status in Proposal.ANSWERED
        batch.append(
            Proposal(
                code=f"B{i:07d}",
                tour=tour,
                region=rng.choice(regions),
                direction=rng.choice(Direction.values),
                channel=Proposal.Channel.PUBLIC_FORM,
                text=text,
                author_name="Әлия Сәрсенова",
                publish_name=i % 2 == 0,
                contact_email="bench@example.kz",
                status=status,
                answer_kk="Ұсыныс қаралды" if answered else "",
                answer_ru="Предложение рассмотрено" if answered else "",
                is_public=i % 20 != 0,
                search_text=search_text_for(text),
            )
        )
        if len(batch) == 5000:
            Proposal.objects.bulk_create(batch)
            batch = []
    Proposal.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url}")


# Adds a new `v=` to every request, so no two requests share a URL and no cache can answer.
VARY_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "v=" .. counter)
end
"""


def load_wrk(url: str, seconds: int, headers: dict, vary: bool = False) -> float:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if vary:
        script = Path(tempfile.gettempdir()) / "api_bench_vary.lua"
        script.write_text(VARY_LUA)
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def load_python(url: str, seconds: int, headers: dict, vary: bool = False) -> float:
    """A plain keep-alive client in 8 threads, for machines without wrk."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    counts = []
    stop = time.monotonic() + seconds

    def worker():
        conn = HTTPConnection(parts.hostname, parts.port, timeout=10)
        done = 0
        while time.monotonic() < stop:
            sep = "&" if "?" in path else "?"
            conn.request("GET", f"{path}{sep}v={threading.get_ident()}-{done}" if vary else path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status >= 400:
                raise SystemExit(f"{url}: {response.status}")
            done += 1
        counts.append(done)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument("--port", type=int, default=8160, help="8160-8169")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use the database a --keep run left")
    args = parser.parse_args()
    if not on_postgres():
        print("skipped: set DATABASE_URL to a PostgreSQL server (the figures are for PostgreSQL)")
        return 0
    if not 8160 <= args.port <= 8169:
        raise SystemExit("use a port from 8160 to 8169")
    env = environment(args.port)
    if not args.reuse:
        admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        admin(f'CREATE DATABASE "{DB_NAME}"')
    server = None
    try:
        started = time.perf_counter()
        if not args.reuse:
            fill(env)
        print(f"database {DB_NAME}: {PROPOSALS:,} proposals in {time.perf_counter() - started:.0f} s", flush=True)
        base = f"http://127.0.0.1:{args.port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "3", "-b", f"127.0.0.1:{args.port}", "foundation.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_until_up(f"{base}/floor")
        load = load_wrk if shutil.which("wrk") else load_python
        first = urllib.request.urlopen(f"{base}/api/v1/proposals/")  # noqa: S310 (loopback only)
        etag = first.headers["ETag"]
        cursor = urllib.parse.parse_qs(urllib.parse.urlsplit(json.load(first)["next"]).query)["cursor"][0]
        # Uncached cases add a new ?v= to each request (the response cache keyed by URL cannot
        # answer); the last two show what a repeated request costs.
        cases = [
            ("proposals, first page", "/api/v1/proposals/", {}, True),
            ("proposals, next page (cursor)", f"/api/v1/proposals/?cursor={urllib.parse.quote(cursor)}", {}, True),
            ("proposals, region + status", "/api/v1/proposals/?region=astana&status=accepted", {}, True),
            ("proposals, search", "/api/v1/proposals/?q=%D0%BE%D2%A3%D0%B0%D0%BB%D1%82%D1%83", {}, True),
            ("proposals, 100 per page, ru", "/api/v1/proposals/?page_size=100&lang=ru", {}, True),
            ("meetings", "/api/v1/meetings/", {}, True),
            ("proposals, same URL again (cached)", "/api/v1/proposals/", {}, False),
            ("proposals, repeat with ETag (304)", "/api/v1/proposals/", {"If-None-Match": etag}, False),
        ]
        print(
            f"load: {'wrk -t2 -c16' if load is load_wrk else 'python, 8 threads'}, {args.seconds} s each; gunicorn -w 3"
        )
        print(f"{'case':<38} {'req/s':>9} {'floor':>9} {'ratio':>7}")
        floor_before = load(f"{base}/floor", args.seconds, {})
        for label, path, headers, vary in cases:
            rate = load(base + path, args.seconds, headers, vary)
            floor_after = load(f"{base}/floor", args.seconds, {})
            floor = (floor_before + floor_after) / 2
            print(f"{label:<38} {rate:9.0f} {floor:9.0f} {rate / floor:7.3f}", flush=True)
            floor_before = floor_after
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if not args.keep:
            admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
