"""Region scoping matrix: every memoranda URL against every persona.

An official of another region gets 404 for an Astana memorandum, commitment or attachment,
exactly as for an object that does not exist; staff pages give officials 403 and send anonymous
users to the login page.
"""

import pytest
from django.urls import reverse

from consultations.models import Memorandum
from consultations.services import memoranda as services
from tests.consultations.conftest_memoranda import client_for, make_memorandum, pdf_upload


@pytest.fixture
def world(astana, staff_user, official_astana):
    """An Astana memorandum in its second review round, with a commitment and evidence."""
    memorandum = make_memorandum(astana, Memorandum.Status.DRAFT)
    memorandum = services.memorandum_send_for_review(memorandum=memorandum, user=staff_user)
    services.memorandum_review(memorandum=memorandum, user=official_astana, decision="request_changes", body="Өзгерт")
    memorandum.refresh_from_db()
    memorandum.text_kk += "\nҚосымша тармақ."
    memorandum.save()
    memorandum = services.memorandum_send_for_review(memorandum=memorandum, user=staff_user)
    commitment = memorandum.commitments.get(party="akimat")
    entry = services.commitment_add_progress(
        commitment=commitment, user=official_astana, status="in_progress", note="Басталды", evidence=pdf_upload()
    )
    return {"m": memorandum.pk, "c": commitment.pk, "p": entry.pk}


# (url name, kwarg key, method); expected status per persona
READER_URLS = [
    ("consultations:akimat_memorandum_detail", "m", "get"),
    ("consultations:akimat_commitment_detail", "c", "get"),
    ("consultations:akimat_memorandum_review", "m", "post"),
    ("consultations:memorandum_pdf", "m", "get"),
    ("consultations:memorandum_diff", "m", "get"),
    ("consultations:progress_evidence", "p", "get"),
    ("consultations:memorandum_scan", "m", "get"),
    ("consultations:memorandum_detail", "m", "get"),
]
STAFF_URLS = [
    ("consultations:staff_memorandum_list", None, "get"),
    ("consultations:staff_memorandum_create", None, "get"),
    ("consultations:staff_memorandum_detail", "m", "get"),
    ("consultations:staff_memorandum_edit", "m", "get"),
    ("consultations:staff_memorandum_send", "m", "post"),
    ("consultations:staff_memorandum_comment", "m", "post"),
    ("consultations:staff_memorandum_sign", "m", "get"),
    ("consultations:staff_memorandum_status", "m", "post"),
    ("consultations:staff_commitments_xlsx", "m", "get"),
    ("consultations:staff_commitments_import", "m", "get"),
    ("consultations:staff_commitment_list", None, "get"),
    ("consultations:staff_commitment_detail", "c", "get"),
]


def _url(name, key, world):
    url = reverse(name, kwargs={"pk": world[key]} if key else {})
    return "/en" + url[3:] if url.startswith("/kk/") else url


def _call(client, method, url):
    return client.post(url, {"decision": "comment", "body": "x"}) if method == "post" else client.get(url)


