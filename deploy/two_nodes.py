#!/usr/bin/env python3
"""Two web nodes, one site: start the production set-up on loopback and check it works as one.

Starts, on 127.0.0.1 only:
  - an S3-compatible server (moto) holding the media bucket,
  - two gunicorn web nodes (A, B) with production settings (DEBUG=0), sharing one PostgreSQL
    database (created for the run, dropped after), Redis (cache, broker) and the bucket,
  - nginx in front of both (round robin), as in deploy/nginx/tour.conf,
  - two Celery workers and one beat.
Set-up goes through deploy/deploy.sh (migrate, collectstatic, check --deploy), then seed_demo.

Checks: the balancer reaches both nodes; a session made on A works on B; a photo uploaded
through A is served by B (staff and public views); that upload invalidates B's cached public
page; the daily beat job runs once; every task runs once with two workers; a graceful reload of
a node under load drops no request.

Run from the repository:  .venv/bin/python deploy/two_nodes.py   (about a minute)
Needs PostgreSQL, Redis and nginx (Debian package). Environment (defaults in brackets):
  TWO_NODES_PG     admin URL of the PostgreSQL server [postgres://postgres@127.0.0.1:5432/postgres]
  TWO_NODES_REDIS  Redis database to use [redis://127.0.0.1:6379/7]
  TWO_NODES_PORT   first of four free ports [18100]
Prints each check and ends with "two nodes: N passed, M failed"; exit status 1 on any failure.
"""

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PG_ADMIN = os.environ.get("TWO_NODES_PG", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TWO_NODES_REDIS", "redis://127.0.0.1:6379/7")
PORT = int(os.environ.get("TWO_NODES_PORT", "18100"))
STAFF = ("staff", "demo-password")  # seed_demo's staff account
ANSWER_EMAILS = 10
PING_TASKS = 20
TASK_LINE = re.compile(r"Task (?P<name>[\w.]+)\[(?P<id>[0-9a-f-]+)\] succeeded in [\d.e-]+s: (?P<result>'?[\w:.-]+'?)")

import requests  # noqa: E402  (after the docstring's promise: a dev dependency, installed with moto)


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Checks:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        if ok:
            self.passed += 1
            say(f"PASS {what}")
        else:
            self.failed += 1
            say(f"FAIL {what}{': ' + detail if detail else ''}")
        return ok


class Browser:
    """A tiny HTTP client that keeps cookies itself (the site's cookies are Secure, the loopback
    is plain HTTP) and talks to one node or the balancer as if through the TLS proxy."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        host = urllib.parse.urlsplit(self.base).netloc
        headers = {"X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
        if method == "POST":
            headers["Referer"] = f"https://{host}{path}"
            kwargs.setdefault("data", {})["csrfmiddlewaretoken"] = self.cookies.get("csrftoken", "")
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        for raw in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(raw).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)


class Stack:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.procs: list[tuple[str, subprocess.Popen]] = []
        self.run_id = uuid.uuid4().hex[:8]
        self.database = f"ops_two_nodes_{self.run_id}"
        self.queue = f"two-nodes-{self.run_id}"
        self.bucket = f"tour-media-{self.run_id}"
        self.ports = {"lb": PORT, "a": PORT + 1, "b": PORT + 2, "s3": PORT + 3}
        admin = urllib.parse.urlsplit(PG_ADMIN)
        self.database_url = urllib.parse.urlunsplit(admin._replace(path=f"/{self.database}"))
        self.mail_dir = tmp / "mail"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": "foundation.settings",
            "DEBUG": "0",
            "SECRET_KEY": f"two-nodes-{uuid.uuid4().hex}{uuid.uuid4().hex}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"https://127.0.0.1:{PORT}",
            "TRUSTED_PROXY_COUNT": "1",
            "DATABASE_URL": self.database_url,
            "CONN_MAX_AGE": "60",
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": f"two-nodes-{self.run_id}",
            "CELERY_QUEUE": self.queue,
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{self.ports['s3']}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "two-nodes",
            "AWS_SECRET_ACCESS_KEY": "two-nodes-secret",
            "STATIC_ROOT": str(tmp / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "LOG_FORMAT": "json",
            "LOG_REQUEST_ID": "1",
            "AXES_ENABLED": "1",
        }

    # processes -----------------------------------------------------------------------------

    def start(self, name: str, command: list[str], **env) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env={**self.env, **env}, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.procs.append((name, proc))
        return proc

    def run(self, command: list[str], **env) -> str:
        result = subprocess.run(  # noqa: S603
            command, cwd=ROOT, env={**self.env, **env}, capture_output=True, text=True, timeout=300
        )
        if result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return result.stdout

    def manage(self, *args: str) -> str:
        return self.run([sys.executable, "manage.py", *args])

    def log(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _name, proc in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    # shared services -----------------------------------------------------------------------

    def create_database(self) -> None:
        self.psql(f'CREATE DATABASE "{self.database}"')

    def drop_database(self) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def psql(self, sql: str) -> None:
        import psycopg2

        db = urllib.parse.urlsplit(PG_ADMIN)
        conn = psycopg2.connect(
            dbname=db.path.lstrip("/") or "postgres",
            user=db.username,
            password=db.password,
            host=db.hostname,
            port=db.port or 5432,
        )
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql)
        conn.close()

    def query(self, sql: str):
        import psycopg2

        conn = psycopg2.connect(self.database_url)
        with conn.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
        conn.close()
        return rows

    def forget_redis_keys(self) -> None:
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for pattern in (f"*two-nodes-{self.run_id}*", f"{self.queue}*", f"_kombu.binding.{self.queue}*"):
            for key in client.scan_iter(pattern):
                client.delete(key)

    def prepare(self) -> None:
        """The shared services and the site's data: database, bucket, deploy.sh, the demo tour."""
        self.create_database()
        self.start_s3()
        self.run(
            ["bash", "deploy/deploy.sh"],
            TOUR_INSTALL="0",
            TOUR_ENV_FILE="/nonexistent",
            TOUR_VENV=str(VENV_BIN.parent),
            TOUR_RELOAD="true",
            TOUR_RESTART_WORKERS="true",
        )
        say("deploy.sh: migrated, static collected, check --deploy clean")
        self.manage("seed_demo", "--allow-without-debug")

    def start_s3(self) -> None:
        self.start("s3", [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.ports["s3"])])
        wait_for(f"http://127.0.0.1:{self.ports['s3']}/moto-api/", "the S3 server")
        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.env["AWS_S3_ENDPOINT_URL"],
            aws_access_key_id="two-nodes",
            aws_secret_access_key="two-nodes-secret",
            region_name="us-east-1",
        ).create_bucket(Bucket=self.bucket)

    def start_node(self, name: str) -> subprocess.Popen:
        port = self.ports[name]
        return self.start(
            f"node-{name}",
            [str(VENV_BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "foundation.wsgi"],
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS="2",
        )

    def start_balancer(self) -> None:
        conf_dir = self.tmp / "nginx"
        conf_dir.mkdir()
        conf = conf_dir / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                dir=conf_dir, port=self.ports["lb"], a=self.ports["a"], b=self.ports["b"], user=nginx_user()
            )
        )
        self.start("nginx", ["nginx", "-p", str(conf_dir), "-c", str(conf), "-e", str(conf_dir / "error.log")])

    def seed_beat_schedule(self) -> Path:
        """A beat schedule whose daily job last ran a day ago: the one beat sends it once at start."""
        path = self.tmp / "beat-schedule"
        self.run([sys.executable, "-c", SEED_BEAT.format(path=str(path))])
        return path

    def start_workers_and_beat(self) -> None:
        celery = str(VENV_BIN / "celery")
        for n in (1, 2):
            self.start(
                f"worker-{n}",
                [celery, "-A", "foundation", "worker", "-Q", self.queue, "-n", f"w{n}-{self.run_id}@%h",
                 "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle"],
            )  # fmt: skip
        schedule = self.seed_beat_schedule()
        self.start("beat", [celery, "-A", "foundation", "beat", "--loglevel=INFO", f"--schedule={schedule}"])

    def tasks_done(self) -> dict[str, list[tuple[str, str, str]]]:
        """Per worker: (task name, task id, result) of every task it finished."""
        return {
            name: [(m["name"], m["id"], m["result"]) for m in TASK_LINE.finditer(self.log(name))]
            for name in ("worker-1", "worker-2")
        }


