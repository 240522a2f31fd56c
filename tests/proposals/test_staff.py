"""Staff page of one proposal: answer, status history, e-mail once, similar proposals, merging."""

import pytest
from django.test import TestCase
from django.utils import timezone

from outbox import services as outbox
from outbox.models import OutboxItem
from proposals import services
from proposals.models import Proposal
from tests import factories
from tests.proposals.conftest import make_proposal


def url(proposal, action=""):
    return f"/en/proposals/staff/{proposal.pk}/{action}"


ANSWER = {"status": "accepted", "answer_kk": "Қабылданды", "answer_ru": "Принято", "answer_en": "Accepted"}


@pytest.mark.django_db
class TestAnswer:
    def test_it_saves_the_answer_and_records_who_changed_the_status(self, staff_client, staff_user, tour):
        proposal = make_proposal(tour=tour)
        program = factories.ProgramFactory()
        response = staff_client.post(url(proposal), {**ANSWER, "program": program.pk})
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert (proposal.status, proposal.answer_kk, proposal.program) == ("accepted", "Қабылданды", program)
        change = proposal.status_changes.last()
        assert (change.from_status, change.to_status, change.changed_by) == ("received", "accepted", staff_user)

    def test_a_decision_needs_an_answer_text_and_keeps_what_was_typed(self, staff_client, tour):
        proposal = make_proposal(tour=tour)
        response = staff_client.post(url(proposal), {"status": "declined", "answer_kk": "", "program": ""})
        assert response.status_code == 400
        assert "at least one language" in response.content.decode()
        proposal.refresh_from_db()
        assert proposal.status == "received"

    def test_it_mails_the_author_once_when_consented(self, staff_client, tour, mailoutbox):
        proposal = make_proposal(tour=tour, contact_email="author@example.kz", notify_by_email=True)
        with TestCase.captureOnCommitCallbacks(execute=True):
            staff_client.post(url(proposal), ANSWER)
        with TestCase.captureOnCommitCallbacks(execute=True):
            staff_client.post(url(proposal), {**ANSWER, "answer_kk": "Түзетілген жауап"})
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == ["author@example.kz"]
        assert proposal.code in mailoutbox[0].subject
        assert "Қабылданды" in mailoutbox[0].body

    def test_the_mail_speaks_the_language_the_author_wrote_in(self, staff_client, tour, mailoutbox):
        proposal = make_proposal(
            tour=tour, contact_email="avtor@example.kz", notify_by_email=True, language="ru", text="Нужен пандус"
        )
        with TestCase.captureOnCommitCallbacks(execute=True):
            staff_client.post(url(proposal), ANSWER)
        mail = mailoutbox[0]
        assert mail.subject.startswith("Ответ на ваше предложение")
        assert "Принято" in mail.body and "Қабылданды" not in mail.body
        assert f"/ru/proposals/{proposal.code}/" in mail.body

    def test_it_mails_nobody_without_consent(self, staff_client, tour, mailoutbox):
        proposal = make_proposal(tour=tour, contact_email="author@example.kz", notify_by_email=False)
        with TestCase.captureOnCommitCallbacks(execute=True):
            staff_client.post(url(proposal), ANSWER)
        assert mailoutbox == []

    def test_a_mail_server_that_is_down_fails_nothing_and_the_mail_goes_out_later(
        self, staff_client, tour, settings, mailoutbox, django_capture_on_commit_callbacks
    ):
        proposal = make_proposal(tour=tour, contact_email="author@example.kz", notify_by_email=True)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1  # nothing listens
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(url(proposal), ANSWER)
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert proposal.status == "accepted"
        item = OutboxItem.objects.get()
        assert (item.status, item.attempts, item.recipients) == ("pending", 1, ["author@example.kz"])
        assert "ConnectionRefusedError" in item.last_error

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())  # the backoff passed
        assert outbox.sweep() == [item.pk]
        assert outbox.sweep() == []
        assert len(mailoutbox) == 1 and proposal.code in mailoutbox[0].subject


@pytest.mark.django_db
class TestSimilarAndMerge:
    def test_it_suggests_the_most_similar_proposals(self, staff_client, tour):
        proposal = make_proposal(
            tour=tour, text="Перинаталдық орталықты аутизмі бар балаларға арналған жабдықпен жарақтандыру"
        )
        twin = make_proposal(
            tour=tour, text="Перинаталдық орталықты аутизмі бар балаларға жабдықпен жарақтандыру керек"
        )
        make_proposal(tour=tour, text="Футбол алаңын салу")
        response = staff_client.get(url(proposal))
        assert [p.pk for p in response.context["similar"]][:1] == [twin.pk]

    def test_merging_keeps_both_texts_and_counts_the_people(self, staff_client, tour):
        original = make_proposal(tour=tour, text="Оңалту орталығы керек", author_name="Асель")
        first = make_proposal(tour=tour, text="Оңалту орталығын ашыңыздар", author_name="Ерлан")
        second = make_proposal(tour=tour, text="Оңалту орталығы қажет", author_name="Гүлнар")
        staff_client.post(url(first, "merge/"), {"original": original.pk})
        staff_client.post(url(second, "merge/"), {"original": first.pk})  # points at the root
        second.refresh_from_db()
        assert second.status == "duplicate" and second.duplicate_of == original
        assert second.text == "Оңалту орталығы қажет" and second.author_name == "Гүлнар"
        page = staff_client.get(f"/en/proposals/{original.code}/").content.decode()
        assert "3 people asked for the same." in page
        assert second.status_changes.last().note == original.code

    def test_the_page_needs_few_queries(self, staff_client, staff_user, tour, django_assert_max_num_queries):
        original = make_proposal(tour=tour, text="Оңалту орталығы керек")
        for i in range(8):
            services.proposal_merge(
                duplicate=make_proposal(tour=tour, text=f"Оңалту орталығы {i}"), original=original, merged_by=staff_user
            )
            make_proposal(tour=tour, text=f"Оңалту орталығын салу {i}")
        with django_assert_max_num_queries(14):
            response = staff_client.get(url(original))
        assert response.status_code == 200
        assert len(response.context["duplicates"]) == 8

    def test_merge_is_post_only(self, staff_client, tour):
        proposal = make_proposal(tour=tour)
        assert staff_client.get(url(proposal, "merge/")).status_code == 405
        assert staff_client.get(url(proposal, "unmerge/")).status_code == 405

    def test_unmerge_restores_the_proposal(self, staff_client, staff_user, tour):
        original, dup = make_proposal(tour=tour), make_proposal(tour=tour)
        services.proposal_merge(duplicate=dup, original=original, merged_by=staff_user)
        staff_client.post(url(dup, "unmerge/"))
        dup.refresh_from_db()
        assert dup.duplicate_of is None and dup.status == Proposal.Status.UNDER_REVIEW
