"""The public memorandum PDF: rendered once per content and language, stored, served as a file."""

import pytest
from django.test import Client

from consultations.models import Commitment, Memorandum, MemorandumPdf
from consultations.services import memoranda as services
from tests.consultations.conftest_memoranda import make_memorandum, pdf_upload

S = Memorandum.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def renders(monkeypatch):
    """Counts real renderings (the renderer still runs)."""
    calls = []
    real = services.memorandum_pdf_render

    def counting(**kwargs):
        calls.append(kwargs["language"])
        return real(**kwargs)

    monkeypatch.setattr(services, "memorandum_pdf_render", counting)
    return calls


def fetch(memorandum, language="kk") -> bytes:
    response = Client().get(f"/{language}/memoranda/{memorandum.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    return b"".join(response.streaming_content)


@pytest.mark.django_db
class TestPublicPdf:
    def test_it_is_rendered_once_and_then_served_from_storage(self, astana, renders):
        memorandum = make_memorandum(astana, S.SIGNED)
        first = fetch(memorandum)
        for _ in range(5):
            assert fetch(memorandum) == first
        assert renders == ["kk"]
        stored = MemorandumPdf.objects.get()
        assert stored.file.storage.exists(stored.file.name)
        assert stored.file.open("rb").read() == first and first.startswith(b"%PDF-")

    def test_each_language_has_its_own(self, astana, renders):
        memorandum = make_memorandum(astana, S.SIGNED)
        fetch(memorandum, "kk"), fetch(memorandum, "ru"), fetch(memorandum, "ru")
        assert renders == ["kk", "ru"]
        assert MemorandumPdf.objects.count() == 2

    def test_a_changed_commitment_status_brings_a_new_pdf_and_drops_the_old(self, astana, renders):
        memorandum = make_memorandum(astana, S.SIGNED)
        fetch(memorandum)
        old = MemorandumPdf.objects.get()
        commitment = memorandum.commitments.first()
        commitment.status = Commitment.Status.DONE
        commitment.save()
        fetch(memorandum)
        assert renders == ["kk", "kk"]
        new = MemorandumPdf.objects.get()
        assert new.stamp != old.stamp
        assert not old.file.storage.exists(old.file.name)

    def test_a_status_change_renders_it_again(self, astana, staff_user, renders):
        memorandum = make_memorandum(astana, S.SIGNED)
        fetch(memorandum)
        services.memorandum_change_status(memorandum=memorandum, status=S.EXPIRED, user=staff_user)
        fetch(memorandum)
        assert renders == ["kk", "kk"]

    def test_signing_renders_every_language_ahead_of_the_first_reader(
        self, astana, staff_user, renders, django_capture_on_commit_callbacks
    ):
        memorandum = make_memorandum(astana, S.APPROVED)
        with django_capture_on_commit_callbacks(execute=True):
            services.memorandum_sign(
                memorandum=memorandum,
                user=staff_user,
                signed_on=memorandum.created_at.date(),
                signed_place="Астана",
                signed_scan=pdf_upload(),
            )
        assert sorted(renders) == ["en", "kk", "ru"]
        fetch(memorandum, "en")
        assert len(renders) == 3  # the reader got the stored file

    def test_a_draft_is_rendered_for_the_parties_and_never_stored(self, astana, staff_client, renders):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        for _ in range(2):
            assert staff_client.get(f"/kk/memoranda/{memorandum.pk}/pdf/").status_code == 200
        assert renders == ["kk", "kk"]
        assert not MemorandumPdf.objects.exists()
