"""Builders shared by the benchmarks: many proposals, fast (bulk inserts, no signals)."""

import random
import time

from django.db import connection

WORDS = str.split(
    "инклюзивті мектеп оңалту орталығы перинаталдық жабдық аутизм даун синдромы балалар спорт клубы "
    "экзоскелет протез грант университет онкологиялық Манас көшесі школа центр реабилитация оборудование "
    "дети стадион библиотека ауыл жол су жылу"
)
BATCH = 5000


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize()


def fill_proposals(*, tour, regions, count: int, rng: random.Random, meetings=(), statuses=None) -> float:
    """Insert `count` public proposals of `tour` spread over `regions`; returns seconds taken.

    A fifth of them, where the region has one of `meetings`, come from a meeting. Answered
    statuses get a short answer. Ends with ANALYZE so the planner sees the new size.
    """
    from proposals.models import Proposal, search_text_for

    statuses = statuses or ["received", "under_review", "accepted"]
    meetings_of = {}
    for meeting in meetings:
        meetings_of.setdefault(meeting.region_id, []).append(meeting)
    start = time.perf_counter()
    batch = []
    for i in range(count):
        text = f"{sentence(rng)} {i}"
        region = rng.choice(regions)
        status = rng.choice(statuses)
        meeting = None
        if meetings_of.get(region.pk) and rng.random() < 0.2:
            meeting = rng.choice(meetings_of[region.pk])
        batch.append(
            Proposal(
                tour=tour,
                region=region,
                meeting=meeting,
                direction=rng.choice(["education", "healthcare", "sport", "rehabilitation"]),
                channel="meeting" if meeting else "public_form",
                text=text,
                search_text=search_text_for(text),
                status=status,
                answer_kk="Қор ұсынысты қарады." if status in Proposal.ANSWERED else "",
            )
        )
        if len(batch) == BATCH:
            Proposal.objects.bulk_create(batch)
            batch = []
    Proposal.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - start
