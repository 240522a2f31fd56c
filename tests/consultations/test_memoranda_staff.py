"""Staff views of consultations/views/memoranda.py: drafting, sending, signing, PDF, XLSX."""

import datetime
import io

import pytest
from django.core import mail
from django.test import override_settings

from consultations.models import Commitment, CommitmentProgress, Memorandum
from consultations.services import memoranda as services
from tests.consultations.conftest_memoranda import TEXT_KK, fake_pdf_upload, make_memorandum, pdf_upload

S = Memorandum.Status


def _form_data(astana, **overrides):
    data = {
        "region": astana.pk,
        "number": "М-71/2026",
        "title": "Ынтымақтастық туралы меморандум: Астана",
        "text_kk": TEXT_KK,
        "text_ru": "Стороны расширяют сотрудничество.",
        "foundation_signatory": "Болат Жәмішев",
        "akimat_signatory": "Алтай Көлгінов",
        "valid_from": "2026-09-01",
        "valid_until": "2028-12-31",
        "commitments-TOTAL_FORMS": "2",
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "1000",
        "commitments-0-party": "akimat",
        "commitments-0-description": "Инклюзивті мектептер үшін ғимарат бөлу",
        "commitments-0-due_on": "2027-03-01",
        "commitments-1-party": "foundation",
        "commitments-1-description": "Экзоскелеттер мен бионикалық протездер сатып алу",
        "commitments-1-due_on": "2027-06-01",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestCreate:
    def test_it_saves_the_memorandum_and_its_commitments_in_kazakh(self, staff_client, astana):
        response = staff_client.post("/en/staff/memoranda/new/", _form_data(astana))
        assert response.status_code == 302
        memorandum = Memorandum.objects.get()
        assert memorandum.text_kk == TEXT_KK
        assert memorandum.status == S.DRAFT
        assert list(memorandum.commitments.values_list("party", "description")) == [
            ("akimat", "Инклюзивті мектептер үшін ғимарат бөлу"),
            ("foundation", "Экзоскелеттер мен бионикалық протездер сатып алу"),
        ]
        page = staff_client.get(response["Location"]).content.decode()
        assert "Экзоскелеттер мен бионикалық протездер" in page

    def test_it_keeps_what_was_typed_and_lists_the_errors(self, staff_client, astana):
        data = _form_data(astana, valid_until="2025-01-01", **{"commitments-1-description": ""})
        response = staff_client.post("/en/staff/memoranda/new/", data)
        assert response.status_code == 400  # as the meeting forms: a refused form is a 400
        html = response.content.decode()
        assert 'data-testid="error-summary"' in html
        assert 'href="#id_valid_until"' in html
        assert 'href="#id_commitments-1-description"' in html
        assert "Тараптар инклюзивті мектептер" in html  # nothing typed is lost
        assert not Memorandum.objects.exists()


@pytest.mark.django_db
class TestEdit:
    def test_it_refuses_a_stale_edit(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.DRAFT)
        url = f"/en/staff/memoranda/{memorandum.pk}/edit/"
        commitments = list(memorandum.commitments.all())
        data = _form_data(
            astana,
            version=memorandum.version,
            title="Жаңа атауы",
            **{
                "commitments-TOTAL_FORMS": "2",
                "commitments-INITIAL_FORMS": "2",
                "commitments-0-id": commitments[0].pk,
                "commitments-1-id": commitments[1].pk,
            },
        )
        Memorandum.objects.filter(pk=memorandum.pk).update(version=memorandum.version + 1)  # someone else saved
        response = staff_client.post(url, data)
        assert response.status_code == 409  # as a stale meeting form: refused, the typed text kept
        assert "Someone else saved this memorandum" in response.content.decode()
        assert "Жаңа атауы" in response.content.decode()
        memorandum.refresh_from_db()
        assert memorandum.title != "Жаңа атауы"

        data["version"] = memorandum.version
        assert staff_client.post(url, data).status_code == 302
        memorandum.refresh_from_db()
        assert memorandum.title == "Жаңа атауы"

    def test_it_does_not_edit_a_memorandum_in_review(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        url = f"/en/staff/memoranda/{memorandum.pk}/edit/"
        detail = f"/en/staff/memoranda/{memorandum.pk}/"
        response = staff_client.get(url)
        assert (response.status_code, response["Location"]) == (302, detail)
        data = _form_data(astana, version=memorandum.version, title="Рецензия кезінде өзгерткен атау")
        response = staff_client.post(url, data)
        assert (response.status_code, response["Location"]) == (302, detail)
        memorandum.refresh_from_db()
        assert memorandum.title != "Рецензия кезінде өзгерткен атау"
        assert memorandum.commitments.count() == 2

    def test_it_updates_adds_and_removes_commitments_in_one_save(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.DRAFT)
        first, second = memorandum.commitments.order_by("pk")
        data = _form_data(
            astana,
            version=memorandum.version,
            **{
                "commitments-TOTAL_FORMS": "3",
                "commitments-INITIAL_FORMS": "2",
                "commitments-0-id": first.pk,
                "commitments-0-description": "Өзгертілген міндеттеме",
                "commitments-1-id": second.pk,
                "commitments-1-DELETE": "on",
                "commitments-2-party": "joint",
                "commitments-2-description": "Жаңа бірлескен міндеттеме",
                "commitments-2-due_on": "2027-09-01",
            },
        )
        response = staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/edit/", data)
        assert response.status_code == 302
        rows = list(memorandum.commitments.order_by("order").values_list("pk", "party", "description", "order"))
        assert rows[0] == (first.pk, "akimat", "Өзгертілген міндеттеме", 0)
        assert rows[1][1:] == ("joint", "Жаңа бірлескен міндеттеме", 1)
        assert len(rows) == 2 and second.pk not in [r[0] for r in rows]


@pytest.mark.django_db
class TestSend:
    def test_it_sends_for_review_and_mails_the_officials(
        self, staff_client, astana, official_astana, official_almaty, django_capture_on_commit_callbacks
    ):
        memorandum = make_memorandum(astana, S.DRAFT)
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/send/")
        assert response.status_code == 302
        memorandum.refresh_from_db()
        assert memorandum.status == S.IN_REVIEW
        assert [m.to for m in mail.outbox] == [[official_astana.email]]

    def test_sending_twice_is_refused_with_a_message(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        response = staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/send/", follow=True)
        assert "not allowed" in response.content.decode()


@pytest.mark.django_db
class TestSign:
    def _post(self, client, memorandum, scan):
        return client.post(
            f"/en/staff/memoranda/{memorandum.pk}/sign/",
            {"signed_on": "2026-08-02", "signed_place": "Астана қаласының әкімдігі", "signed_scan": scan},
        )

    def test_it_records_the_signing_and_the_memorandum_becomes_public(self, staff_client, client, astana):
        memorandum = make_memorandum(astana, S.APPROVED)
        assert client.get(f"/en/memoranda/{memorandum.pk}/").status_code == 404
        assert self._post(staff_client, memorandum, pdf_upload()).status_code == 302
        memorandum.refresh_from_db()
        assert memorandum.status == S.SIGNED
        assert memorandum.signed_on == datetime.date(2026, 8, 2)
        page = client.get(f"/en/memoranda/{memorandum.pk}/")
        assert page.status_code == 200
        assert "Астана қаласының әкімдігі" in page.content.decode()
        scan = client.get(f"/en/memoranda/{memorandum.pk}/scan/")
        assert b"".join(scan.streaming_content).startswith(b"%PDF-")

    def test_it_checks_the_scan_by_content(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.APPROVED)
        response = self._post(staff_client, memorandum, fake_pdf_upload())
        assert response.status_code == 200
        assert "The file is not a PDF document." in response.content.decode()
        assert "Астана қаласының әкімдігі" in response.content.decode()
        memorandum.refresh_from_db()
        assert memorandum.status == S.APPROVED

    @override_settings(ATTACHMENT_MAX_BYTES=100)
    def test_it_refuses_a_scan_over_the_size_limit(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.APPROVED)
        response = self._post(staff_client, memorandum, pdf_upload(size=500))
        assert "the limit is 100" in response.content.decode()
        memorandum.refresh_from_db()
        assert memorandum.status == S.APPROVED

    def test_it_signs_only_an_approved_memorandum(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        self._post(staff_client, memorandum, pdf_upload())
        memorandum.refresh_from_db()
        assert memorandum.status == S.IN_REVIEW


@pytest.mark.django_db
class TestStatus:
    def test_it_marks_a_signed_memorandum_expired(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.SIGNED)
        staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/status/", {"target": "expired"})
        memorandum.refresh_from_db()
        assert memorandum.status == S.EXPIRED

    def test_it_reopens_an_approved_memorandum_for_changes(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.APPROVED)
        page = staff_client.get(f"/en/staff/memoranda/{memorandum.pk}/").content.decode()
        assert 'value="changes_requested"' in page and 'value="expired"' not in page
        staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/status/", {"target": "changes_requested"})
        memorandum.refresh_from_db()
        assert memorandum.status == S.CHANGES_REQUESTED

    def test_it_refuses_a_target_outside_the_workflow(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.DRAFT)
        response = staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/status/", {"target": "expired"}, follow=True)
        assert "not allowed" in response.content.decode()
        assert (
            staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/status/", {"target": "signed"}).status_code == 404
        )
        memorandum.refresh_from_db()
        assert memorandum.status == S.DRAFT


@pytest.mark.django_db
class TestLists:
    def test_the_memoranda_list_has_no_n_plus_one(self, staff_client, astana, almaty, django_assert_max_num_queries):
        for region in (astana, almaty) * 5:
            make_memorandum(region, S.IN_REVIEW)
        with django_assert_max_num_queries(6):
            response = staff_client.get("/en/staff/memoranda/")
        assert response.content.decode().count("/staff/memoranda/") >= 10

    def test_the_commitments_list_has_no_n_plus_one(self, staff_client, astana, django_assert_max_num_queries):
        for _ in range(10):
            make_memorandum(astana, S.SIGNED)
        with django_assert_max_num_queries(7):
            response = staff_client.get("/en/staff/commitments/?show=all")
        assert response.content.decode().count("/staff/commitments/") >= 20

    def test_the_overdue_filter_shows_only_overdue(self, staff_client, astana):
        make_memorandum(astana, S.SIGNED)
        html = staff_client.get("/en/staff/commitments/?show=overdue").content.decode()
        assert "Көз скринингіне жабдық сатып алу" in html
        assert "Инклюзивті мектептер ашу" not in html

    def test_the_detail_page_has_no_n_plus_one(self, staff_client, astana, django_assert_max_num_queries):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        for _ in range(10):
            services.memorandum_review(
                memorandum=memorandum, user=memorandum_author(), decision="comment", body="Сұрақ"
            )
        with django_assert_max_num_queries(12):
            assert staff_client.get(f"/en/staff/memoranda/{memorandum.pk}/").status_code == 200


def memorandum_author():
    from tests import factories

    return factories.StaffFactory()


def _pdf_fonts(pdf: bytes) -> set[bytes]:
    import re
    import zlib

    text = pdf
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text += zlib.decompress(match.group(1))
        except zlib.error:
            continue
    return set(re.findall(rb"/BaseFont\s*/([^/\s>]+)", text))


@pytest.mark.django_db
class TestPdf:
    def test_it_renders_a_pdf_with_dejavu_fonts(self, staff_client, astana):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        response = staff_client.get(f"/kk/memoranda/{memorandum.pk}/pdf/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        fonts = _pdf_fonts(response.content)
        # Every glyph, the Kazakh letters ә ғ қ ң ө ұ ү һ і included, comes from DejaVu: no fallback font.
        assert fonts and all(b"DejaVu" in font for font in fonts), fonts

    def test_the_public_gets_the_pdf_of_a_signed_memorandum(self, client, astana):
        memorandum = make_memorandum(astana, S.SIGNED)
        assert client.get(f"/en/memoranda/{memorandum.pk}/pdf/").status_code == 200


def _sheet(content):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content))


def _upload(wb):
    from django.core.files.uploadedfile import SimpleUploadedFile

    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("commitments.xlsx", out.getvalue())


@pytest.mark.django_db
class TestXlsxRoundTrip:
    def test_it_exports_and_reimports_statuses_as_progress(self, staff_client, staff_user, astana):
        memorandum = make_memorandum(astana, S.SIGNED)
        response = staff_client.get(f"/en/staff/memoranda/{memorandum.pk}/commitments.xlsx")
        wb = _sheet(response.content)
        rows = list(wb.active.iter_rows(values_only=True))
        assert rows[0] == tuple(services.XLSX_COLUMNS)
        assert rows[1][2] == "Инклюзивті мектептер ашу"
        wb.active.cell(row=2, column=6).value = "in_progress"
        wb.active.cell(row=2, column=7).value = "Ғимарат таңдалды"
        response = staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/commitments/import/", {"file": _upload(wb)})
        assert response.status_code == 302
        commitment = Commitment.objects.get(pk=rows[1][0])
        assert commitment.status == "in_progress"
        entry = CommitmentProgress.objects.get(commitment=commitment)
        assert (entry.note, entry.author) == ("Ғимарат таңдалды", staff_user)
        assert CommitmentProgress.objects.count() == 1  # the unchanged row adds nothing

    def test_it_applies_nothing_when_a_row_is_invalid(self, staff_client, astana, almaty):
        memorandum = make_memorandum(astana, S.SIGNED)
        other = make_memorandum(almaty, S.SIGNED)
        wb = _sheet(staff_client.get(f"/en/staff/memoranda/{memorandum.pk}/commitments.xlsx").content)
        wb.active.cell(row=2, column=6).value = "done"
        wb.active.cell(row=3, column=6).value = "finished"
        wb.active.append([other.commitments.first().pk, "akimat", "x", None, "", "done", ""])
        response = staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/commitments/import/", {"file": _upload(wb)})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'data-testid="row-errors"' in html
        assert "finished" in html and "is not in this memorandum" in html
        assert not CommitmentProgress.objects.exists()
        assert not Commitment.objects.filter(status="done").exists()

    def test_it_refuses_a_file_that_is_not_a_workbook(self, staff_client, astana):
        from django.core.files.uploadedfile import SimpleUploadedFile

        memorandum = make_memorandum(astana, S.SIGNED)
        response = staff_client.post(
            f"/en/staff/memoranda/{memorandum.pk}/commitments/import/",
            {"file": SimpleUploadedFile("x.xlsx", b"id,status\n1,done\n")},
        )
        assert "not an XLSX workbook" in response.content.decode()
