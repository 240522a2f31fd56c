"""Permission matrix: who reaches the staff pages of proposals."""

import pytest

from tests.conftest import PERSONAS
from tests.proposals.conftest import make_proposal

EXPECTED = {
    "anonymous": 302,
    "public_user": 403,
    "official_astana": 403,
    "official_almaty": 403,
    "staff_user": 200,
    "admin_user": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "path",
    [
        "/en/proposals/staff/",
        "/en/proposals/staff/import/",
        "/en/proposals/staff/export.csv",
        "/en/proposals/staff/import/template.xlsx",
        "staff_detail",
    ],
)
def test_staff_pages(persona_client, tour, persona, path):
    if path == "staff_detail":
        path = f"/en/proposals/staff/{make_proposal(tour=tour).pk}/"
    _user, client = persona_client(persona)
    response = client.get(path)
    assert response.status_code == EXPECTED[persona]
    if persona == "anonymous":
        assert "/accounts/login/" in response.url


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_bulk_actions_change_nothing_for_outsiders(persona_client, tour, persona):
    proposal = make_proposal(tour=tour)
    _user, client = persona_client(persona)
    response = client.post(
        "/en/proposals/staff/bulk/", {"ids": [proposal.pk], "action": "set_status", "status": "under_review"}
    )
    proposal.refresh_from_db()
    changed = proposal.status == "under_review"
    assert changed == (EXPECTED[persona] == 200)
    # Staff are sent back to triage; the anonymous to the login page; everyone else is refused.
    assert response.status_code == {200: 302, 302: 302, 403: 403}[EXPECTED[persona]]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_public_pages_are_open_to_everyone(persona_client, tour, persona):
    proposal = make_proposal(tour=tour)
    _user, client = persona_client(persona)
    for path in ("/en/proposals/", f"/en/proposals/{proposal.code}/", "/en/proposals/submit/"):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_answer_templates_page(persona_client, persona):
    _user, client = persona_client(persona)
    assert client.get("/en/proposals/staff/answer-templates/").status_code == EXPECTED[persona]