@pytest.mark.django_db
class TestReaderUrls:
    @pytest.mark.parametrize("name,key,method", READER_URLS)
    def test_the_official_of_another_region_gets_404(self, world, official_almaty, name, key, method):
        response = _call(client_for(official_almaty), method, _url(name, key, world))
        assert response.status_code == 404

    @pytest.mark.parametrize("name,key,method", READER_URLS)
    def test_anonymous_and_public_users_get_404_or_login(self, world, public_user, name, key, method):
        for user in (None, public_user):
            response = _call(client_for(user), method, _url(name, key, world))
            if name.startswith("consultations:akimat_"):
                assert response.status_code == (302 if user is None else 403)
                if user is None:
                    assert reverse("login") in response["Location"]
            else:
                assert response.status_code == 404

    @pytest.mark.parametrize("name,key,method", READER_URLS)
    def test_the_official_of_the_region_gets_it(self, world, official_astana, name, key, method):
        response = _call(client_for(official_astana), method, _url(name, key, world))
        if name in ("consultations:memorandum_scan", "consultations:memorandum_detail"):
            assert response.status_code == 404  # not signed yet: no scan, no public page
        elif method == "post":
            assert response.status_code == 302  # the review is recorded, back to the memorandum
        else:
            assert response.status_code == 200
        if name == "consultations:memorandum_pdf":
            assert response.content.startswith(b"%PDF-")

    def test_the_official_of_another_region_cannot_guess_a_missing_object_apart(self, world, official_almaty):
        client = client_for(official_almaty)
        existing = client.get(_url("consultations:akimat_memorandum_detail", "m", world))
        missing = client.get(_url("consultations:akimat_memorandum_detail", "m", {"m": world["m"] + 999}))
        assert existing.status_code == missing.status_code == 404

    def test_the_official_of_the_region_sees_no_unsent_draft(self, astana, official_astana):
        draft = make_memorandum(astana, Memorandum.Status.DRAFT)
        client = client_for(official_astana)
        assert client.get(_url("consultations:akimat_memorandum_detail", "m", {"m": draft.pk})).status_code == 404
        commitment = draft.commitments.first()
        assert client.get(_url("consultations:akimat_commitment_detail", "c", {"c": commitment.pk})).status_code == 404
        assert draft.title not in client.get("/en/akimat/").content.decode()


@pytest.mark.django_db
class TestStaffUrls:
    @pytest.mark.parametrize("name,key,method", STAFF_URLS)
    @pytest.mark.parametrize("persona", ["official_astana", "official_almaty", "public_user"])
    def test_non_staff_get_403(self, request, world, persona, name, key, method):
        response = _call(client_for(request.getfixturevalue(persona)), method, _url(name, key, world))
        assert response.status_code == 403

    @pytest.mark.parametrize("name,key,method", STAFF_URLS)
    def test_anonymous_users_are_sent_to_login(self, world, name, key, method):
        response = _call(client_for(None), method, _url(name, key, world))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    @pytest.mark.parametrize("name,key,method", [u for u in STAFF_URLS if u[2] == "get"])
    def test_staff_get_them(self, world, staff_client, name, key, method):
        response = staff_client.get(_url(name, key, world))
        if name in ("consultations:staff_memorandum_edit", "consultations:staff_memorandum_sign"):
            # The memorandum is in review: neither editable nor ready to sign; back to its page.
            assert response.status_code == 302
            assert response["Location"] == _url("consultations:staff_memorandum_detail", "m", world)
        else:
            assert response.status_code == 200

    @pytest.mark.parametrize("name,key,method", [u for u in STAFF_URLS if u[2] == "post"])
    def test_data_changing_urls_refuse_get(self, world, staff_client, name, key, method):
        assert staff_client.get(_url(name, key, world)).status_code == 405

    def test_the_review_url_refuses_get(self, world, official_astana):
        url = _url("consultations:akimat_memorandum_review", "m", world)
        assert client_for(official_astana).get(url).status_code == 405


@pytest.mark.django_db
class TestAkimatHome:
    def test_it_lists_only_the_officials_region(self, world, astana, almaty, official_almaty):
        almaty_memo = make_memorandum(almaty, Memorandum.Status.IN_REVIEW)
        html = client_for(official_almaty).get("/en/akimat/").content.decode()
        assert almaty_memo.title in html
        assert f"/akimat/memoranda/{world['m']}/" not in html
        assert f"/akimat/commitments/{world['c']}/" not in html
        assert "Инклюзивті мектептер ашу" in html  # Almaty's own commitment (same wording)
        assert html.count("/akimat/commitments/") == almaty_memo.commitments.filter().count()

    def test_signed_memoranda_of_another_region_are_public_but_not_in_the_akimat_area(self, astana, official_almaty):
        signed = make_memorandum(astana, Memorandum.Status.SIGNED)
        client = client_for(official_almaty)
        assert client.get(_url("consultations:memorandum_detail", "m", {"m": signed.pk})).status_code == 200
        assert client.get(_url("consultations:memorandum_scan", "m", {"m": signed.pk})).status_code == 200
        assert client.get(_url("consultations:akimat_memorandum_detail", "m", {"m": signed.pk})).status_code == 404
