"""Error pages in the site's layout and the visitor's language; a database outage answers 503."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import translation

from foundation.views import server_error

PAGES = {
    # status: (kk, ru, en) headings
    404: ("Бет табылмады", "Страница не найдена", "Page not found"),
    503: ("Сайт уақытша қолжетімсіз", "Сайт временно недоступен", "The site is temporarily unavailable"),
}


def client():
    return Client(raise_request_exception=False)


def in_layout(page: str, language: str) -> bool:
    return f'<html lang="{language}">' in page and 'id="main"' in page and "lang-switcher" in page


@pytest.mark.django_db
class TestErrorPages:
    @pytest.mark.parametrize("index,language", [(0, "kk"), (1, "ru"), (2, "en")])
    def test_not_found_speaks_the_language_of_the_address(self, index, language):
        response = client().get(f"/{language}/no-such-page/")
        assert response.status_code == 404
        page = response.content.decode()
        assert PAGES[404][index] in page
        assert in_layout(page, language)

    def test_forbidden_uses_the_layout(self, persona_client):
        _user, signed_in = persona_client("public_user")
        response = signed_in.get("/ru/staff/")
        assert response.status_code == 403
        page = response.content.decode()
        assert "Доступ запрещён" in page and in_layout(page, "ru")

    def test_bad_request_uses_the_layout(self):
        response = client().get("/kk/", HTTP_HOST="evil.example")
        assert response.status_code == 400
        page = response.content.decode()
        assert "Сұрау дұрыс емес" in page and in_layout(page, "kk")

    def test_too_many_requests_uses_the_layout(self, tour, astana):
        c = client()
        for i in range(6):
            response = c.post(
                "/kk/proposals/submit/",
                {"text": f"Ұсыныс нөмірі {i} туралы", "direction": "sport", "region": astana.pk},
            )
        assert response.status_code == 429
        assert in_layout(response.content.decode(), "kk")


class TestDatabaseOutage:
    """No db fixture: the broken_database fixture gives a connection that cannot connect."""

    def test_the_500_page_renders_without_the_database(self, broken_database):
        request = RequestFactory().get("/ru/proposals/")
        with translation.override("ru"):
            try:
                raise ValueError("a bug")
            except ValueError:
                response = server_error(request)
        assert response.status_code == 500
        page = response.content.decode()
        assert "Что-то пошло не так" in page and in_layout(page, "ru")

    @pytest.mark.parametrize("index,language", [(0, "kk"), (1, "ru"), (2, "en")])
    def test_a_public_page_answers_503_with_retry_after(self, broken_database, index, language):
        response = client().get(f"/{language}/")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        page = response.content.decode()
        assert PAGES[503][index] in page and in_layout(page, language)

    def test_a_signed_in_visitor_gets_the_503_too(self, broken_database):
        c = client()
        c.cookies["sessionid"] = "a-session-the-database-cannot-read"
        response = c.get("/kk/proposals/")
        assert response.status_code == 503

    def test_the_open_data_csv_does_not_start_a_200_it_cannot_finish(self, broken_database):
        response = client().get("/en/proposals/open-data.csv")
        assert response.status_code == 503
        assert not response.streaming

    def test_healthz_says_the_database_is_down(self, broken_database):
        response = client().get("/healthz")
        assert response.status_code == 503
        body = response.json()
        assert body["database"].startswith("error") and body["status"] == "error"

    def test_the_real_connection_is_back_after(self, db):
        assert connection.vendor in ("postgresql", "sqlite")
        assert client().get("/en/no-such-page/").status_code == 404
