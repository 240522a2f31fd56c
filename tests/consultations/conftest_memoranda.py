"""Fixtures for the memoranda tests: import the names you use from your test module."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from consultations.models import Commitment, Memorandum
from tests import factories

TEXT_KK = "Тараптар инклюзивті мектептер санын көбейтеді.\nПеринаталдық орталықтар жабдықталады.\nҚұрметпен."
TEXT_RU = "Стороны увеличивают число инклюзивных школ.\nПеринатальные центры оснащаются."


def pdf_upload(name="signed.pdf", size=0) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body + b"0" * size, content_type="application/pdf")


def png_upload(name="photo.png") -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fake_pdf_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")


def make_memorandum(region, status=Memorandum.Status.DRAFT, **kwargs) -> Memorandum:
    if status in (Memorandum.Status.SIGNED, Memorandum.Status.EXPIRED, Memorandum.Status.TERMINATED):
        kwargs.setdefault("signed_on", datetime.date(2026, 8, 1))
        kwargs.setdefault("signed_scan", pdf_upload())
    memorandum = factories.MemorandumFactory(
        region=region,
        status=status,
        title_kk=f"Ынтымақтастық туралы меморандум — {region.name}",
        text_kk=TEXT_KK,
        text_ru=TEXT_RU,
        **kwargs,
    )
    today = timezone.localdate()
    factories.CommitmentFactory(
        memorandum=memorandum,
        party=Commitment.Party.AKIMAT,
        description="Инклюзивті мектептер ашу",
        due_on=today + datetime.timedelta(days=10),
    )
    factories.CommitmentFactory(
        memorandum=memorandum,
        party=Commitment.Party.FOUNDATION,
        description="Көз скринингіне жабдық сатып алу",
        due_on=today - datetime.timedelta(days=3),
    )
    return memorandum


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def memo_in_review(astana):
    return make_memorandum(astana, Memorandum.Status.IN_REVIEW)


@pytest.fixture
def official_client_almaty(official_almaty):
    return client_for(official_almaty)
