from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from consultations.models import Commitment, CommitmentProgress, Meeting, Memorandum, Region, ReviewComment, Tour
from programs.models import Direction, Program
from proposals.models import Proposal
from proposals.services import proposal_change_status
from tests.demo.conftest import database_snapshot, run_seed_demo

KAZAKH_LETTERS = set("әғқңөұүһі")


@pytest.mark.django_db
class TestSeedDemo:
    def test_it_leaves_the_twenty_regions_alone(self, seeded):
        assert Region.objects.count() == 20
        assert Region.objects.get(code_iso="KZ-71").name_kk == "Астана"

    def test_it_creates_the_current_tour(self, seeded):
        tour = Tour.objects.current()
        assert tour.is_current
        assert tour.name_kk == "Өңірлік кездесулер — 2026"
        assert "Ұлттық қайырымдылық конференциясы" in tour.goal_kk
        assert tour.meetings.count() >= 13

    def test_it_creates_the_astana_meeting_with_published_minutes(self, seeded):
        meeting = Meeting.objects.get(region__code_iso="KZ-71")
        assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
        assert "Болат Жәмішев" in meeting.chair
        assert "Алтай Көлгінов" in meeting.hosts
        assert "Манас көшесіндегі" in meeting.summary
        assert meeting.participations.count() >= 7
        assert meeting.proposals.filter(channel=Proposal.Channel.MEETING).count() == 14
        # The meeting is the last of the tour (the final one).
        assert not Meeting.objects.exclude(status=Meeting.Status.PLANNED).filter(starts_at__gt=meeting.starts_at)

    def test_it_creates_the_signed_astana_memorandum_with_commitments(self, seeded):
        memorandum = Memorandum.objects.get(region__code_iso="KZ-71")
        assert memorandum.status == Memorandum.Status.SIGNED
        assert memorandum.meeting.region.code_iso == "KZ-71"
        assert memorandum.text_kk and memorandum.text_ru
        assert memorandum.versions.filter(revision=1).exists()
        statuses = Counter(memorandum.commitments.values_list("status", flat=True))
        assert 5 <= memorandum.commitments.count() <= 8
        assert statuses[Commitment.Status.DONE] and statuses[Commitment.Status.IN_PROGRESS]
        assert set(memorandum.commitments.values_list("party", flat=True)) == set(Commitment.Party.values)
        assert CommitmentProgress.objects.filter(commitment__memorandum=memorandum).count() >= 3

    def test_it_creates_memoranda_in_every_review_state(self, seeded):
        statuses = set(Memorandum.objects.values_list("status", flat=True))
        assert {"draft", "in_review", "approved", "signed"} <= statuses
        almaty = Memorandum.objects.get(region__code_iso="KZ-75")
        assert almaty.status == Memorandum.Status.IN_REVIEW
        assert ReviewComment.objects.filter(memorandum=almaty).exists()

    def test_it_creates_meetings_in_many_regions_and_states(self, seeded):
        meetings = Meeting.objects.exclude(region__code_iso="KZ-71")
        assert meetings.values("region").distinct().count() >= 12
        assert set(meetings.values_list("status", flat=True)) == set(Meeting.Status.values)
        assert meetings.filter(kind=Meeting.Kind.ONLINE_CONFERENCE).exists()
        assert meetings.filter(status=Meeting.Status.CANCELLED).count() == 1

    def test_it_creates_programs_linked_to_regions(self, seeded):
        assert Program.objects.filter(slug="tusau-keser-club", title_kk__contains="Тұсау кесер").exists()
        assert Program.objects.filter(featured=True).count() >= 4
        assert Region.objects.get(code_iso="KZ-71").programs.count() >= 5

    def test_it_creates_hundreds_of_proposals_across_directions_and_statuses(self, seeded):
        proposals = Proposal.objects.all()
        assert proposals.count() >= 300
        assert set(proposals.values_list("direction", flat=True)) == set(Direction.values)
        assert set(proposals.values_list("status", flat=True)) == set(Proposal.Status.values)
        assert set(proposals.values_list("channel", flat=True)) == set(Proposal.Channel.values)
        for duplicate in proposals.filter(status=Proposal.Status.DUPLICATE):
            assert duplicate.duplicate_of.status != Proposal.Status.DUPLICATE
        answered = proposals.filter(status__in=Proposal.ANSWERED)
        assert not answered.filter(answer_kk="").exists()
        assert not answered.filter(answered_at=None).exists()
        assert proposals.filter(program__isnull=False).exists()
        assert proposals.filter(publish_name=True).exists()

    def test_each_proposal_has_a_believable_history(self, seeded):
        for proposal in Proposal.objects.filter(status=Proposal.Status.ACCEPTED).prefetch_related("status_changes"):
            changes = list(proposal.status_changes.all())
            assert [c.to_status for c in changes] == ["received", "under_review", "accepted"]
            assert changes[0].changed_at == proposal.created_at
            assert changes[0].changed_at < changes[1].changed_at < changes[2].changed_at

    def test_kazakh_letters_survive(self, seeded):
        texts = Proposal.objects.filter(region__code_iso="KZ-71").values_list("text", flat=True)
        assert any(KAZAKH_LETTERS & set(text) for text in texts)
        assert "Ынтымақтастық" in Memorandum.objects.get(region__code_iso="KZ-71").text_kk

    @pytest.mark.parametrize("username", ["admin", "staff", "akimat-astana", "akimat-almaty"])
    def test_demo_users_log_in_with_the_demo_password(self, seeded, username):
        client = Client()
        response = client.post(reverse("login"), {"username": username, "password": "demo-password"})
        assert response.status_code == 302
        assert client.get(reverse("home")).context["user"].username == username

    def test_demo_users_have_their_roles(self, seeded):
        users = {u.username: u for u in User.objects.select_related("region")}
        assert users["admin"].is_superuser and users["admin"].is_staff
        assert users["staff"].is_foundation_staff and not users["staff"].is_superuser
        assert users["akimat-astana"].is_akimat_official and users["akimat-astana"].region.code_iso == "KZ-71"
        assert users["akimat-almaty"].region.code_iso == "KZ-75"
        assert all(u.email.endswith("@example.kz") for u in users.values())

    def test_running_it_twice_changes_nothing(self, seeded):
        counts, checksum = database_snapshot()
        output = run_seed_demo()
        assert "nothing changed" in output
        assert database_snapshot() == (counts, checksum)
        assert User.objects.filter(username="staff").get().check_password("demo-password")

    def test_it_restores_a_changed_row(self, seeded):
        Program.objects.filter(slug="education-grants").update(beneficiaries=1)
        output = run_seed_demo()
        assert "Program: 0 created, 1 updated" in output
        assert Program.objects.get(slug="education-grants").beneficiaries == 2400

    def test_it_restores_a_proposal_and_rewrites_its_history(self, seeded):
        proposal = Proposal.objects.filter(status=Proposal.Status.ACCEPTED).first()
        staff = User.objects.get(username="staff")
        proposal_change_status(proposal=proposal, status=Proposal.Status.DECLINED, user=staff)
        output = run_seed_demo()
        assert "Proposal: 0 created, 1 updated" in output
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.ACCEPTED
        assert [c.to_status for c in proposal.status_changes.all()] == ["received", "under_review", "accepted"]
