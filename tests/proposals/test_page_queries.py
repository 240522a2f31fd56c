"""The tracker, a proposal's page, triage and the staff dashboard run the same number of
queries with 200 and with 2,000 proposals: nothing is counted or fetched per row, and no
page counts every proposal (the totals come from proposals.counts).

Counted on a second request, as most requests find the proposal counts and the kept
fragments in the cache; the first request after a change adds the one query that counts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from foundation import pagination
from proposals.models import Proposal
from tests import public_data

# Queries per page, the same at 1x and 10x.
BOUNDS = {
    "tracker": 2,  # regions for the filter (its choices), the page of proposals
    "tracker_filtered": 3,  # + the chosen region
    "tracker_search": 3,  # + the count of matches, up to 1,001
    "tracker_page_3": 2,
    "proposal": 3,  # the proposal, its history, how many asked the same
    "triage": 9,  # session, user, the page, duplicate counts, choices of 5 filter and bulk fields
    "triage_search": 10,  # + the count of matches, up to 1,001
    "dashboard": 12,  # session, user, tour, the meeting lists with their regions, 2 counts, commitments, outbox
}


def urls(data) -> dict[str, tuple[str, bool]]:
    """name -> (url, as staff)"""
    region = data.meetings[0].region
    code = Proposal.objects.public().order_by("pk").first().code
    return {
        "tracker": ("/kk/proposals/", False),
        "tracker_filtered": (f"/kk/proposals/?region={region.pk}&status=received", False),
        "tracker_search": ("/kk/proposals/?q=оңалту", False),
        "tracker_page_3": ("/kk/proposals/?page=3", False),
        "proposal": (f"/kk/proposals/{code}/", False),
        "triage": ("/kk/proposals/staff/", True),
        "triage_search": ("/kk/proposals/staff/?q=оңалту", True),
        "dashboard": ("/kk/staff/", True),
    }


def queries_per_page(data, client, staff_client) -> dict[str, int]:
    counts = {}
    for name, (url, as_staff) in urls(data).items():
        browser = staff_client if as_staff else client
        browser.get(url)  # the first request counts the proposals and keeps the fragments
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


@pytest.mark.django_db
@pytest.mark.parametrize("scale", [1, 10])
def test_the_pages_run_as_many_queries_with_ten_times_the_proposals(client, staff_client, scale):
    data = public_data.build(scale=scale)
    counts = queries_per_page(data, client, staff_client)
    assert {name: n for name, n in counts.items() if n > BOUNDS[name]} == {}


@pytest.mark.django_db
def test_the_bounds_are_met_exactly_so_a_new_query_is_noticed(client, staff_client):
    assert queries_per_page(public_data.build(scale=1), client, staff_client) == BOUNDS


@pytest.mark.django_db
def test_a_search_matching_more_than_the_bound_lists_the_first_ones(client, monkeypatch):
    data = public_data.build(scale=1)  # 200 proposals, all about «оңалту»
    response = client.get("/en/proposals/", {"q": "оңалту"})
    paginator = response.context["page_obj"].paginator
    assert paginator.count == Proposal.objects.public().filter(tour=data.tour).count() == 180
    assert not paginator.more_than_bound
    monkeypatch.setattr(pagination, "COUNT_BOUND", 100)
    response = client.get("/en/proposals/", {"q": "оңалту", "page": 9})
    page = response.context["page_obj"]
    assert page.paginator.more_than_bound
    assert page.number == 4  # 100 listed, 25 a page; page 9 asked, the last listed given
    assert "More than 100 proposals match; the first 100 are listed." in response.content.decode()


@pytest.mark.django_db
def test_a_deep_page_lists_what_the_plain_offset_lists(client, monkeypatch):
    """Deep pages are found through their ids first; the same proposals in the same order."""
    public_data.build(scale=1)  # 180 public proposals: 8 pages of 25
    newest_first = list(Proposal.objects.public().order_by("-created_at", "-id").values_list("code", flat=True))
    monkeypatch.setattr(pagination, "DEFERRED_FROM", 50)  # from page 3
    for number, expected in ((2, newest_first[25:50]), (3, newest_first[50:75]), (8, newest_first[175:])):
        response = client.get("/en/proposals/", {"page": number})
        assert [p.code for p in response.context["page_obj"]] == expected, number
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/proposals/", {"page": 7})
    assert len(queries) == BOUNDS["tracker_page_3"]
