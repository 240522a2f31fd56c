"""Reads of proposals reused by several pages: search, filters, similar proposals."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramSimilarity
from django.db import OperationalError, connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from consultations.models import Region
from proposals.counts import proposal_counts
from proposals.models import Proposal, ProposalModeration

# A status filter value of triage (and the dashboard's link): Proposal.objects.awaiting_answer().
AWAITING_ANSWER = "awaiting_answer"
WORD = re.compile(r"\w+")
SIMILAR_LIMIT = 5
SIMILAR_PROBE_CHARS = 500
SIMILAR_TIMEOUT_MS = 1500
# On SQLite, candidates for "similar" are those sharing one of this many longest words.
FALLBACK_KEY_WORDS = 4
FALLBACK_CANDIDATES = 300
# No answer in any language (translation fields may be NULL or empty).
NO_ANSWER = Q(
    Q(answer_kk__isnull=True) | Q(answer_kk=""),
    Q(answer_ru__isnull=True) | Q(answer_ru=""),
    Q(answer_en__isnull=True) | Q(answer_en=""),
)


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_vector():
    # Same expression as the GIN index of migration 0003 ('simple': there is no Kazakh dictionary).
    return SearchVector("search_text", config="simple")


def search_proposals(queryset: QuerySet, query: str) -> QuerySet:
    """Proposals of `queryset` matching every word of `query` (as a word prefix on PostgreSQL).

    Kazakh and Russian match regardless of letter case on both databases: search_text is
    casefolded when saved and the query is casefolded here. A tracking code matches too.
    """
    words = _words(query or "")
    if not words:
        return queryset
    code = Q(code=query.strip().upper())
    # A former name of a place finds its region's proposals («Нұр-Сұлтан» -> Astana).
    renamed = Region.ids_by_former_name(query)
    if renamed:
        code |= Q(region_id__in=renamed)
    if _is_postgres():
        # Prefix search ("мектеп" finds "мектептер"): Kazakh is agglutinative.
        raw = " & ".join(f"{w}:*" for w in words)
        tsquery = SearchQuery(raw, search_type="raw", config="simple")
        return queryset.annotate(search=search_vector()).filter(Q(search=tsquery) | code)
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return queryset.filter(condition | code)


def filter_proposals(queryset: QuerySet, data: dict) -> QuerySet:
    """Apply the tracker and triage filters (cleaned form data; empty values are ignored)."""
    for field in ("tour", "region", "meeting", "direction", "channel", "status"):
        value = data.get(field)
        if field == "status" and value == AWAITING_ANSWER:
            queryset = queryset.awaiting_answer()
        elif value:
            queryset = queryset.filter(**{field: value})
    has_answer = data.get("has_answer")
    if has_answer == "yes":
        queryset = queryset.exclude(NO_ANSWER)
    elif has_answer == "no":
        queryset = queryset.filter(NO_ANSWER)
    query = data.get("q")
    if query:
        # Newest first, not by rank: ranking every match of a common word costs seconds over
        # 100,000 proposals (see bench/), and triage works through the newest anyway.
        queryset = search_proposals(queryset, query)
    return queryset


def known_count(which: str, data: dict) -> int | None:
    """How many proposals of the set `which` ("all", "public": see proposals.counts)
    `filter_proposals(queryset, data)` keeps, read from the kept counts without counting rows;
    None when a filter is not one they are kept by (search, channel, answer)."""
    counted_by = {"tour", "region", "direction", "status"}
    if any(value for name, value in data.items() if name not in counted_by):
        return None
    status = data.get("status")
    statuses = Proposal.AWAITING_ANSWER if status == AWAITING_ANSWER else [status] if status else None
    return proposal_counts().count(
        which, statuses=statuses, **{name: data.get(name) for name in ("tour", "region", "direction")}
    )


def public_proposals() -> QuerySet:
    return Proposal.objects.public()


def triage_proposals() -> QuerySet:
    """Every proposal with what the triage table shows."""
    return Proposal.objects.select_related("region", "program")


def with_duplicate_counts(proposals) -> list[Proposal]:
    """Set `duplicate_count` on one page of proposals in one query.

    Counting through an annotation would make the paginator's COUNT group all rows.
    """
    proposals = list(proposals)
    counts = dict(
        Proposal.objects.filter(duplicate_of__in=[p.pk for p in proposals])
        .values_list("duplicate_of")
        .annotate(n=Count("id"))
        .order_by()
    )
    for proposal in proposals:
        proposal.duplicate_count = counts.get(proposal.pk, 0)
    return proposals


def _bounded(queryset) -> list:
    """The rows of `queryset`, or none if PostgreSQL needs more than SIMILAR_TIMEOUT_MS for them.

    "Similar proposals" is a hint beside the page: it must never hold a worker for seconds.
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            previous = cursor.fetchone()[0]
            cursor.execute("SET LOCAL statement_timeout = %s", [SIMILAR_TIMEOUT_MS])
            rows = list(queryset)
            # Inside an outer transaction the setting would outlive this block: put it back.
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
            return rows
    except OperationalError:  # query_canceled: the savepoint is rolled back, the request goes on
        return []


