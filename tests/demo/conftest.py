import hashlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

# Every table the demo writes to, history included; compared row by row after a second run.
SEEDED_MODELS = [
    "accounts.User",
    "programs.Program",
    "consultations.Tour",
    "consultations.Meeting",
    "consultations.HistoricalMeeting",
    "consultations.Participation",
    "consultations.Memorandum",
    "consultations.HistoricalMemorandum",
    "consultations.MemorandumVersion",
    "consultations.Commitment",
    "consultations.HistoricalCommitment",
    "consultations.CommitmentProgress",
    "consultations.ReviewComment",
    "proposals.Proposal",
    "proposals.ProposalStatusChange",
]


def run_seed_demo() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--allow-without-debug", stdout=out)
    return out.getvalue()


def database_snapshot() -> tuple[dict, str]:
    """Row counts per table and one checksum over every column of every row."""
    counts, digest = {}, hashlib.sha256()
    models = [apps.get_model(label) for label in SEEDED_MODELS]
    models.append(apps.get_model("consultations.Region").programs.through)
    for model in models:
        rows = sorted(repr(sorted(row.items())) for row in model.objects.values())
        counts[model._meta.label] = len(rows)
        for row in rows:
            digest.update(row.encode())
    return counts, digest.hexdigest()


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed once per module inside a transaction rolled back at the end; each test's own
    transaction nests in it (a savepoint), so tests that change rows do not leak."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = run_seed_demo()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once
