"""Every public page runs a bounded number of queries, the same with ten times the data.

1x is a realistic tour (20 regions, 6 meetings, 200 proposals, 2 programs); 10x has 60
meetings, 2,000 proposals and 20 programs. An N+1 loop would blow the bound at 10x.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import Meeting
from tests import public_data

# Queries per page, counted on both data sizes: a bound, not a target.
# Queries per page, the same at 1x and 10x. The cache is off in tests, so these are the
# queries of a cache miss; a cache hit runs none (tests/consultations/test_public_site.py).
BOUNDS = {
    "home": 9,  # current tour, regions with progress, 4 headline counts, latest meetings (+ their regions), programs
    "region_list": 2,
    "region_detail": 7,  # meetings concerning the region + the other regions they cover
    "meeting_detail": 8,  # + the other regions it covers, its press coverage (events panel)
    "program_list": 1,
    "program_detail": 4,  # the count of public proposals through program.proposals.public()
    "statistics": 3,  # current tour, regions, meetings by month; proposals counted from the cache
    "accessibility": 0,
}


def public_urls(data) -> dict[str, str]:
    meeting = next(m for m in data.meetings if m.status == Meeting.Status.MINUTES_PUBLISHED)
    return {
        "home": "/kk/",
        "region_list": "/ru/regions/",
        "region_detail": f"/en/regions/{meeting.region.slug}/",
        "meeting_detail": f"/kk/meetings/{meeting.pk}/",
        "program_list": "/en/programs/",
        "program_detail": f"/ru/programs/{data.programs[0].slug}/",
        "statistics": "/en/proposals/statistics/",
        "accessibility": "/kk/accessibility/",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("scale", [1, 10])
def test_public_pages_run_a_bounded_number_of_queries(client, scale, django_assert_max_num_queries):
    data = public_data.build(scale=scale)
    for name, url in public_urls(data).items():
        with django_assert_max_num_queries(BOUNDS[name]):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_the_bounds_are_met_exactly_so_a_new_query_is_noticed(client):
    data = public_data.build(scale=1)
    counts = {}
    for name, url in public_urls(data).items():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[name] = len(queries)
    assert counts == BOUNDS
