"""The public meeting page: summary, minutes only once published, participation, photos,
outcomes and the proposals voiced."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from consultations.models import Meeting, MeetingAttachment, Memorandum, Participation
from tests import factories
from tests.public_data import PNG

MINUTES = "## Күн тәртібі\n\nИнклюзивті мектептер туралы <script>alert(1)</script>"


def page(client, meeting) -> str:
    response = client.get(f"/en/meetings/{meeting.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def photo(meeting, *, is_public=True, kind=MeetingAttachment.Kind.PHOTO, caption="Әкімдіктегі кездесу"):
    attachment = MeetingAttachment(meeting=meeting, kind=kind, is_public=is_public, caption=caption)
    attachment.file.save("photo.png", ContentFile(PNG), save=True)
    return attachment


@pytest.mark.django_db
class TestMeetingDetail:
    def test_it_shows_published_minutes_sanitised(self, client, tour):
        meeting = factories.MeetingFactory(tour=tour, status=Meeting.Status.MINUTES_PUBLISHED, minutes=MINUTES)
        html = page(client, meeting)
        assert 'data-testid="meeting-minutes"' in html
        assert "<h2>Күн тәртібі</h2>" in html
        assert "<script>alert" not in html

    @pytest.mark.parametrize("status", [Meeting.Status.HELD, Meeting.Status.PLANNED, Meeting.Status.CANCELLED])
    def test_it_never_shows_unpublished_minutes(self, client, tour, status):
        meeting = factories.MeetingFactory(tour=tour, status=status, minutes="Жария емес хаттама")
        html = page(client, meeting)
        assert "Жария емес хаттама" not in html
        assert 'data-testid="meeting-minutes"' not in html

    def test_a_planned_meeting_shows_its_status_and_agenda_only(self, client, tour):
        meeting = factories.MeetingFactory(
            tour=tour,
            status=Meeting.Status.PLANNED,
            starts_at=timezone.now() + datetime.timedelta(days=5),
            agenda="Бағдарламалар",
            summary="Алдын ала түйіндеме",
        )
        html = page(client, meeting)
        assert 'data-testid="meeting-planned"' in html
        assert "Бағдарламалар" in html
        assert "Алдын ала түйіндеме" not in html

    def test_a_planned_meeting_whose_date_passed_does_not_say_it_is_to_come(self, client, tour):
        # Bug 6: it still said "has not taken place yet".
        meeting = factories.MeetingFactory(
            tour=tour, status=Meeting.Status.PLANNED, starts_at=timezone.now() - datetime.timedelta(days=2)
        )
        html = page(client, meeting)
        assert "has not taken place yet" not in html
        assert 'data-testid="meeting-pending"' in html

    @pytest.mark.parametrize("status", [Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED])
    def test_the_agenda_stays_once_the_meeting_is_held(self, client, tour, status):
        # Bug 6: the agenda vanished from the public page once the meeting was held.
        meeting = factories.MeetingFactory(tour=tour, status=status, agenda="1. Бағдарламалар туралы")
        html = page(client, meeting)
        assert 'data-testid="meeting-agenda"' in html
        assert "Бағдарламалар туралы" in html

    def test_a_cancelled_meeting_says_so(self, client, tour):
        meeting = factories.MeetingFactory(tour=tour, status=Meeting.Status.CANCELLED, outcomes="Ештеңе")
        html = page(client, meeting)
        assert 'data-testid="meeting-cancelled"' in html
        assert "Ештеңе" not in html

    def test_it_shows_summary_participation_and_outcomes(self, client, tour):
        meeting = factories.MeetingFactory(
            tour=tour, status=Meeting.Status.HELD, summary="Жұртшылықпен кездесу өтті", outcomes="- **Меморандум**"
        )
        factories.ParticipationFactory(meeting=meeting, group=Participation.Group.NGOS, count=12)
        factories.ParticipationFactory(meeting=meeting, group=Participation.Group.PATRONS, count=3)
        html = page(client, meeting)
        assert "Жұртшылықпен кездесу өтті" in html
        table = html[html.index('data-testid="participation"') : html.index("</table>")]
        assert (
            '<th scope="row" class="fw-normal">NGOs and public organisations</th><td class="text-end">12</td>' in table
        )
        assert '<td class="text-end fw-bold">15</td>' in table
        assert "<strong>Меморандум</strong>" in html

    def test_it_shows_public_photos_only(self, client, tour):
        meeting = factories.MeetingFactory(tour=tour, status=Meeting.Status.HELD)
        shown = photo(meeting, caption="Ашық сурет")
        hidden = photo(meeting, is_public=False, caption="Жабық сурет")
        document = photo(meeting, kind=MeetingAttachment.Kind.DOCUMENT, caption="Құжат")
        html = page(client, meeting)
        thumbnail_url = f"/en/meetings/{meeting.pk}/photos/{shown.pk}/thumbnail/"
        assert f'src="{thumbnail_url}" alt="Ашық сурет"' in html
        assert hidden.file.url != shown.file.url
        assert hidden.file.url not in html
        assert document.file.url not in html
        assert "Жабық сурет" not in html

    def test_it_lists_public_proposals_voiced_with_names_only_by_consent(self, client, tour):
        meeting = factories.MeetingFactory(tour=tour, status=Meeting.Status.HELD)
        factories.ProposalFactory(tour=tour, meeting=meeting, text="Перинаталдық орталық", publish_name=True)
        factories.ProposalFactory(tour=tour, meeting=meeting, author_name="Құпия Есім", publish_name=False)
        factories.ProposalFactory(tour=tour, meeting=meeting, text="Жасырын ұсыныс", is_public=False)
        factories.ProposalFactory(tour=tour, text="Басқа кездесуден")
        html = page(client, meeting)
        teasers = html[html.index('data-testid="proposal-teasers"') :]
        assert "Перинаталдық орталық" in teasers
        assert "Әлия Сәрсенова" in teasers
        assert "Құпия Есім" not in html
        assert "Жасырын ұсыныс" not in html
        assert "Басқа кездесуден" not in html

    def test_it_links_the_memorandum_signed_at_the_meeting(self, client, tour):
        meeting = factories.MeetingFactory(tour=tour, status=Meeting.Status.HELD)
        signed = factories.MemorandumFactory(
            meeting=meeting, title="Қол қойылған", status=Memorandum.Status.SIGNED, signed_on="2026-07-01"
        )
        factories.MemorandumFactory(meeting=meeting, title="Жоба күйінде")
        html = page(client, meeting)
        assert f'href="/en/memoranda/{signed.pk}/"' in html
        assert "Жоба күйінде" not in html

    def test_its_more_proposals_link_lists_exactly_its_proposals(self, client, tour, astana):
        # Bug 5: "Showing 10 of 14 … see the tracker" linked to the region filter (22).
        meeting = factories.MeetingFactory(tour=tour, region=astana, status=Meeting.Status.HELD)
        factories.ProposalFactory.create_batch(14, tour=tour, region=astana, meeting=meeting)
        factories.ProposalFactory.create_batch(8, tour=tour, region=astana)  # same region, other channels
        html = page(client, meeting)
        assert "Showing 10 of 14 proposals." in html
        link = re.search(r'<a href="([^"]+)" data-testid="all-meeting-proposals">', html).group(1)
        assert link == f"/en/proposals/?meeting={meeting.pk}"
        tracker = client.get(link)
        assert tracker.status_code == 200
        assert tracker.context["page_obj"].paginator.count == 14
        assert 'data-testid="meeting-filter"' in tracker.content.decode()

    def test_a_proposal_links_to_its_meeting(self, client, tour):
        meeting = factories.MeetingFactory(tour=tour, status=Meeting.Status.HELD, title="Астанадағы кездесу")
        proposal = factories.ProposalFactory(tour=tour, meeting=meeting)
        html = client.get(f"/en/proposals/{proposal.code}/").content.decode()
        assert f'<a href="/en/meetings/{meeting.pk}/" data-testid="proposal-meeting">Астанадағы кездесу</a>' in html

    def test_an_unknown_meeting_is_404(self, client, db):
        assert client.get("/en/meetings/999999/").status_code == 404
