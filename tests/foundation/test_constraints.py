"""Every database rule a user can run into answers in the user's language, on the field it concerns."""

import pytest
from django.test import Client
from django.utils import translation

from consultations.models import Memorandum, Tour
from proposals.models import Proposal
from proposals.services import proposal_merge
from tests import factories
from tests.consultations.conftest_memoranda import make_memorandum
from tests.consultations.test_memoranda_staff import _form_data
from tests.proposals.conftest import make_proposal


@pytest.mark.django_db
class TestAnsweringADuplicate:
    @pytest.fixture
    def duplicate(self, tour, staff_user):
        original = make_proposal(tour=tour, text="Оңалту орталығын ашу")
        return proposal_merge(
            duplicate=make_proposal(tour=tour, text="Оңалту орталығы керек"), original=original, merged_by=staff_user
        )

    def test_it_explains_instead_of_failing(self, staff_client, duplicate):
        response = staff_client.post(
            f"/en/proposals/staff/{duplicate.pk}/", {"status": "accepted", "answer_kk": "Қабылданды"}
        )
        assert response.status_code == 400
        page = response.content.decode()
        original = duplicate.duplicate_of.code
        assert (
            f"{duplicate.code} is a duplicate of {original} and follows its answer. Answer {original}, "
            f"or first mark {duplicate.code} as not a duplicate to answer it on its own."
        ) in page
        assert f'action="/en/proposals/staff/{duplicate.pk}/unmerge/"' in page
        duplicate.refresh_from_db()
        assert (duplicate.status, duplicate.answer_kk or "") == (Proposal.Status.DUPLICATE, "")

    def test_its_page_offers_the_way_to_unmerge_instead_of_the_answer_form(self, staff_client, duplicate):
        page = staff_client.get(f"/en/proposals/staff/{duplicate.pk}/").content.decode()
        assert 'data-testid="answer-form"' not in page
        assert "To answer it on its own, first mark it as not a duplicate." in page

    def test_after_unmerging_it_can_be_answered(self, staff_client, duplicate):
        staff_client.post(f"/en/proposals/staff/{duplicate.pk}/unmerge/")
        response = staff_client.post(
            f"/en/proposals/staff/{duplicate.pk}/", {"status": "accepted", "answer_kk": "Қабылданды"}
        )
        assert response.status_code == 302
        duplicate.refresh_from_db()
        assert (duplicate.status, duplicate.duplicate_of, duplicate.answer_kk) == ("accepted", None, "Қабылданды")


@pytest.mark.django_db
class TestMemorandumNumber:
    @pytest.mark.parametrize(
        "lang, message",
        [
            ("en", "Another memorandum already has this number."),
            ("kk", "Бұл нөмір басқа меморандумға берілген."),
            ("ru", "Этот номер уже есть у другого меморандума."),
        ],
    )
    def test_a_taken_number_is_refused_once_on_its_field(self, staff_client, astana, almaty, lang, message):
        make_memorandum(almaty, number="М-71/2026")
        response = staff_client.post(f"/{lang}/staff/memoranda/new/", _form_data(astana))
        assert response.status_code in (200, 400)
        page = response.content.decode()
        assert page.count(message) == 2  # in the error summary and under the field, nowhere else
        assert "memorandum_unique_number" not in page
        form = response.context["form"]
        with translation.override(lang):
            assert form.errors["number"] == [message]
        assert not form.non_field_errors()
        assert Memorandum.objects.count() == 1


@pytest.mark.django_db
class TestAdmin:
    def _client(self, admin_user):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(admin_user)
        return client

    def test_a_second_current_tour_is_refused_on_its_field(self, admin_user, tour):
        response = self._client(admin_user).post(
            "/admin/consultations/tour/add/",
            {
                "name_kk": "Екінші тур",
                "name_ru": "Второй тур",
                "name_en": "Second tour",
                "starts_on": "2027-01-01",
                "ends_on": "2027-12-31",
                "is_current": "on",
            },
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["is_current"] == [
            "Another tour is the current one: untick it there first."
        ]
        assert Tour.objects.count() == 1

    def test_a_tour_ending_before_it_starts_is_refused_with_a_message(self, admin_user, tour):
        response = self._client(admin_user).post(
            "/admin/consultations/tour/add/",
            {"name_kk": "Тур", "name_ru": "Тур", "name_en": "Tour", "starts_on": "2027-12-31", "ends_on": "2027-01-01"},
        )
        assert "The tour must not end before it starts." in response.content.decode()

    def test_the_admin_speaks_kazakh_too(self, admin_user, tour):
        client = self._client(admin_user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "kk"
        response = client.post(
            "/admin/consultations/tour/add/",
            {"name_kk": "Тур", "name_ru": "Тур", "name_en": "Tour", "starts_on": "2027-12-31", "ends_on": "2027-01-01"},
        )
        assert "Тур басталу күнінен бұрын аяқтала алмайды." in response.content.decode()

    def test_an_official_without_a_region_is_refused_with_a_message(self, admin_user, db):
        official = factories.OfficialFactory(region=factories.region("KZ-71"))
        with translation.override("en"):
            official.region = None
            from django.core.exceptions import ValidationError

            with pytest.raises(ValidationError) as error:
                official.validate_constraints()
        assert error.value.messages == ["An akimat official must be bound to a region."]