NGINX_CONF = """
worker_processes 1;
{user}
pid {dir}/nginx.pid;
daemon off;
error_log {dir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream tour_web {{
        server 127.0.0.1:{a} max_fails=3 fail_timeout=10s;
        server 127.0.0.1:{b} max_fails=3 fail_timeout=10s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 20m;
        location /media/ {{ return 404; }}
        location = /metrics {{ return 404; }}
        location / {{
            proxy_pass http://tour_web;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Request-ID $request_id;
            proxy_next_upstream error timeout;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""

SEED_BEAT = """
import datetime, django
django.setup()
from celery.beat import PersistentScheduler
from foundation.celery import app
scheduler = PersistentScheduler(app=app, schedule_filename={path!r})
entry = scheduler.schedule["commitments-daily"]
entry.last_run_at = app.now() - datetime.timedelta(days=1)
scheduler.sync()
scheduler.close()
"""

SEED_MEETING = """
import django
django.setup()
from consultations.models import Meeting
print(Meeting.objects.filter(status=Meeting.Status.MINUTES_PUBLISHED).order_by("pk").first().pk)
"""

# What a request does when it answers proposals: e-mails written to the outbox in its
# transaction, handed to the broker on commit; the workers deliver them.
ENQUEUE_EMAILS = """
import django
django.setup()
from django.db import transaction
from outbox import services
with transaction.atomic():
    for n in range({count}):
        services.enqueue_email(
            subject=f"Ұсынысыңызға жауап {{n}}", body="Ұсыныс қабылданды.", recipients=[f"author{{n}}@example.kz"]
        )
