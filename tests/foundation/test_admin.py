import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.django_db
class TestAdmin:
    def test_every_registered_model_has_working_list_and_add_pages(self, client, admin_user):
        factories.CommitmentProgressFactory()
        factories.ReviewCommentFactory()
        factories.ParticipationFactory()
        factories.ProposalFactory()
        client.force_login(admin_user)
        for model in admin.site._registry:
            info = (model._meta.app_label, model._meta.model_name)
            names = ["changelist"]
            if admin.site._registry[model].has_add_permission(_request(admin_user)):
                names.append("add")
            for name in names:
                url = reverse(f"admin:{info[0]}_{info[1]}_{name}")
                response = client.get(url)
                assert response.status_code == 200, url

    def test_staff_members_without_admin_flag_are_kept_out(self, client, staff_user):
        client.force_login(staff_user)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
