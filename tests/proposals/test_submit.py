"""The public form: no account, honeypot, rate limit, confirmation with a tracking link."""

import pytest
from django.core.cache import cache

from proposals.models import Proposal

URL = "/en/proposals/submit/"


def data(**extra):
    return {"text": "Инклюзивті мектептер санын көбейту керек", "direction": "education", **extra}


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


@pytest.mark.django_db
class TestSubmit:
    def test_it_takes_a_proposal_without_an_account(self, client, tour, astana):
        response = client.post(URL, data(region=astana.pk, author_name="Әлия", publish_name="on"), follow=True)
        proposal = Proposal.objects.get()
        assert proposal.channel == "public_form" and proposal.tour == tour and proposal.author_name == "Әлия"
        assert proposal.status_changes.count() == 1
        page = response.content.decode()
        assert proposal.code in page
        assert proposal.get_absolute_url() in page

    def test_it_remembers_the_language_the_author_wrote_in(self, client, tour, astana):
        client.post("/ru/proposals/submit/", data(region=astana.pk, text="Нужны пандусы у школ"))
        assert Proposal.objects.get().language == "ru"

    def test_it_keeps_what_was_typed_when_something_is_missing(self, client, tour):
        response = client.post(URL, data(author_name="Сәуле Ғабитқызы"))
        page = response.content.decode()
        assert response.status_code == 200
        assert 'id="error-summary"' in page and 'href="#id_region"' in page
        assert "Сәуле Ғабитқызы" in page and "Инклюзивті мектептер" in page
        assert Proposal.objects.count() == 0

    def test_the_honeypot_saves_nothing(self, client, tour, astana):
        response = client.post(URL, data(region=astana.pk, website="http://spam.example"))
        assert response.status_code == 302
        assert Proposal.objects.count() == 0

    def test_it_limits_submissions_per_address(self, client, tour, astana, settings):
        for i in range(5):
            assert client.post(URL, data(region=astana.pk, text=f"Ұсыныс нөмірі {i} туралы")).status_code == 302
        response = client.post(URL, data(region=astana.pk, text="Алтыншы ұсыныс туралы"))
        assert response.status_code == 429
        assert "Алтыншы ұсыныс" in response.content.decode()
        assert Proposal.objects.count() == 5
        other = client.post(URL, data(region=astana.pk), REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 302

    def test_a_forged_forwarded_header_does_not_escape_the_limit_without_a_proxy(self, client, tour, astana):
        for i in range(6):
            response = client.post(
                URL, data(region=astana.pk, text=f"Ұсыныс нөмірі {i} туралы"), HTTP_X_FORWARDED_FOR=f"203.0.113.{i}"
            )
        assert response.status_code == 429
        assert Proposal.objects.count() == 5

    def test_behind_a_proxy_the_address_it_saw_counts(self, client, tour, astana, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        for i in range(6):
            forged_then_real = f"198.51.100.{i}, 203.0.113.7"  # the client's forgery, then what our proxy saw
            response = client.post(
                URL, data(region=astana.pk, text=f"Ұсыныс нөмірі {i} туралы"), HTTP_X_FORWARDED_FOR=forged_then_real
            )
        assert response.status_code == 429
        other = client.post(URL, data(region=astana.pk), HTTP_X_FORWARDED_FOR="203.0.113.8")
        assert other.status_code == 302

    def test_an_email_is_needed_to_receive_the_answer_by_email(self, client, tour, astana):
        response = client.post(URL, data(region=astana.pk, notify_by_email="on"))
        assert response.status_code == 200
        assert Proposal.objects.count() == 0

    def test_the_confirmation_is_shown_only_to_the_author(self, client, tour, astana):
        client.post(URL, data(region=astana.pk))
        code = Proposal.objects.get().code
        from django.test import Client

        response = Client().get(f"/en/proposals/submit/thanks/{code}/")
        assert response.status_code == 302 and response.url.endswith(f"/proposals/{code}/")
