import pytest
from django.db import IntegrityError

from accounts.models import User
from tests.factories import PASSWORD


@pytest.mark.django_db
class TestLogin:
    def test_it_logs_staff_in(self, client, staff_user):
        response = client.post("/kk/accounts/login/", {"username": "staff", "password": PASSWORD})
        assert response.status_code == 302
        assert client.get("/kk/").context["user"] == staff_user

    def test_it_refuses_a_wrong_password_with_a_message(self, client, staff_user):
        response = client.post("/en/accounts/login/", {"username": "staff", "password": "wrong"})
        assert response.status_code == 200
        assert "correct username and password" in response.content.decode()

    def test_an_overlong_username_is_a_form_error_not_a_server_error(self, client, staff_user):
        # It reached the lock-out table (varchar 255): a DataError on PostgreSQL.
        response = client.post("/en/accounts/login/", {"username": "я" * 6000, "password": "x" * 5000})
        assert response.status_code == 200
        assert "Ensure this value has at most 150 characters (it has 6000)." in response.content.decode()

    def test_it_locks_the_account_after_repeated_failures(self, client, staff_user, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post("/en/accounts/login/", {"username": "staff", "password": "wrong"})
        response = client.post("/en/accounts/login/", {"username": "staff", "password": PASSWORD})
        assert response.status_code == 429
        assert "Too many failed attempts" in response.content.decode()

    def test_the_lock_also_covers_the_address_for_other_accounts(self, client, staff_user, admin_user, settings):
        for n in range(settings.AXES_FAILURE_LIMIT):
            client.post("/en/accounts/login/", {"username": f"guess{n}", "password": "wrong"})
        response = client.post("/en/accounts/login/", {"username": "admin", "password": PASSWORD})
        assert response.status_code == 429

    def test_logout_needs_post(self, staff_client):
        assert staff_client.get("/kk/accounts/logout/").status_code == 405
        assert staff_client.post("/kk/accounts/logout/").status_code == 302


@pytest.mark.django_db
class TestUserRoles:
    def test_an_akimat_official_must_have_a_region(self):
        with pytest.raises(IntegrityError):
            User.objects.create(username="no-region", role=User.Role.AKIMAT)

    def test_roles_are_exclusive(self, staff_user, official_astana, admin_user, public_user):
        assert staff_user.is_foundation_staff and not staff_user.is_akimat_official
        assert official_astana.is_akimat_official and not official_astana.is_foundation_staff
        assert admin_user.is_foundation_staff
        assert not public_user.is_foundation_staff and not public_user.is_akimat_official

    def test_an_inactive_official_has_no_role(self, official_astana):
        official_astana.is_active = False
        assert not official_astana.is_akimat_official
