"""Events of every scope (one region, several, national) and attendance (in person, online,
hybrid): planning them, and every page that shows a meeting working when it has no region."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone, translation

from consultations.links import validate_event_link
from consultations.models import Meeting
from proposals.models import Proposal
from tests import factories

ZOOM = "https://us02web.zoom.us/j/81234567890"


@pytest.fixture
def national(tour):
    return factories.MeetingFactory(
        tour=tour,
        region=None,
        kind=Meeting.Kind.ONLINE_CONFERENCE,
        attendance=Meeting.Attendance.ONLINE,
        title="Ұлттық онлайн-конференция: инклюзия",
        venue="",
        online_url=ZOOM,
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )


@pytest.fixture
def several(tour, astana, almaty):
    meeting = factories.MeetingFactory(
        tour=tour, region=astana, title="Астана мен Алматы: сарапшылар отырысы", kind=Meeting.Kind.EXPERT_SESSION
    )
    meeting.regions.add(almaty)
    return meeting


@pytest.mark.django_db
class TestScope:
    def test_it_derives_the_scope_from_the_regions(self, national, several, tour, astana):
        regional = factories.MeetingFactory(tour=tour, region=astana)
        assert national.scope() == Meeting.Scope.NATIONAL
        assert several.scope() == Meeting.Scope.SEVERAL
        assert regional.scope() == Meeting.Scope.REGIONAL

    def test_a_region_concerns_the_events_held_there_and_those_covering_it(self, national, several, astana, almaty):
        karaganda = factories.region("KZ-35")
        other = factories.MeetingFactory(tour=several.tour, region=karaganda)
        assert list(Meeting.objects.concerning(almaty)) == [several]
        assert list(Meeting.objects.concerning(astana)) == [several]
        assert list(Meeting.objects.concerning(karaganda)) == [other]
        assert list(Meeting.objects.national()) == [national]

    def test_the_place_label_names_every_region_or_says_national(self, national, several):
        with translation.override("en"):
            assert several.place_label == "Astana, Almaty"
            assert national.place_label == "National event"


@pytest.mark.django_db
class TestPublicPages:
    def test_a_national_event_has_a_public_page(self, client, national):
        response = client.get(f"/en/meetings/{national.pk}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "National event" in html
        assert "Online" in html

    def test_an_event_of_several_regions_links_each(self, client, several, almaty):
        html = client.get(f"/en/meetings/{several.pk}/").content.decode()
        assert f'href="/en/regions/{almaty.slug}/"' in html
        assert '<dt class="col-sm-3">Regions</dt>' in html

    def test_the_region_page_lists_the_events_that_cover_it(self, client, several, almaty):
        html = client.get(f"/en/regions/{almaty.slug}/").content.decode()
        assert several.title in html

    def test_the_home_page_counts_online_conferences_held(self, client, national, several):
        factories.MeetingFactory(tour=national.tour, kind=Meeting.Kind.ONLINE_CONFERENCE, status="planned")
        html = client.get("/en/").content.decode()
        assert 'data-testid="online-conferences-held">1<' in html
        assert 'data-testid="meetings-held">2<' in html

    def test_the_home_page_lists_a_national_event_among_the_latest(self, client, national):
        html = client.get("/en/").content.decode()
        assert national.title in html
        assert "National event" in html


@pytest.mark.django_db
class TestStaffPages:
    def test_the_staff_list_calendar_and_dashboard_show_a_national_event(self, staff_client, national):
        for url in (
            "/en/staff/meetings/",
            f"/en/staff/meetings/calendar/?month={national.starts_at:%Y-%m}",
            f"/en/staff/meetings/{national.pk}/",
            "/en/staff/",
        ):
            response = staff_client.get(url)
            assert response.status_code == 200, url
        assert "National event" in staff_client.get("/en/staff/meetings/").content.decode()

    def test_it_plans_a_national_hybrid_event(self, staff_client, tour):
        response = staff_client.post(
            "/en/staff/meetings/new/",
            {
                "tour": tour.pk,
                "region": "",
                "kind": "conference",
                "attendance": "hybrid",
                "title": "Ұлттық қайырымдылық конференциясы",
                "starts_at": "2026-10-15T10:00",
                "ends_at": "2026-10-15T17:00",
                "venue": "Астана, «Тәуелсіздік сарайы»",
                "online_url": ZOOM,
                "online_is_public": "on",
                "join_opens_minutes": "15",
                "registration_open": "on",
                "capacity": "300",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        meeting = Meeting.objects.get()
        assert meeting.region is None
        assert meeting.scope() == Meeting.Scope.NATIONAL
        assert meeting.attendance == Meeting.Attendance.HYBRID
        assert (meeting.join_opens_minutes, meeting.capacity, meeting.online_is_public) == (15, 300, True)

    def test_it_saves_the_other_regions_without_the_host(self, staff_client, tour, astana, almaty):
        response = staff_client.post(
            "/en/staff/meetings/new/",
            {
                "tour": tour.pk,
                "region": astana.pk,
                "regions": [astana.pk, almaty.pk],
                "kind": "online_conference",
                "title": "Онлайн-конференция",
                "starts_at": "2026-09-10T15:00",
                "online_url": ZOOM,
            },
        )
        assert response.status_code == 302
        meeting = Meeting.objects.get()
        assert meeting.attendance == Meeting.Attendance.ONLINE  # from the kind, when not given
        assert list(meeting.regions.all()) == [almaty]

    @pytest.mark.parametrize(
        "link, message",
        [
            ("http://zoom.us/j/1", "The link must start with https://."),
            ("https://evil.example.com/j/1", "Links to evil.example.com are not allowed."),
            ("https://zoom.us.evil.example.com/j/1", "Links to zoom.us.evil.example.com are not allowed."),
            ("https://user:secret@zoom.us/j/1", "must not contain a user name or password"),
        ],
    )
    def test_it_refuses_a_link_that_is_not_https_to_an_allowed_host(self, staff_client, tour, link, message):
        response = staff_client.post(
            "/en/staff/meetings/new/",
            {
                "tour": tour.pk,
                "kind": "online_conference",
                "title": "Онлайн-конференция",
                "starts_at": "2026-09-10T15:00",
                "online_url": link,
            },
        )
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not Meeting.objects.exists()

    def test_public_access_needs_an_online_event(self, staff_client, tour, astana):
        response = staff_client.post(
            "/en/staff/meetings/new/",
            {
                "tour": tour.pk,
                "region": astana.pk,
                "kind": "public_meeting",
                "attendance": "in_person",
                "title": "Кездесу",
                "starts_at": "2026-09-10T15:00",
                "venue": "Әкімдік",
                "online_is_public": "on",
            },
        )
        assert response.status_code == 400
        assert "Only an event held online can have public online access." in response.content.decode()

    def test_quick_entry_for_a_national_event_asks_each_proposals_region(self, staff_client, national, almaty):
        url = f"/en/proposals/staff/meetings/{national.pk}/"
        assert 'name="proposal-0-region"' in staff_client.get(url).content.decode()
        response = staff_client.post(
            url,
            {
                "proposal-TOTAL_FORMS": "2",
                "proposal-INITIAL_FORMS": "0",
                "proposal-0-text": "Алматыда инклюзивті спорт секциясын ашу",
                "proposal-0-direction": "sport",
                "proposal-0-region": almaty.pk,
                "proposal-1-text": "Өңірі жоқ ұсыныс",
                "proposal-1-direction": "sport",
            },
        )
        assert response.status_code == 400
        assert not Proposal.objects.exists()  # all or none
        response = staff_client.post(
            url,
            {
                "proposal-TOTAL_FORMS": "1",
                "proposal-INITIAL_FORMS": "0",
                "proposal-0-text": "Алматыда инклюзивті спорт секциясын ашу",
                "proposal-0-direction": "sport",
                "proposal-0-region": almaty.pk,
            },
        )
        assert response.status_code == 302
        proposal = Proposal.objects.get()
        assert proposal.region == almaty
        assert proposal.channel == Proposal.Channel.ONLINE_CONFERENCE  # the channel follows the event

    def test_quick_entry_for_a_one_region_meeting_takes_its_region(self, staff_client, tour, astana):
        meeting = factories.MeetingFactory(tour=tour, region=astana)
        url = f"/en/proposals/staff/meetings/{meeting.pk}/"
        assert "proposal-0-region" not in staff_client.get(url).content.decode()


@override_settings(EVENT_LINK_HOSTS=["zoom.us", "youtube.com"])
@pytest.mark.parametrize(
    "link, ok",
    [
        ("https://zoom.us/j/1", True),
        ("https://us02web.zoom.us/j/1?pwd=x", True),
        ("https://www.youtube.com/watch?v=x", True),
        ("https://ZOOM.US/j/1", True),
        ("", True),
        ("http://zoom.us/j/1", False),
        ("https://notzoom.us/j/1", False),
        ("https://zoom.us.example.com/", False),
        ("javascript:alert(1)", False),
        ("https://[::1", False),
    ],
)
def test_event_links_are_https_to_allowed_hosts(link, ok):
    if ok:
        validate_event_link(link)
    else:
        with pytest.raises(ValidationError):
            validate_event_link(link)
