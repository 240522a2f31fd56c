"""Staff triage: filters, search, bulk actions (all or none), exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from proposals.models import Proposal
from tests import factories
from tests.proposals.conftest import make_proposal

TRIAGE = "/en/proposals/staff/"
BULK = "/en/proposals/staff/bulk/"


@pytest.mark.django_db
class TestTriageList:
    def test_it_filters_by_region_direction_channel_status_and_answer(self, staff_client, tour, astana, almaty):
        make_proposal(tour=tour, region=astana, text="Астанадағы мектеп", direction="education")
        make_proposal(tour=tour, region=almaty, text="Алматыдағы спорт клубы", direction="sport")
        answered = make_proposal(tour=tour, region=almaty, text="Жауабы бар ұсыныс", channel="meeting")
        answered.answer_kk = "Жауап"
        answered.save()
        page = staff_client.get(TRIAGE, {"region": almaty.pk, "direction": "sport"}).content.decode()
        assert "Алматыдағы спорт клубы" in page
        assert "Астанадағы мектеп" not in page
        page = staff_client.get(TRIAGE, {"channel": "meeting"}).content.decode()
        assert "Жауабы бар ұсыныс" in page and "Астанадағы мектеп" not in page
        page = staff_client.get(TRIAGE, {"has_answer": "no"}).content.decode()
        assert "Жауабы бар ұсыныс" not in page and "Астанадағы мектеп" in page

    def test_it_searches_kazakh_text_in_any_letter_case(self, staff_client, tour):
        make_proposal(tour=tour, text="ҚҰРЫЛЫС: Инклюзивті МЕКТЕПТЕР")
        make_proposal(tour=tour, text="Спорт алаңы")
        response = staff_client.get(TRIAGE, {"q": "құрылыс мектептер"})
        assert response.context["total"] == 1

    def test_it_shows_how_many_people_asked_for_the_same(self, staff_client, staff_user, tour):
        from proposals.services import proposal_merge

        original = make_proposal(tour=tour, text="Түпнұсқа ұсыныс")
        for i in range(2):
            proposal_merge(
                duplicate=make_proposal(tour=tour, text=f"Қайталама {i}"), original=original, merged_by=staff_user
            )
        page = staff_client.get(TRIAGE, {"status": "received"}).content.decode()
        assert "3 people asked" in page

    def test_it_needs_few_queries_for_a_full_page(self, staff_client, tour, django_assert_max_num_queries):
        program = factories.ProgramFactory()
        for i in range(60):
            make_proposal(tour=tour, text=f"Ұсыныс {i}", program=program)
        with django_assert_max_num_queries(12):
            response = staff_client.get(TRIAGE)
        assert response.status_code == 200


@pytest.mark.django_db
class TestBulkAction:
    def test_it_sets_the_status_of_every_selected_proposal(self, staff_client, tour, staff_user):
        proposals = [make_proposal(tour=tour, text=f"Ұсыныс {i}") for i in range(3)]
        response = staff_client.post(
            BULK, {"ids": [p.pk for p in proposals], "action": "set_status", "status": "under_review"}, follow=True
        )
        assert "3 proposals changed." in response.content.decode()
        assert set(Proposal.objects.values_list("status", flat=True)) == {"under_review"}
        assert proposals[0].status_changes.last().changed_by == staff_user

    def test_a_failing_bulk_action_changes_nothing(self, staff_client, staff_user, tour):
        good = [make_proposal(tour=tour, text=f"Ұсыныс {i}") for i in range(3)]
        original = make_proposal(tour=tour, text="Түпнұсқа")
        duplicate = make_proposal(tour=tour, text="Қайталама")
        from proposals.services import proposal_merge

        proposal_merge(duplicate=duplicate, original=original, merged_by=staff_user)
        before = list(Proposal.objects.order_by("pk").values_list("status", flat=True))
        changes = sum(p.status_changes.count() for p in Proposal.objects.all())
        response = staff_client.post(
            BULK,
            {"ids": [p.pk for p in good] + [duplicate.pk], "action": "set_status", "status": "under_review"},
            follow=True,
        )
        assert "Nothing was changed" in response.content.decode()
        assert list(Proposal.objects.order_by("pk").values_list("status", flat=True)) == before
        assert sum(p.status_changes.count() for p in Proposal.objects.all()) == changes

    def test_a_decision_without_an_answer_changes_nothing(self, staff_client, tour):
        proposals = [make_proposal(tour=tour, text=f"Ұсыныс {i}") for i in range(2)]
        staff_client.post(BULK, {"ids": [p.pk for p in proposals], "action": "set_status", "status": "accepted"})
        assert set(Proposal.objects.values_list("status", flat=True)) == {"received"}

    def test_it_assigns_a_program(self, staff_client, tour):
        program = factories.ProgramFactory()
        proposals = [make_proposal(tour=tour, text=f"Ұсыныс {i}") for i in range(2)]
        response = staff_client.post(
            BULK, {"ids": [p.pk for p in proposals], "action": "assign_program", "program": program.pk}, follow=True
        )
        assert "2 proposals changed." in response.content.decode()
        assert Proposal.objects.filter(program=program).count() == 2

    def test_it_refiles_proposals_under_another_direction(self, staff_client, tour):
        proposals = [make_proposal(tour=tour, text=f"Пандус керек {i}") for i in range(3)]
        proposals[0].direction = "social_support"
        proposals[0].save()
        response = staff_client.post(
            BULK,
            {"ids": [p.pk for p in proposals], "action": "set_direction", "direction": "social_support"},
            follow=True,
        )
        assert "2 proposals changed." in response.content.decode()
        assert set(Proposal.objects.values_list("direction", flat=True)) == {"social_support"}

    def test_a_direction_action_without_a_direction_changes_nothing(self, staff_client, tour):
        proposal = make_proposal(tour=tour, text="Ұсыныс")
        before = proposal.direction
        staff_client.post(BULK, {"ids": [proposal.pk], "action": "set_direction", "direction": ""})
        proposal.refresh_from_db()
        assert proposal.direction == before

    def test_it_moves_proposals_to_another_region(self, staff_client, tour, almaty):
        proposals = [make_proposal(tour=tour, text=f"Алматыдан келген ұсыныс {i}") for i in range(2)]
        response = staff_client.post(
            BULK, {"ids": [p.pk for p in proposals], "action": "set_region", "region": almaty.pk}, follow=True
        )
        assert "2 proposals changed." in response.content.decode()
        assert set(Proposal.objects.values_list("region", flat=True)) == {almaty.pk}

    def test_it_answers_with_a_template(self, staff_client, tour, answer_template, mailoutbox):
        proposals = [make_proposal(tour=tour, text=f"Ұсыныс {i}") for i in range(2)]
        proposals.append(
            make_proposal(tour=tour, text="Хабарлаңыз", contact_email="a@example.kz", notify_by_email=True)
        )
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            staff_client.post(
                BULK, {"ids": [p.pk for p in proposals], "action": "answer", "template": answer_template.pk}
            )
        for proposal in Proposal.objects.all():
            assert proposal.status == "accepted"
            assert proposal.answer_kk == answer_template.answer_kk
            assert proposal.answered_at is not None
        assert len(mailoutbox) == 1

    def test_it_needs_a_selection(self, staff_client):
        response = staff_client.post(BULK, {"action": "set_status", "status": "under_review"}, follow=True)
        assert "Select at least one proposal." in response.content.decode()

    def test_it_is_post_only(self, staff_client):
        assert staff_client.get(BULK).status_code == 405


@pytest.mark.django_db
class TestExport:
    def test_the_csv_holds_the_filtered_list_with_kazakh_letters(self, staff_client, tour, astana, almaty):
        make_proposal(tour=tour, region=astana, text="Әкімдікке ұсыныс", contact_email="x@example.kz")
        make_proposal(tour=tour, region=almaty, text="Басқа өңір")
        response = staff_client.get(reverse("proposals:export", args=["csv"]), {"region": astana.pk})
        body = b"".join(response.streaming_content).decode("utf-8")
        assert body.startswith("\ufeffcode,")
        assert "Әкімдікке ұсыныс" in body and "x@example.kz" in body
        assert "Басқа өңір" not in body

    def test_the_xlsx_holds_the_filtered_list(self, staff_client, tour):
        make_proposal(tour=tour, text="Ғимаратты жөндеу")
        response = staff_client.get(reverse("proposals:export", args=["xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = list(sheet.iter_rows(values_only=True))
        assert values[0][0] == "code"
        assert values[1][7] == "Ғимаратты жөндеу"


@pytest.mark.django_db
class TestBulkActionsRefreshPublicPages:
    def test_a_bulk_refile_invalidates_the_cached_statistics(self, client, staff_client, tour, settings):
        from django.core.cache import cache
        from django.test import TestCase

        settings.PUBLIC_PAGE_CACHE_SECONDS = 300
        cache.clear()
        proposals = [make_proposal(tour=tour, text=f"Пандус {i}", direction="education") for i in range(3)]
        assert client.get("/en/proposals/statistics/")["X-Public-Cache"] == "miss"
        assert client.get("/en/proposals/statistics/")["X-Public-Cache"] == "hit"
        with TestCase.captureOnCommitCallbacks(execute=True):
            staff_client.post(BULK, {"ids": [p.pk for p in proposals], "action": "set_direction", "direction": "sport"})
        assert client.get("/en/proposals/statistics/")["X-Public-Cache"] == "miss"
        cache.clear()