def similar_proposals(proposal: Proposal, limit: int = SIMILAR_LIMIT) -> list[Proposal]:
    """The proposals of the same tour and region most like this one, best first, excluding itself.

    PostgreSQL ranks by trigram similarity (served by the trigram GIN index); SQLite shares
    a few long words, then ranks by word overlap in Python.
    """
    # Same tour and region: people of one region ask for the same things, and the region
    # bounds the work (trigram matching over a whole tour of 100,000 takes seconds).
    others = (
        Proposal.objects.filter(tour_id=proposal.tour_id, region_id=proposal.region_id)
        .exclude(pk=proposal.pk)
        .exclude(duplicate_of_id=proposal.pk)
        .select_related("region")
    )
    # The probe is the start of the text: trigram work grows with its length, and the start of
    # a proposal says what it asks for.
    probe = proposal.search_text[:SIMILAR_PROBE_CHARS]
    if _is_postgres():
        return _bounded(
            others.filter(search_text__trigram_similar=probe)
            .annotate(similarity=TrigramSimilarity("search_text", probe))
            .order_by("-similarity", "-id")[:limit]
        )
    words = set(_words(probe))
    keys = sorted((w for w in words if len(w) > 3), key=len, reverse=True)[:FALLBACK_KEY_WORDS]
    if not keys:
        return []
    condition = Q()
    for word in keys:
        condition |= Q(search_text__contains=word)
    scored = []
    for other in others.filter(condition).order_by("-id")[:FALLBACK_CANDIDATES]:
        other_words = set(_words(other.search_text))
        overlap = len(words & other_words) / len(words | other_words)
        if overlap > 0:
            other.similarity = overlap
            scored.append(other)
    scored.sort(key=lambda p: (-p.similarity, -p.pk))
    return scored[:limit]


def people_asking(proposal: Proposal) -> int:
    """How many people asked for the same thing: the original and every duplicate merged into it."""
    original = proposal.duplicate_of if proposal.duplicate_of_id else proposal
    return 1 + Proposal.objects.filter(duplicate_of=original).count()


def proposal_history(proposal: Proposal) -> list[dict]:
    """Status changes and moderation of one proposal, oldest first, as the staff page shows
    them: when, who, from, to, note. Two queries."""
    visibility = {True: _("Public"), False: _("Hidden")}
    rows = [
        {
            "when": change.changed_at,
            "who": change.changed_by,
            "from": change.get_from_status_display(),
            "to": change.get_to_status_display(),
            "note": change.note,
        }
        for change in proposal.status_changes.select_related("changed_by")
    ]
    rows += [
        {
            "when": m.changed_at,
            "who": m.changed_by,
            "from": visibility[not m.is_public],
            "to": visibility[m.is_public],
            "note": m.reason,
        }
        for m in ProposalModeration.objects.filter(proposal=proposal).select_related("changed_by")
    ]
    return sorted(rows, key=lambda row: row["when"])