"""


def nginx_user() -> str:
    # As root nginx's workers would run as "nobody" and could not use the run's folder.
    return "user root;" if os.geteuid() == 0 else ""


def wait_for(url: str, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2, headers={"X-Forwarded-Proto": "https"}).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not come up at {url}")


def wait_until(predicate, timeout: float, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def png(colour=(11, 83, 148)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 200), colour).save(out, format="PNG")
    return out.getvalue()


def healthz(stack: Stack) -> dict:
    return requests.get(f"http://127.0.0.1:{stack.ports['lb']}/healthz", timeout=10).json()


def login(browser: Browser) -> bool:
    browser.get("/en/accounts/login/")
    response = browser.post("/en/accounts/login/", data={"username": STAFF[0], "password": STAFF[1]})
    return response.status_code == 302 and "sessionid" in browser.cookies


# The checks ------------------------------------------------------------------------------------


def check_balancer(stack: Stack, checks: Checks) -> None:
    lb = f"http://127.0.0.1:{stack.ports['lb']}"
    upstreams, statuses, unhealthy = set(), set(), []
    for _ in range(8):
        response = requests.get(f"{lb}/healthz", timeout=10)
        upstreams.add(response.headers.get("X-Upstream"))
        statuses.add((response.status_code, response.json()["status"]))
        if response.json()["status"] != "ok":
            unhealthy.append(response.json())
    expected = {f"127.0.0.1:{stack.ports['a']}", f"127.0.0.1:{stack.ports['b']}"}
    checks.check(
        upstreams == expected and statuses == {(200, "ok")},
        "the balancer reaches both nodes, each healthy",
        f"{upstreams} {statuses} {unhealthy[:2]}",
    )
    request_id = requests.get(f"{lb}/healthz", timeout=10).headers.get("X-Request-ID", "")
    checks.check(len(request_id) == 32, "each request gets nginx's request id back", request_id)


def check_session_upload_and_cache(stack: Stack, checks: Checks, meeting_id: int) -> None:
    node_a = Browser(f"http://127.0.0.1:{stack.ports['a']}")
    checks.check(login(node_a), "staff sign in on node A")
    node_b = Browser(f"http://127.0.0.1:{stack.ports['b']}")
    node_b.cookies = dict(node_a.cookies)
    staff_page = node_b.get("/en/staff/")
    checks.check(staff_page.status_code == 200, "the session made on A works on B", f"status {staff_page.status_code}")

    public_b = Browser(node_b.base)
    page = f"/kk/meetings/{meeting_id}/"
    first, second = public_b.get(page), public_b.get(page)
    checks.check(
        (first.headers.get("X-Public-Cache"), second.headers.get("X-Public-Cache")) == ("miss", "hit"),
        "B caches the public meeting page",
        f"{first.headers.get('X-Public-Cache')}, {second.headers.get('X-Public-Cache')}",
    )

    photo = png()
    upload = node_a.post(
        f"/en/staff/meetings/{meeting_id}/attachments/",
        data={"caption": "Әкімдік залы", "is_public": "on"},
        files={"file": ("кездесу.png", photo, "image/png")},
    )
    checks.check(upload.status_code == 302, "a photo is uploaded through A", f"status {upload.status_code}")
    after = public_b.get(page)
    ids = re.findall(rf"/meetings/{meeting_id}/photos/(\d+)/", after.text)
    checks.check(
        after.headers.get("X-Public-Cache") == "miss" and bool(ids),
        "the upload on A invalidates B's cached page, which now shows the photo",
        f"cache {after.headers.get('X-Public-Cache')}, photo links {ids}",
    )
    if not ids:
        return
    attachment = max(int(i) for i in ids)
    staff_file = node_b.get(f"/en/staff/meetings/{meeting_id}/attachments/{attachment}/")
    public_file = public_b.get(f"/kk/meetings/{meeting_id}/photos/{attachment}/")
    checks.check(
        staff_file.content == photo and public_file.content == photo,
        "B serves the file uploaded through A (staff and public views, from the bucket)",
        f"staff {staff_file.status_code}, public {public_file.status_code}",
    )
    checks.check(
        public_file.headers.get("X-Content-Type-Options") == "nosniff"
        and public_file.headers.get("Content-Type") == "image/png",
        "the file goes out with its sniffed type and nosniff",
        f"{public_file.headers.get('Content-Type')}",
    )
    key = f"meetings/{meeting_id}/кездесу.png"
    anonymous = requests.get(f"{stack.env['AWS_S3_ENDPOINT_URL']}/{stack.bucket}/{urllib.parse.quote(key)}", timeout=10)
    checks.check(
        anonymous.status_code == 403, "the object itself is private in the bucket", f"status {anonymous.status_code}"
    )


def outbox_statuses(stack: Stack) -> dict[str, int]:
    return dict(stack.query("SELECT status, count(*) FROM outbox_outboxitem GROUP BY status"))


def check_beat_runs_the_daily_job_once(stack: Stack, checks: Checks) -> None:
    def daily_runs():
        return [t for runs in stack.tasks_done().values() for t in runs if t[0].endswith(".commitments_daily")]

    runs = wait_until(daily_runs, timeout=60)
    time.sleep(3)  # a second run, if any, would show by now
    runs = daily_runs()
    checks.check(len(runs) == 1, "beat's daily job ran exactly once", f"{len(runs)} runs")
    if len(runs) != 1:
        return
    events = int(runs[0][2])
    notifications = stack.query("SELECT count(*) FROM consultations_notification")[0][0]
    wait_until(lambda: outbox_statuses(stack).get("sent", 0) >= events, timeout=30)
    checks.check(
        events > 0 and notifications == events and outbox_statuses(stack) == {"sent": events},
        "each of its reminders is queued once and sent",
        f"{events} events, {notifications} notifications, outbox {outbox_statuses(stack)}",
    )


def check_each_task_runs_once(stack: Stack, checks: Checks) -> None:
    from celery import Celery

    before = outbox_statuses(stack).get("sent", 0)
    stack.run([sys.executable, "-c", ENQUEUE_EMAILS.format(count=ANSWER_EMAILS)])
    client = Celery(broker=REDIS_URL, backend=REDIS_URL)
    pings = [client.send_task("foundation.tasks.ping", args=[f"t{n}"], queue=stack.queue) for n in range(PING_TASKS)]
    for result in pings:
        result.get(timeout=60)
    wait_until(lambda: outbox_statuses(stack).get("sent", 0) >= before + ANSWER_EMAILS, timeout=60)
    time.sleep(1)
    done = stack.tasks_done()
    counts: dict[str, int] = {}
    for runs in done.values():
        for _name, task_id, _result in runs:
            counts[task_id] = counts.get(task_id, 0) + 1
    ping_ids = {r.id for r in pings}
    deliveries = sum(1 for runs in done.values() for t in runs if t[0] == "outbox.tasks.deliver")
    checks.check(
        set(counts.values()) == {1} and ping_ids <= set(counts) and deliveries >= ANSWER_EMAILS,
        f"each of the {len(counts)} tasks the workers ran ran exactly once",
        f"{deliveries} deliveries; more than once: {[k for k, v in counts.items() if v > 1]}",
    )
    per_worker = {name: len(runs) for name, runs in done.items()}
    checks.check(all(per_worker.values()), "both workers took tasks", str(per_worker))
    say(f"     tasks per worker: {per_worker}")
    recipients = []
    for message in stack.mail_dir.glob("*.log"):
        recipients += re.findall(r"^To: (author\d+@example\.kz)$", message.read_text(), re.M)
    checks.check(
        sorted(recipients) == sorted(f"author{n}@example.kz" for n in range(ANSWER_EMAILS))
        and outbox_statuses(stack) == {"sent": before + ANSWER_EMAILS},
        "every e-mail queued by the site went out once",
        f"{len(recipients)} e-mails to {len(set(recipients))} authors, outbox {outbox_statuses(stack)}",
    )


def check_graceful_reload(stack: Stack, checks: Checks, node_a: subprocess.Popen) -> None:
    lb = f"http://127.0.0.1:{stack.ports['lb']}"
    stop = threading.Event()
    outcomes: list[int | str] = []

    def load():
        session = requests.Session()
        while not stop.is_set():
            try:
                outcomes.append(session.get(f"{lb}/kk/", timeout=30).status_code)
            except requests.RequestException as exc:
                outcomes.append(exc.__class__.__name__)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    os.kill(node_a.pid, signal.SIGHUP)  # what `systemctl reload tour-web` sends
    time.sleep(6)
    stop.set()
    for thread in threads:
        thread.join()
    failures = [o for o in outcomes if o != 200]
    checks.check(
        len(outcomes) >= 10 and not failures,
        f"a graceful reload of node A under load drops no request ({len(outcomes)} requests)",
        f"failures: {failures[:5]}",
    )


def main() -> int:
    if not shutil.which("nginx"):
        print("nginx is missing: apt-get install nginx")
        return 1
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="two-nodes-"))
    tmp.chmod(0o755)
    stack = Stack(tmp)
    checks = Checks()
    try:
        say(f"set-up in {tmp}: database {stack.database}, ports {stack.ports}")
        stack.prepare()
        meeting_id = int(stack.run([sys.executable, "-c", SEED_MEETING]))
        say("demo data seeded")
        node_a = stack.start_node("a")
        stack.start_node("b")
        stack.start_balancer()
        for name in ("a", "b", "lb"):
            wait_for(f"http://127.0.0.1:{stack.ports[name]}/healthz", f"node {name}")
        stack.start_workers_and_beat()
        # /healthz says "degraded" until a worker's first heartbeat is in the shared cache.
        wait_until(lambda: healthz(stack)["status"] == "ok", timeout=60)
        say(f"two nodes, balancer, two workers and beat up after {time.monotonic() - started:.0f} s")

        check_balancer(stack, checks)
        check_session_upload_and_cache(stack, checks, meeting_id)
        check_beat_runs_the_daily_job_once(stack, checks)
        check_each_task_runs_once(stack, checks)
        check_graceful_reload(stack, checks, node_a)
    except Exception as exc:
        checks.check(False, "the run completed", f"{exc.__class__.__name__}: {exc}")
    finally:
        stack.stop_all()
        if checks.failed:
            for name, _proc in stack.procs:
                print(f"---- last lines of {name}.log")
                print("\n".join(stack.log(name).splitlines()[-15:]))
        stack.drop_database()
        stack.forget_redis_keys()
        if not os.environ.get("TWO_NODES_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)
    say(f"finished in {time.monotonic() - started:.0f} s")
    print(f"two nodes: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
