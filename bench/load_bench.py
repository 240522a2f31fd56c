"""Load: 100 simulated users for 60 s against one web node, then two, at 100,000 proposals.

The production set-up of deploy/two_nodes.py (gunicorn nodes with DEBUG=0 behind nginx,
PostgreSQL, Redis, the S3 server, a Celery worker), the demo tour plus 100,000 proposals, and
the locust scenario in bench/locustfile.py: public browsing, search, submissions, staff triage
and minutes saves. Prints requests, failures and p50/p95/p99 per kind of request and overall.

Run:  BENCH_LOCUST=/path/to/venv/bin/locust .venv/bin/python bench/load_bench.py
(locust is not a project dependency: `pip install -r bench/requirements-load.txt` into a venv of
its own). Needs PostgreSQL, Redis and nginx like deploy/two_nodes.py. Takes about 5 minutes.
Everything runs on this one machine, load generator included: two nodes share its cores, so
the second node shows what the balancer costs and gains here, not what a second machine adds.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("TWO_NODES_PORT", "18120")
sys.path.insert(0, str(ROOT / "deploy"))

import two_nodes  # noqa: E402

PROPOSALS = int(os.environ.get("BENCH_PROPOSALS", 100_000))
USERS = int(os.environ.get("BENCH_USERS", 100))
SECONDS = int(os.environ.get("BENCH_SECONDS", 60))
WORKERS_PER_NODE = os.environ.get("BENCH_GUNICORN_WORKERS", "2")

FILL = """
import json, random, django
django.setup()
from django.db import connection
from consultations.models import Meeting, Region, Tour
from proposals.models import Proposal, search_text_for
words = str.split("инклюзивті мектеп оңалту орталығы перинаталдық жабдық аутизм балалар спорт клубы экзоскелет "
                  "протез грант университет школа центр реабилитация оборудование дети стадион ауыл жол су")
rng = random.Random(16)
tour = Tour.objects.current()
regions = list(Region.objects.all())
missing = {count} - Proposal.objects.count()
batch = []
for i in range(missing):
    text = " ".join(rng.choice(words) for _ in range(rng.randint(6, 16))).capitalize() + f" {{i}}"
    batch.append(Proposal(
        tour=tour, region=rng.choice(regions), channel="public_form", text=text, search_text=search_text_for(text),
        direction=rng.choice(["education", "healthcare", "sport", "rehabilitation"]),
        status=rng.choice(["received", "under_review", "accepted"]),
    ))
    if len(batch) == 5000:
        Proposal.objects.bulk_create(batch)
        batch = []
