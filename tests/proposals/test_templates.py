"""Staff page of answer templates."""

import pytest

from proposals.models import AnswerTemplate

URL = "/en/proposals/staff/answer-templates/"


@pytest.mark.django_db
class TestAnswerTemplates:
    def test_it_creates_a_template(self, staff_client):
        response = staff_client.post(URL, {"title": "Мектептер", "status": "accepted", "answer_kk": "Қабылданды"})
        assert response.status_code == 302
        assert AnswerTemplate.objects.get().answer_kk == "Қабылданды"

    def test_it_needs_an_answer_and_keeps_the_title(self, staff_client):
        response = staff_client.post(URL, {"title": "Жартылай қабылданды", "status": "partly_accepted"})
        assert response.status_code == 400
        assert "Жартылай қабылданды" in response.content.decode()
        assert AnswerTemplate.objects.count() == 0

    def test_it_edits_a_template(self, staff_client, answer_template):
        staff_client.post(
            f"{URL}{answer_template.pk}/", {"title": "Жаңа атау", "status": "declined", "answer_ru": "Отклонено"}
        )
        answer_template.refresh_from_db()
        assert (answer_template.title, answer_template.status) == ("Жаңа атау", "declined")
