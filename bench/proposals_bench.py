"""Times the import of 10,000 rows and the triage list and search over 100,000 proposals.

Needs PostgreSQL: DATABASE_URL=postgres://... python bench/proposals_bench.py
It creates a throwaway database (test_<name>_bench), fills it, prints figures, drops it.
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foundation.settings")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_proposals")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.builders import fill_proposals, sentence  # noqa: E402

PROPOSALS = int(os.environ.get("BENCH_PROPOSALS", 100_000))
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", 10_000))


def timed(label, fn, repeat=1):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<55} {best * 1000:9.1f} ms")
    return result


def main() -> int:
    if not settings.IS_POSTGRES:
        print("skipped: set DATABASE_URL to a PostgreSQL server (the figures are for PostgreSQL)")
        return 0
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


def run():
    from django.test import Client

    from accounts.models import User
    from consultations.models import Region, Tour
    from proposals import imports, selectors
    from proposals.models import ImportJob, Proposal

    rng = random.Random(42)
    tour = Tour.objects.create(
        slug="bench", name="Bench", starts_on="2026-01-01", ends_on="2026-12-31", is_current=True
    )
    regions = list(Region.objects.all())
    staff = User.objects.create_user("bench-staff", password="x", role=User.Role.STAFF)

    # 1. Import of 10,000 rows: check (the preview) and the import itself.
    header = ",".join(imports.COLUMNS)
    lines = [header] + [
        f"{sentence(rng)} {i},{rng.choice(regions).code_iso},education,Автор {i},,,yes,no" for i in range(IMPORT_ROWS)
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    job = ImportJob.objects.create(tour=tour, channel="online_conference", original_name="bench.csv", created_by=staff)
    timed(f"import: check {IMPORT_ROWS} rows (preview)", lambda: imports.import_job_check(job=job, data=data))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)
    created = timed(f"import: save {IMPORT_ROWS} rows (one transaction)", lambda: imports.import_job_run(job_id=job.pk))
    assert created == IMPORT_ROWS, created

    # 2. Fill up to PROPOSALS proposals.
    seconds = fill_proposals(tour=tour, regions=regions, count=PROPOSALS - IMPORT_ROWS, rng=rng)
    print(f"{'fill: ' + str(Proposal.objects.count()) + ' proposals':<55} {seconds * 1000:9.1f} ms")

    # 3. Triage list and search, through the real view.
    client = Client()
    client.force_login(staff)

    def get(path, **params):
        response = client.get(path, params)
        assert response.status_code == 200, response.status_code
        return response

    timed("triage: first page, no filter", lambda: get("/en/proposals/staff/"), repeat=3)
    region = regions[0]
    timed("triage: filter region + status", lambda: get("/en/proposals/staff/", region=region.pk, status="received"), 3)
    timed("triage: search 'оңалту'", lambda: get("/en/proposals/staff/", q="оңалту"), repeat=3)
    timed("triage: search 'ИНКЛЮЗИВТІ мектеп'", lambda: get("/en/proposals/staff/", q="ИНКЛЮЗИВТІ мектеп"), 3)
    timed("public tracker: search 'Реабилитация'", lambda: get("/en/proposals/", q="Реабилитация"), repeat=3)
    proposal = Proposal.objects.order_by("?").first()
    timed("similar proposals (trigram) for one proposal", lambda: selectors.similar_proposals(proposal), repeat=3)
    timed("staff page of one proposal", lambda: get(f"/en/proposals/staff/{proposal.pk}/"), repeat=3)

    qs = selectors.search_proposals(Proposal.objects.all(), "оңалту")
    plan = qs.explain()
    print("search plan uses the GIN index:", "proposal_search_fts" in plan)


if __name__ == "__main__":
    sys.exit(main())