Proposal.objects.bulk_create(batch)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
public = Proposal.objects.public() if hasattr(Proposal.objects, "public") else Proposal.objects.all()
print(json.dumps({{
    "proposals": Proposal.objects.count(),
    "proposal_ids": list(public.order_by("?").values_list("pk", flat=True)[:300]),
    "proposal_codes": list(public.order_by("?").values_list("code", flat=True)[:300]),
    "meetings": list(Meeting.objects.order_by("pk").values_list("pk", flat=True)[:20]),
    "region_slugs": list(Region.objects.values_list("slug", flat=True)),
    "region_ids": [str(pk) for pk in Region.objects.values_list("pk", flat=True)],
}}))
"""


def run_locust(stack, locust: str, label: str, seeded: dict) -> dict:
    prefix = stack.tmp / f"locust-{label}"
    env = {
        **os.environ,
        "BENCH_MEETINGS": ",".join(map(str, seeded["meetings"])),
        "BENCH_PROPOSAL_IDS": ",".join(map(str, seeded["proposal_ids"])),
        "BENCH_PROPOSAL_CODES": ",".join(seeded["proposal_codes"]),
        "BENCH_REGION_SLUGS": ",".join(seeded["region_slugs"]),
        "BENCH_REGION_IDS": ",".join(seeded["region_ids"]),
    }
    command = [
        locust, "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", str(USERS), "-r", "20",
        "-t", f"{SECONDS}s", "--host", f"http://127.0.0.1:{stack.ports['lb']}", "--csv", str(prefix),
        "--only-summary", "--stop-timeout", "10",
    ]  # fmt: skip
    subprocess.run(command, env=env, capture_output=True, text=True, timeout=SECONDS + 120)  # noqa: S603
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    failures_file = Path(f"{prefix}_failures.csv")
    failures = list(csv.DictReader(failures_file.open())) if failures_file.exists() else []
    return {"rows": rows, "failures": failures}


def report(label: str, result: dict) -> None:
    print(f"\n{label}")
    print(f"  {'request':<48} {'count':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in result["rows"]:
        name = "ALL REQUESTS" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        print(
            f"  {name[:48]:<48} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    total = result["rows"][-1]
    print(f"  requests/s: {float(total['Requests/s']):.1f}")
    for failure in result["failures"][:10]:
        print(f"  failure: {failure['Method']} {failure['Name']}: {failure['Error']} ×{failure['Occurrences']}")


def main() -> int:
    locust = os.environ.get("BENCH_LOCUST") or shutil.which("locust")
    if not locust or not shutil.which("nginx"):
        print("skipped: needs locust (BENCH_LOCUST=path, see bench/requirements-load.txt) and nginx")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="load-bench-"))
    tmp.chmod(0o755)
    stack = two_nodes.Stack(tmp)
    started = time.monotonic()
    try:
        stack.prepare()
        seeded = json.loads(stack.run([sys.executable, "-c", FILL.format(count=PROPOSALS)]))
        print(f"set-up: {seeded['proposals']} proposals in {time.monotonic() - started:.0f} s")
        for name in ("a", "b"):
            stack.start(
                f"node-{name}",
                [str(two_nodes.VENV_BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "foundation.wsgi"],
                GUNICORN_BIND=f"127.0.0.1:{stack.ports[name]}",
                GUNICORN_WORKERS=WORKERS_PER_NODE,
                GUNICORN_ACCESS_LOG="/dev/null",
                LOG_LEVEL="WARNING",
            )
        celery = str(two_nodes.VENV_BIN / "celery")
        stack.start("worker-1", [celery, "-A", "foundation", "worker", "-Q", stack.queue, "--concurrency=1",
                                 "--loglevel=WARNING", "--without-gossip", "--without-mingle"])  # fmt: skip
        conf_dir = tmp / "nginx"
        conf_dir.mkdir()
        conf = conf_dir / "nginx.conf"

        def balance(*nodes: str) -> None:
            upstreams = [stack.ports[n] for n in nodes]
            text = two_nodes.NGINX_CONF.format(
                dir=conf_dir, port=stack.ports["lb"], a=upstreams[0], b=upstreams[-1], user=two_nodes.nginx_user()
            )
            conf.write_text(
                text
                if len(nodes) == 2
                else text.replace(f"server 127.0.0.1:{upstreams[0]} max_fails=3 fail_timeout=10s;\n", "", 1)
            )

        balance("a")
        stack.start("nginx", ["nginx", "-p", str(conf_dir), "-c", str(conf), "-e", str(conf_dir / "error.log")])
        for name in ("a", "b", "lb"):
            two_nodes.wait_for(f"http://127.0.0.1:{stack.ports[name]}/healthz", f"node {name}")

        one = run_locust(stack, locust, "one", seeded)
        balance("a", "b")
        subprocess.run(["nginx", "-p", str(conf_dir), "-c", str(conf), "-s", "reload"], check=True)  # noqa: S607
        time.sleep(2)
        two = run_locust(stack, locust, "two", seeded)
        print(
            f"\n{USERS} users for {SECONDS} s, {seeded['proposals']} proposals, {WORKERS_PER_NODE} gunicorn workers a node"
        )
        report("ONE web node behind nginx", one)
        report("TWO web nodes behind nginx", two)
    finally:
        stack.stop_all()
        stack.drop_database()
        stack.forget_redis_keys()
        if not os.environ.get("TWO_NODES_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nfinished in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
