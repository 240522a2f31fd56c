"""Views of consultations/views/meetings.py: list, calendar, plan, minutes, status, files, PDF."""

import datetime
import re
import zlib

import pytest
from django.utils import timezone

from consultations.models import Meeting, MeetingAttachment, MinutesPdf, Participation
from tests import factories
from tests.consultations.staff_data import PDF_BYTES, minutes_post, plan_post, png_bytes, upload

KAZAKH = "Әкімдікте өткен кездесу: ғ, қ, ң, ө, ұ, ү, һ, і — Жәмішев пен Көлгінов"


def pdf_text(data: bytes) -> bytes:
    """The PDF with its compressed streams inflated, so font names and Unicode maps are searchable."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.fixture
def meeting(tour, astana):
    return factories.MeetingFactory(tour=tour, region=astana, title="Астана: әкіммен кездесу")


@pytest.mark.django_db
class TestMeetingList:
    url = "/en/staff/meetings/"

    def test_it_lists_meetings_with_their_status(self, staff_client, meeting):
        response = staff_client.get(self.url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Астана: әкіммен кездесу" in html
        assert "Held" in html

    @pytest.mark.parametrize(
        "query,expected",
        [
            ("status=planned", {"planned one"}),
            ("kind=online_conference", {"online one"}),
            ("region={almaty}", {"almaty one"}),
            ("date_from=2026-07-01&date_to=2026-07-31", {"july one"}),
            ("tour={other_tour}", {"other tour one"}),
        ],
    )
    def test_it_filters(self, staff_client, tour, astana, almaty, query, expected):
        other_tour = factories.TourFactory()
        july = timezone.make_aware(datetime.datetime(2026, 7, 10, 10))
        sept = timezone.make_aware(datetime.datetime(2026, 9, 10, 10))
        factories.MeetingFactory(tour=tour, region=astana, title="planned one", status="planned", starts_at=sept)
        factories.MeetingFactory(tour=tour, region=astana, title="online one", kind="online_conference", starts_at=sept)
        factories.MeetingFactory(tour=tour, region=almaty, title="almaty one", starts_at=sept)
        factories.MeetingFactory(tour=tour, region=astana, title="july one", starts_at=july)
        factories.MeetingFactory(tour=other_tour, region=astana, title="other tour one", starts_at=sept)
        query = query.format(almaty=almaty.pk, other_tour=other_tour.pk)
        response = staff_client.get(f"{self.url}?{query}")
        titles = {m.title for m in response.context["page"].object_list}
        assert titles == expected

    def test_it_paginates_and_keeps_the_filters(self, staff_client, tour, astana):
        factories.MeetingFactory.create_batch(30, tour=tour, region=astana, status="held")
        response = staff_client.get(f"{self.url}?status=held")
        assert len(response.context["page"].object_list) == 25
        assert "status=held&amp;page=2" in response.content.decode()
        second = staff_client.get(f"{self.url}?status=held&page=2")
        assert len(second.context["page"].object_list) == 5

    def test_it_explains_an_invalid_filter(self, staff_client, meeting):
        response = staff_client.get(f"{self.url}?date_from=not-a-date")
        assert 'data-testid="error-summary"' in response.content.decode()
        assert 'href="#id_date_from"' in response.content.decode()

    def test_its_query_count_does_not_grow_with_meetings_and_proposals(
        self, staff_client, tour, astana, django_assert_max_num_queries
    ):
        for _ in range(30):
            m = factories.MeetingFactory(tour=tour, region=astana)
            factories.ProposalFactory.create_batch(3, tour=tour, meeting=m)
        with django_assert_max_num_queries(10):
            response = staff_client.get(self.url)
        assert response.status_code == 200


@pytest.mark.django_db
class TestMeetingCalendar:
    def test_it_shows_planned_and_held_meetings_on_their_day(self, staff_client, tour, astana, almaty):
        day = timezone.make_aware(datetime.datetime(2026, 8, 12, 11))
        factories.MeetingFactory(tour=tour, region=astana, status="planned", starts_at=day)
        factories.MeetingFactory(tour=tour, region=almaty, status="held", starts_at=day)
        factories.MeetingFactory(tour=tour, region=almaty, status="cancelled", starts_at=day, title="cancelled one")
        response = staff_client.get(f"/en/staff/meetings/calendar/?tour={tour.pk}&month=2026-08")
        html = response.content.decode()
        assert response.context["meeting_count"] == 2
        assert "(Planned)" in html and "(Held)" in html
        assert "cancelled one" not in html
        assert "month=2026-09" in html and "month=2026-07" in html

    def test_it_ignores_a_malformed_month(self, staff_client, tour):
        assert staff_client.get("/en/staff/meetings/calendar/?month=zzz").status_code == 200


@pytest.mark.django_db
class TestMeetingCreate:
    url = "/en/staff/meetings/new/"

    def test_it_plans_a_meeting_in_kazakh_and_records_who(self, staff_client, staff_user, tour, astana):
        response = staff_client.post(
            self.url,
            {
                "tour": tour.pk,
                "region": astana.pk,
                "kind": "public_meeting",
                "title": KAZAKH,
                "starts_at": "2026-09-10T11:00",
                "venue": "Астана қаласының әкімдігі",
                "chair": "Болат Жәмішев",
                "hosts": "Алтай Көлгінов, Астана қаласының әкімі",
                "agenda": "1. Қор жұмысы\n2. Ұсыныстар",
            },
        )
        meeting = Meeting.objects.get()
        assert response.status_code == 302
        assert response["Location"].endswith(f"/staff/meetings/{meeting.pk}/")
        assert meeting.title == KAZAKH
        assert meeting.status == Meeting.Status.PLANNED
        assert meeting.version == 1
        assert meeting.created_by == staff_user
        assert meeting.history.get().history_user == staff_user

    def test_it_requires_a_link_for_an_online_conference(self, staff_client, tour, astana):
        response = staff_client.post(
            self.url,
            {
                "tour": tour.pk,
                "region": astana.pk,
                "kind": "online_conference",
                "title": "Zoom",
                "starts_at": "2026-09-10T11:00",
            },
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "An online conference needs its link." in html
        assert 'href="#id_online_url"' in html  # the error summary links to the field
        assert 'value="Zoom"' in html  # nothing typed is lost
        assert not Meeting.objects.exists()

    def test_it_refuses_a_date_outside_the_tour(self, staff_client, tour, astana):
        response = staff_client.post(
            self.url,
            {
                "tour": tour.pk,
                "region": astana.pk,
                "kind": "public_meeting",
                "title": "x",
                "venue": "y",
                "starts_at": "2030-01-01T10:00",
            },
        )
        assert response.status_code == 400
        assert "outside it" in response.content.decode()

    def test_it_renders_with_crispy_forms_and_the_current_tour(self, staff_client, tour):
        html = staff_client.get(self.url).content.decode()
        assert 'id="div_id_title"' in html  # crispy-forms' bootstrap5 wrapper
        assert f'<option value="{tour.pk}" selected>' in html


@pytest.mark.django_db
class TestMeetingEdit:
    def url(self, meeting):
        return f"/en/staff/meetings/{meeting.pk}/edit/"

    def test_it_saves_and_bumps_the_version(self, staff_client, staff_user, meeting):
        response = staff_client.post(self.url(meeting), plan_post(meeting, venue="Жаңа орын"))
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.venue == "Жаңа орын"
        assert meeting.version == 2
        latest = meeting.history.first()
        assert latest.history_user == staff_user
        assert latest.history_change_reason == "Plan edited"

    def test_it_refuses_a_stale_form_and_shows_what_changed(self, staff_client, meeting):
        stale = plan_post(meeting, chair="Менің нұсқам")
        staff_client.post(self.url(meeting), plan_post(meeting, venue="Бірінші сақтаған орын"))
        response = staff_client.post(self.url(meeting), stale)
        html = response.content.decode()
        assert response.status_code == 409
        assert 'data-testid="conflict"' in html
        assert "Бірінші сақтаған орын" in html  # what the other person saved
        assert "Менің нұсқам" in html  # what this person typed is still in the form
        meeting.refresh_from_db()
        assert meeting.venue == "Бірінші сақтаған орын"
        assert meeting.chair == ""

    def test_its_query_count_is_bounded(self, staff_client, meeting, django_assert_max_num_queries):
        factories.ProposalFactory.create_batch(20, tour=meeting.tour, meeting=meeting)
        with django_assert_max_num_queries(10):
            assert staff_client.get(self.url(meeting)).status_code == 200


@pytest.mark.django_db
class TestMinutesPage:
    def url(self, meeting):
        return f"/en/staff/meetings/{meeting.pk}/"

    def test_it_saves_minutes_participation_outcomes_and_memorandum_together(self, staff_client, staff_user, meeting):
        memo = factories.MemorandumFactory(region=meeting.region, tour=meeting.tour)
        other_region_memo = factories.MemorandumFactory(region=factories.region("KZ-75"), title="басқа")
        data = minutes_post(
            meeting,
            minutes=KAZAKH,
            summary="Қысқаша",
            outcomes="- Меморандумға қол қойылды",
            memorandum=str(memo.pk),
            rows=[("city_services", 14, "Қалалық басқармалар"), ("ngos", 25, "«Үміт»"), ("medical", 9, "")],
        )
        response = staff_client.post(self.url(meeting), data)
        assert response.status_code == 302
        meeting.refresh_from_db()
        memo.refresh_from_db()
        assert meeting.minutes == KAZAKH
        assert meeting.version == 2
        assert {(p.group, p.count) for p in meeting.participations.all()} == {
            ("city_services", 14),
            ("ngos", 25),
            ("medical", 9),
        }
        assert memo.meeting == meeting
        assert f'href="/en/staff/memoranda/{memo.pk}/"' in staff_client.get(self.url(meeting)).content.decode()
        assert other_region_memo.pk not in [
            m.pk for m in staff_client.get(self.url(meeting)).context["minutes_form"].fields["memorandum"].queryset
        ]
        record = meeting.history.first()
        assert record.history_user == staff_user
        assert record.history_change_reason == "Minutes page saved (participation: 3 rows changed)"

    def test_it_names_the_changed_group_in_the_history(self, staff_client, meeting):
        staff_client.post(self.url(meeting), minutes_post(meeting, rows=[("media", 4, "")]))
        assert meeting.history.first().history_change_reason == "Minutes page saved (participation: Media 4)"

    def test_it_accepts_every_group_in_one_save(self, staff_client, meeting):
        rows = [(group, i + 1, "") for i, group in enumerate(Participation.Group.values)]
        response = staff_client.post(self.url(meeting), minutes_post(meeting, rows=rows))
        assert response.status_code == 302
        assert meeting.participations.count() == len(Participation.Group.values)

    def test_it_refuses_the_same_group_twice_without_losing_the_minutes(self, staff_client, meeting):
        data = minutes_post(meeting, minutes=KAZAKH, rows=[("ngos", 3, ""), ("ngos", 4, "")])
        response = staff_client.post(self.url(meeting), data)
        html = response.content.decode()
        assert response.status_code == 400
        assert "This group already has a row above" in html
        assert 'href="#id_participation-1-group"' in html
        assert KAZAKH in html
        meeting.refresh_from_db()
        assert meeting.minutes == ""

    def test_it_removes_a_participation_row(self, staff_client, meeting):
        factories.ParticipationFactory(meeting=meeting, group="media", count=3)
        data = minutes_post(meeting)
        data["participation-0-DELETE"] = "on"
        assert staff_client.post(self.url(meeting), data).status_code == 302
        assert not meeting.participations.exists()

    def test_its_preview_renders_sanitised_markdown_and_saves_nothing(self, staff_client, meeting):
        text = (
            "## Қорытынды\n\n**маңызды** <script>alert(1)</script> "
            '<img src=x onerror="alert(2)"> [сілтеме](javascript:alert(3)) [сайт](https://example.kz)'
        )
        data = minutes_post(meeting, minutes=text)
        data["preview"] = "1"
        response = staff_client.post(self.url(meeting), data)
        preview = str(response.context["minutes_preview"])
        assert response.status_code == 200
        assert "<h2>Қорытынды</h2>" in preview
        assert "<strong>маңызды</strong>" in preview
        assert "<script" not in preview
        assert "onerror" not in preview
        assert "javascript:" not in preview
        assert 'href="https://example.kz"' in preview
        meeting.refresh_from_db()
        assert meeting.minutes == ""
        assert meeting.version == 1

    def test_it_refuses_a_stale_save_and_keeps_both_versions(self, staff_client, admin_user, meeting):
        from django.test import Client

        other = Client()
        other.force_login(admin_user)
        stale = minutes_post(meeting, minutes="Менің жазбам")
        assert other.post(self.url(meeting), minutes_post(meeting, minutes="Әкімшінің жазбасы")).status_code == 302
        response = staff_client.post(self.url(meeting), stale)
        html = response.content.decode()
        assert response.status_code == 409
        assert "admin saved this meeting while you were editing it" in html
        assert "Әкімшінің жазбасы" in html and "Менің жазбам" in html
        meeting.refresh_from_db()
        assert meeting.minutes == "Әкімшінің жазбасы"

    def test_it_shows_the_history_with_who_and_what(self, staff_client, staff_user, meeting):
        staff_client.post(self.url(meeting), minutes_post(meeting, minutes="Бірінші"))
        staff_client.post(f"/en/staff/meetings/{meeting.pk}/status/", {"status": "minutes_published", "version": "2"})
        response = staff_client.get(self.url(meeting))
        rows = response.context["history"]
        assert rows[0]["record"].history_change_reason == "Status: Held → Minutes published"
        assert rows[0]["record"].history_user == staff_user
        assert [c.field for c in rows[0]["changes"]] == ["status"]
        assert [c.field for c in rows[1]["changes"]] == ["minutes"]
        assert response.content.decode().count('data-testid="history-row"') == 3

    def test_a_status_button_saves_the_typed_minutes_with_the_status(self, staff_client, staff_user, meeting):
        # Bug 9: typed minutes were lost when "Publish the minutes" was pressed before saving.
        page = staff_client.get(self.url(meeting)).content.decode()
        button = re.search(r'<button[^>]*data-testid="status-minutes_published"[^>]*>', page).group(0)
        assert 'form="minutes-form"' in button and 'name="transition"' in button
        data = minutes_post(meeting, minutes=KAZAKH, outcomes="Шешім\r\nекінші жол")
        data["transition"] = "minutes_published"
        response = staff_client.post(self.url(meeting), data)
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert (meeting.minutes, meeting.status, meeting.version) == (KAZAKH, "minutes_published", 3)
        assert meeting.outcomes == "Шешім\nекінші жол"  # stored with LF
        reasons = list(
            meeting.history.order_by("-history_date", "-history_id").values_list("history_change_reason", flat=True)
        )
        assert reasons[:2] == ["Status: Held → Minutes published", "Minutes page saved"]

    def test_going_back_is_not_styled_as_the_main_action(self, staff_client, meeting):
        # Bug 12: "Unpublish the minutes to correct them" looked like a primary action.
        Meeting.objects.filter(pk=meeting.pk).update(status="minutes_published", minutes="Хаттама")
        page = staff_client.get(self.url(meeting)).content.decode()
        button = re.search(r'<button[^>]*data-testid="status-held"[^>]*>', page).group(0)
        assert 'class="btn btn-outline-secondary"' in button

    def test_a_refused_status_button_keeps_the_typed_text(self, staff_client, meeting):
        data = minutes_post(meeting, minutes="", summary="Жазылған қорытынды")
        data["transition"] = "minutes_published"
        response = staff_client.post(self.url(meeting), data)
        assert response.status_code == 400
        assert "Write the minutes before publishing them." in response.content.decode()
        assert "Жазылған қорытынды" in response.content.decode()
        meeting.refresh_from_db()
        assert (meeting.status, meeting.summary, meeting.version) == ("held", "", 1)

    def test_a_stale_status_button_keeps_the_typed_text(self, staff_client, meeting):
        Meeting.objects.filter(pk=meeting.pk).update(version=2, minutes="Басқа біреудің мәтіні")
        data = minutes_post(meeting, minutes="Менің мәтінім", version=1)
        data["transition"] = "minutes_published"
        response = staff_client.post(self.url(meeting), data)
        assert response.status_code == 409
        assert "Менің мәтінім" in response.content.decode()
        meeting.refresh_from_db()
        assert (meeting.status, meeting.minutes) == ("held", "Басқа біреудің мәтіні")

    def test_an_unchanged_save_from_the_browser_records_no_edit(self, staff_client, meeting):
        # Bug 10: a browser sends CRLF; a minutes-only save recorded "Outcomes edited".
        meeting.outcomes = "Бірінші жол\nекінші жол"
        meeting.save()
        data = minutes_post(meeting, minutes="Жаңа хаттама", outcomes="Бірінші жол\r\nекінші жол")
        assert staff_client.post(self.url(meeting), data).status_code == 302
        rows = staff_client.get(self.url(meeting)).context["history"]
        assert [c.field for c in rows[0]["changes"]] == ["minutes"]

    def test_it_links_to_quick_entry_and_lists_the_meetings_proposals(self, staff_client, meeting):
        factories.ProposalFactory(tour=meeting.tour, meeting=meeting, text="Инклюзивті мектептер")
        html = staff_client.get(self.url(meeting)).content.decode()
        assert f'href="/en/proposals/staff/meetings/{meeting.pk}/"' in html
        assert "Инклюзивті мектептер" in html

    def test_its_query_count_does_not_grow_with_proposals_rows_or_history(
        self, staff_client, meeting, django_assert_max_num_queries
    ):
        def load():
            with django_assert_max_num_queries(16) as captured:
                assert staff_client.get(self.url(meeting)).status_code == 200
            return len(captured)

        small = load()
        factories.ProposalFactory.create_batch(40, tour=meeting.tour, meeting=meeting)
        for group in Participation.Group.values:
            factories.ParticipationFactory(meeting=meeting, group=group)
        for i in range(15):
            meeting.minutes = f"нұсқа {i}"
            meeting.save()
        factories.MemorandumFactory.create_batch(3, region=meeting.region)
        assert load() == small


@pytest.mark.django_db
class TestMeetingStatus:
    def url(self, meeting):
        return f"/en/staff/meetings/{meeting.pk}/status/"

    def test_it_walks_planned_held_published_recording_who(self, staff_client, staff_user, tour, astana):
        meeting = factories.MeetingFactory(tour=tour, region=astana, status="planned", minutes="Хаттама")
        staff_client.post(self.url(meeting), {"status": "held", "version": "1"})
        staff_client.post(self.url(meeting), {"status": "minutes_published", "version": "2"})
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
        statuses = [(r.status, r.history_user) for r in meeting.history.order_by("history_date", "history_id")]
        assert statuses[1:] == [("held", staff_user), ("minutes_published", staff_user)]

    def test_it_refuses_to_publish_empty_minutes(self, staff_client, meeting):
        response = staff_client.post(self.url(meeting), {"status": "minutes_published", "version": "1"}, follow=True)
        assert "Write the minutes before publishing them." in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.HELD

    def test_it_refuses_a_transition_not_in_the_table(self, staff_client, meeting):
        response = staff_client.post(self.url(meeting), {"status": "cancelled", "version": "1"}, follow=True)
        assert "This change of status is not allowed: “Held” → “Cancelled”." in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.HELD and meeting.version == 1

    def test_it_refuses_holding_a_meeting_before_it_starts(self, staff_client, tour, astana):
        meeting = factories.MeetingFactory(
            tour=tour, region=astana, status="planned", starts_at=timezone.now() + datetime.timedelta(days=3)
        )
        staff_client.post(self.url(meeting), {"status": "held", "version": "1"})
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.PLANNED

    def test_it_cancels_and_replans(self, staff_client, tour, astana):
        meeting = factories.MeetingFactory(tour=tour, region=astana, status="planned")
        staff_client.post(self.url(meeting), {"status": "cancelled", "version": "1"})
        staff_client.post(self.url(meeting), {"status": "planned", "version": "2"})
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.PLANNED and meeting.version == 3

    def test_it_refuses_a_stale_button(self, staff_client, meeting):
        meeting.minutes = "x"
        meeting.version = 5
        meeting.save()
        response = staff_client.post(self.url(meeting), {"status": "minutes_published", "version": "4"}, follow=True)
        assert "while you were editing it" in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.HELD


@pytest.mark.django_db
class TestAttachments:
    def url(self, meeting):
        return f"/en/staff/meetings/{meeting.pk}/attachments/"

    def test_it_stores_a_photo_with_a_thumbnail(self, staff_client, meeting):
        response = staff_client.post(
            self.url(meeting),
            {"file": upload("кездесу.png", png_bytes((1600, 1200))), "caption": "Әкімдік залы", "is_public": "on"},
        )
        assert response.status_code == 302
        attachment = MeetingAttachment.objects.get()
        assert attachment.kind == MeetingAttachment.Kind.PHOTO
        assert attachment.content_type == "image/png"
        from PIL import Image

        with Image.open(attachment.thumbnail.open("rb")) as thumb:
            assert max(thumb.size) <= 320
        html = staff_client.get(f"/en/staff/meetings/{meeting.pk}/").content.decode()
        assert f"/attachments/{attachment.pk}/thumbnail/" in html
        assert 'alt="Әкімдік залы"' in html
        thumb_response = staff_client.get(f"/en/staff/meetings/{meeting.pk}/attachments/{attachment.pk}/thumbnail/")
        assert thumb_response["Content-Type"] == "image/jpeg"

    def test_it_accepts_a_pdf_by_its_content_even_with_a_wrong_name(self, staff_client, meeting):
        staff_client.post(self.url(meeting), {"file": upload("scan.jpg", PDF_BYTES)})
        attachment = MeetingAttachment.objects.get()
        assert attachment.kind == MeetingAttachment.Kind.DOCUMENT
        assert attachment.content_type == "application/pdf"
        assert not attachment.thumbnail
        response = staff_client.get(f"/en/staff/meetings/{meeting.pk}/attachments/{attachment.pk}/")
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF_BYTES

    @pytest.mark.parametrize(
        "name,content",
        [
            ("photo.jpg", b"<html><script>alert(1)</script></html>"),
            ("minutes.pdf", b"MZ\x90\x00 not a pdf"),
            ("a.png", b"\x89PNG\r\n\x1a\n broken"),
        ],
    )
    def test_it_refuses_files_whose_content_is_not_allowed(self, staff_client, meeting, name, content):
        response = staff_client.post(self.url(meeting), {"file": upload(name, content), "caption": "Сақталсын"})
        html = response.content.decode()
        assert response.status_code == 400
        assert "Its content was checked, not its name." in html
        assert 'value="Сақталсын"' in html
        assert not MeetingAttachment.objects.exists()

    def test_it_refuses_a_file_over_the_limit_with_a_clear_message(self, staff_client, meeting, settings):
        settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
        response = staff_client.post(
            self.url(meeting), {"file": upload("big.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024))}
        )
        assert response.status_code == 400
        assert "The file is 2.0\xa0MB; the limit is 1.0\xa0MB." in response.content.decode()
        assert not MeetingAttachment.objects.exists()

    def test_it_removes_an_attachment(self, staff_client, meeting):
        staff_client.post(self.url(meeting), {"file": upload("a.png", png_bytes())})
        attachment = MeetingAttachment.objects.get()
        response = staff_client.post(f"/en/staff/meetings/{meeting.pk}/attachments/{attachment.pk}/delete/")
        assert response.status_code == 302
        assert not MeetingAttachment.objects.exists()

    def test_adding_and_removing_attachments_is_in_the_history_without_a_new_version(
        self, staff_client, staff_user, meeting
    ):
        version = meeting.version
        staff_client.post(self.url(meeting), {"file": upload("a.png", png_bytes()), "caption": "Әкімдік залы"})
        attachment = MeetingAttachment.objects.get()
        staff_client.post(f"/en/staff/meetings/{meeting.pk}/attachments/{attachment.pk}/delete/")
        reasons = list(meeting.history.order_by("history_date").values_list("history_change_reason", "history_user"))
        assert reasons[-2:] == [
            ("Attachment added: Әкімдік залы", staff_user.pk),
            ("Attachment removed: Әкімдік залы", staff_user.pk),
        ]
        meeting.refresh_from_db()
        assert meeting.version == version  # a colleague's open form is not refused for it
        page = staff_client.get(f"/en/staff/meetings/{meeting.pk}/").content.decode()
        assert "Attachment removed: Әкімдік залы" in page

    def test_it_does_not_serve_another_meetings_attachment_under_this_meeting(
        self, staff_client, meeting, tour, astana
    ):
        staff_client.post(self.url(meeting), {"file": upload("a.png", png_bytes())})
        other = factories.MeetingFactory(tour=tour, region=astana)
        attachment = MeetingAttachment.objects.get()
        assert staff_client.get(f"/en/staff/meetings/{other.pk}/attachments/{attachment.pk}/").status_code == 404


@pytest.mark.django_db
class TestPrintAndPdf:
    def test_the_print_page_has_a_print_stylesheet_and_the_minutes(self, staff_client, meeting):
        meeting.minutes = "## Хаттама\n\nҰсыныстар тыңдалды."
        meeting.save()
        factories.ParticipationFactory(meeting=meeting, group="ngos", count=25)
        html = staff_client.get(f"/en/staff/meetings/{meeting.pk}/print/").content.decode()
        assert 'meetings-print.css" media="print"' in html
        assert "Ұсыныстар тыңдалды." in html
        assert "NGOs and public organisations" in html

    def test_it_generates_the_pdf_in_the_background_with_kazakh_fonts(
        self, staff_client, staff_user, meeting, django_capture_on_commit_callbacks
    ):
        meeting.minutes = "Қор төрағасы Болат Жәмішев пен әкім Алтай Көлгінов: ә ғ қ ң ө ұ ү һ і"
        meeting.save()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = staff_client.post(f"/en/staff/meetings/{meeting.pk}/pdf/")
        assert len(callbacks) == 1  # queued only once the request's transaction commits
        assert response.status_code == 302
        assert response["Location"].endswith("#pdf")
        pdf = MinutesPdf.objects.get()
        assert pdf.status == MinutesPdf.Status.DONE and pdf.progress == 100
        assert pdf.requested_by == staff_user
        status = staff_client.get(f"/en/staff/meetings/{meeting.pk}/pdf/{pdf.pk}/").json()
        assert status["finished"] is True
        download = staff_client.get(status["url"])
        data = b"".join(download.streaming_content)
        assert download["Content-Type"] == "application/pdf"
        assert data.startswith(b"%PDF-")
        text = pdf_text(data)
        assert b"DejaVu" in text  # the font with every Kazakh letter is embedded
        # The fonts' Unicode maps cover the Kazakh letters: ә (U+04D9), қ (U+049B), ү (U+04AF), і (U+0456).
        for code_point in (b"04d9", b"049b", b"04af", b"0456"):
            assert code_point in text.lower()

    def test_the_page_polls_an_unfinished_pdf(self, staff_client, meeting):
        pdf = MinutesPdf.objects.create(meeting=meeting, status=MinutesPdf.Status.RUNNING, progress=30)
        html = staff_client.get(f"/en/staff/meetings/{meeting.pk}/").content.decode()
        assert f'data-poll-url="/en/staff/meetings/{meeting.pk}/pdf/{pdf.pk}/"' in html
        assert 'data-finished="0"' in html
        assert 'value="30"' in html
        status = staff_client.get(f"/en/staff/meetings/{meeting.pk}/pdf/{pdf.pk}/").json()
        assert status == {"status": "running", "label": "Generating", "percent": 30, "finished": False, "url": ""}
        assert staff_client.get(f"/en/staff/meetings/{meeting.pk}/pdf/{pdf.pk}/download/").status_code == 404

    def test_a_failed_render_is_marked_failed(self, meeting, monkeypatch):
        from consultations.services import meetings as service

        pdf = MinutesPdf.objects.create(meeting=meeting)
        monkeypatch.setattr(service, "render_to_string", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
        with pytest.raises(RuntimeError):
            service.minutes_pdf_generate(pdf_id=pdf.pk)
        pdf.refresh_from_db()
        assert pdf.status == MinutesPdf.Status.FAILED and pdf.error == "RuntimeError"


@pytest.mark.django_db
class TestLanguages:
    @pytest.mark.parametrize("lang", ["kk", "ru", "en"])
    def test_every_staff_page_renders_in_each_language(self, staff_client, meeting, lang):
        factories.ParticipationFactory(meeting=meeting)
        for path in ("staff/", "staff/meetings/", "staff/meetings/calendar/", "staff/meetings/new/"):
            assert staff_client.get(f"/{lang}/{path}").status_code == 200, path
        for path in ("", "edit/", "print/"):
            response = staff_client.get(f"/{lang}/staff/meetings/{meeting.pk}/{path}")
            assert response.status_code == 200, path
            assert f'<html lang="{lang}">' in response.content.decode()
        assert staff_client.get(f"/{lang}/proposals/staff/meetings/{meeting.pk}/").status_code == 200
