"""Every channel limits text length with one message, refuses invisible text, and similar-proposal
queries stay bounded whatever the text."""

import time

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from consultations.models import CommitmentProgress, Memorandum
from foundation.texts import ANSWER_MAX, NOTE_MAX, PROPOSAL_MAX, text_errors
from proposals import selectors
from proposals.models import ImportJob, Proposal
from tests import factories
from tests.consultations.conftest_memoranda import client_for, make_memorandum
from tests.proposals.conftest import make_proposal
from tests.proposals.test_imports import HEADER, csv_file, upload

TOO_LONG = ("Мектеп салу керек. " * 300).strip()  # 5,699 characters
INVISIBLE = "\u200b\u200c\u200d\ufeff\u2060\u00a0 \t" * 3


def long_message(text, limit):
    # Django's number formatting in English: no thousands separator unless USE_THOUSAND_SEPARATOR.
    return f"This text has {len(text)} characters; the limit is {limit} characters. Shorten it."


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.usefixtures("english")
class TestChecks:
    def test_a_text_at_the_limit_passes_and_one_more_character_does_not(self):
        assert text_errors("я" * PROPOSAL_MAX, PROPOSAL_MAX) == []
        assert text_errors("я" * (PROPOSAL_MAX + 1), PROPOSAL_MAX) == [
            "This text has 5001 characters; the limit is 5000 characters. Shorten it."
        ]

    @pytest.mark.parametrize("value", ["\u200b" * 12, " \u00a0\u2003", "\ufeff\u200d", "\u2028\u2029"])
    def test_invisible_text_is_refused(self, value):
        assert text_errors(value, 100) == ["This text has no visible characters. Write it out or leave it empty."]

    def test_nul_is_refused(self):
        assert text_errors("a\x00b", 100) == ["Null characters are not allowed."]

    def test_kazakh_text_with_a_zero_width_joiner_inside_passes(self):
        assert text_errors("Ұсыныс\u200dтар", 100) == []


@pytest.fixture(autouse=True)
def no_rate_limit():
    from django.core.cache import cache

    cache.clear()


@pytest.mark.django_db
class TestEveryChannel:
    def test_the_public_form(self, client, tour, astana):
        huge = "ы" * 1_000_000  # the 2 MB proposal that gave a 500 (2 bytes a letter)
        for text in (TOO_LONG, huge):
            response = client.post(
                "/en/proposals/submit/", {"text": text, "direction": "education", "region": astana.pk}
            )
            assert response.status_code == 200
            assert long_message(text, PROPOSAL_MAX) in response.content.decode()
        assert not Proposal.objects.exists()

    def test_the_public_form_refuses_invisible_text(self, client, tour, astana):
        response = client.post(
            "/en/proposals/submit/", {"text": "\u200b" * 40, "direction": "education", "region": astana.pk}
        )
        assert "This text has no visible characters." in response.content.decode()
        assert not Proposal.objects.exists()

    def test_quick_entry(self, staff_client, tour, astana):
        meeting = factories.MeetingFactory(tour=tour, region=astana)
        data = {
            "proposal-TOTAL_FORMS": "1",
            "proposal-INITIAL_FORMS": "0",
            "proposal-0-text": TOO_LONG,
            "proposal-0-direction": "education",
        }
        response = staff_client.post(f"/en/proposals/staff/meetings/{meeting.pk}/", data)
        assert long_message(TOO_LONG, PROPOSAL_MAX) in response.content.decode()
        assert not Proposal.objects.exists()

    def test_the_import(self, staff_client, tour, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        long_name = "Ә" * 201
        upload(staff_client, tour, csv_file(HEADER + f"{TOO_LONG},KZ-71,education,{long_name},,,\n"))
        errors = ImportJob.objects.get().rows[0]["errors"]
        assert errors == [long_message(TOO_LONG, PROPOSAL_MAX), "author_name is longer than 200 characters."]

    def test_the_answer(self, staff_client, tour):
        proposal = make_proposal(tour=tour)
        answer = ("Жауап. " * 3000).strip()
        response = staff_client.post(f"/en/proposals/staff/{proposal.pk}/", {"status": "accepted", "answer_kk": answer})
        assert response.status_code == 400
        assert long_message(answer, ANSWER_MAX) in response.content.decode()

    def test_a_progress_note(self, astana, official_astana):
        commitment = make_memorandum(astana, Memorandum.Status.SIGNED).commitments.get(party="akimat")
        note = ("Орындалды. " * 500).strip()
        response = client_for(official_astana).post(
            f"/en/akimat/commitments/{commitment.pk}/", {"status": "done", "note": note}
        )
        assert long_message(note, NOTE_MAX) in response.content.decode()
        assert not CommitmentProgress.objects.exists()

    def test_the_admin(self, admin_user, tour):
        from django.test import Client

        proposal = make_proposal(tour=tour)
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(admin_user)
        url = f"/admin/proposals/proposal/{proposal.pk}/change/"
        form = client.get(url).context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
        data |= {"text": TOO_LONG, "region": proposal.region_id, "tour": proposal.tour_id}
        data |= {"status_changes-TOTAL_FORMS": "0", "status_changes-INITIAL_FORMS": "0"}
        response = client.post(url, data)
        assert long_message(TOO_LONG, PROPOSAL_MAX) in response.content.decode()
        proposal.refresh_from_db()
        assert proposal.text != TOO_LONG

    def test_the_database_refuses_an_overlong_proposal(self, tour):
        proposal = make_proposal(tour=tour)
        with pytest.raises(IntegrityError), transaction.atomic():
            Proposal.objects.filter(pk=proposal.pk).update(text="x" * (PROPOSAL_MAX + 1))


@pytest.mark.django_db
class TestSimilarIsBounded:
    def test_a_proposal_at_the_limit_finds_its_neighbours_quickly(self, tour, astana):
        base = "Перинаталдық орталықты жабдықтау және инклюзивті мектептер ашу. "
        long_one = make_proposal(tour=tour, region=astana, text=(base * 80)[:PROPOSAL_MAX])
        make_proposal(tour=tour, region=astana, text=base + "Ақмола")
        for i in range(30):
            make_proposal(tour=tour, region=astana, text=f"{base * 70} {i}"[:PROPOSAL_MAX])
        start = time.perf_counter()
        similar = selectors.similar_proposals(long_one)
        assert time.perf_counter() - start < 1.5
        assert len(similar) == selectors.SIMILAR_LIMIT

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
    def test_a_slow_similarity_query_is_abandoned_and_the_request_goes_on(self, tour, monkeypatch):
        make_proposal(tour=tour)
        monkeypatch.setattr(selectors, "SIMILAR_TIMEOUT_MS", 50)
        slow = Proposal.objects.extra(where=["pg_sleep(0.5) IS NOT NULL"])
        start = time.perf_counter()
        assert selectors._bounded(slow) == []
        assert time.perf_counter() - start < 0.45
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"  # the request's later queries are not limited
        assert Proposal.objects.count() == 1
