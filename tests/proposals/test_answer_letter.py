"""The answer e-mail is a letter to a citizen: it opens and closes as official letters do in
the author's language (GLOSSARY.md, style rules)."""

import pytest
from django.test import TestCase

from tests.proposals.conftest import make_proposal

ANSWER = {"status": "accepted", "answer_kk": "Қабылданды", "answer_ru": "Принято", "answer_en": "Accepted"}


def answer_mail(staff_client, mailoutbox, **fields):
    proposal = make_proposal(contact_email="author@example.kz", notify_by_email=True, **fields)
    with TestCase.captureOnCommitCallbacks(execute=True):
        staff_client.post(f"/en/proposals/staff/{proposal.pk}/", ANSWER)
    assert len(mailoutbox) == 1
    return proposal, mailoutbox[0].body


@pytest.mark.django_db
class TestAnswerLetter:
    def test_a_kazakh_letter_opens_with_the_name_and_closes_with_the_foundation(self, staff_client, tour, mailoutbox):
        proposal, body = answer_mail(staff_client, mailoutbox, tour=tour, language="kk", author_name="Әлия Сәрсенова")
        assert body.startswith("Құрметті Әлия Сәрсенова!\n\n")
        assert f"Қор сіздің {proposal.code} ұсынысыңызға жауап берді." in body
        assert body.rstrip().endswith("Құрметпен,\n«Қазақстан халқына» қоғамдық қоры")

    def test_a_russian_letter(self, staff_client, tour, mailoutbox):
        _proposal, body = answer_mail(staff_client, mailoutbox, tour=tour, language="ru", author_name="Иван Петров")
        assert body.startswith("Здравствуйте, Иван Петров!\n\n")
        assert body.rstrip().endswith("С уважением,\nобщественный фонд «Қазақстан халқына»")

    def test_without_a_name_the_letter_still_greets(self, staff_client, tour, mailoutbox):
        _proposal, body = answer_mail(staff_client, mailoutbox, tour=tour, language="ru", author_name="")
        assert body.startswith("Здравствуйте!\n\n")
