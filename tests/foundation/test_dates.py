"""Dates as readers of each language write them (GLOSSARY.md, style rules), on pages, in e-mails
and in PDFs: kk «2026 жылғы 1 қыркүйек» (year first, month lowercase), ru «1 сентября 2026 г.»,
en «1 September 2026»."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from consultations.models import Meeting
from tests import factories

DAY = datetime.date(2026, 9, 1)
MOMENT = datetime.datetime(2026, 6, 4, 11, 0, tzinfo=ZoneInfo("Asia/Almaty"))


def render(lang: str, source: str, **context) -> str:
    with translation.override(lang):
        return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("lang", "fmt", "value", "expected"),
    [
        ("kk", "DATE_FORMAT", DAY, "2026 жылғы 1 қыркүйек"),
        ("kk", "YEAR_MONTH_FORMAT", DAY, "2026 жылғы қыркүйек"),
        ("kk", "MONTH_DAY_FORMAT", DAY, "1 қыркүйек"),
        ("kk", "DATETIME_FORMAT", MOMENT, "2026 жылғы 4 маусым, 11:00"),
        ("kk", "SHORT_DATE_FORMAT", DAY, "01.09.2026"),
        ("ru", "DATE_FORMAT", DAY, "1 сентября 2026 г."),
        ("ru", "YEAR_MONTH_FORMAT", datetime.date(2026, 6, 1), "июнь 2026 г."),
        ("ru", "MONTH_DAY_FORMAT", DAY, "1 сентября"),
        ("ru", "DATETIME_FORMAT", MOMENT, "4 июня 2026 г., 11:00"),
        ("ru", "SHORT_DATE_FORMAT", DAY, "01.09.2026"),
        ("en", "DATE_FORMAT", DAY, "1 September 2026"),
        ("en", "YEAR_MONTH_FORMAT", DAY, "September 2026"),
        ("en", "MONTH_DAY_FORMAT", DAY, "1 September"),
        ("en", "DATETIME_FORMAT", MOMENT, "4 June 2026, 11:00"),
    ],
)
def test_every_format_in_every_language(settings, lang, fmt, value, expected):
    settings.TIME_ZONE = "Asia/Almaty"
    assert render(lang, "{{ value|date:fmt }}", value=value, fmt=fmt) == expected


@pytest.mark.parametrize(
    ("month", "kk", "ru"),
    [(1, "қаңтар", "января"), (2, "ақпан", "февраля"), (5, "мамыр", "мая"), (12, "желтоқсан", "декабря")],
)
def test_every_month_is_lowercase_in_kazakh_and_genitive_in_russian(month, kk, ru):
    day = datetime.date(2026, month, 3)
    assert render("kk", '{{ d|date:"DATE_FORMAT" }}', d=day) == f"2026 жылғы 3 {kk}"
    assert render("ru", '{{ d|date:"DATE_FORMAT" }}', d=day) == f"3 {ru} 2026 г."


@pytest.mark.django_db
def test_a_kazakh_meeting_page_shows_the_kazakh_date(client, tour):
    meeting = factories.MeetingFactory(
        tour=tour, status=Meeting.Status.HELD, starts_at=datetime.datetime(2026, 9, 1, 10, 0, tzinfo=datetime.UTC)
    )
    html = client.get(f"/kk/meetings/{meeting.pk}/").content.decode()
    assert "2026 жылғы 1 қыркүйек" in html
    assert "Қыркүйек" not in html
    html = client.get(f"/ru/meetings/{meeting.pk}/").content.decode()
    assert "1 сентября 2026 г." in html


@pytest.mark.django_db
def test_the_commitment_e_mail_and_the_memorandum_pdf_use_the_same_dates(tour, astana):
    memorandum = factories.MemorandumFactory(region=astana, tour=tour, valid_from=DAY, valid_until=DAY)
    commitment = factories.CommitmentFactory(memorandum=memorandum, due_on=datetime.date(2027, 3, 31))
    with translation.override("kk"):
        mail = render_to_string(
            "consultations/memoranda/email_commitment.txt", {"commitment": commitment, "overdue": False}
        )
        pdf = render_to_string(
            "consultations/memoranda/memorandum_pdf.html",
            {"memorandum": memorandum, "commitments": [commitment], "fonts_css": ""},
        )
    assert "2027 жылғы 31 наурыз" in mail
    assert "2026 жылғы 1 қыркүйек" in pdf
    assert "2027 жылғы 31 наурыз" in pdf
    with translation.override("ru"):
        pdf = render_to_string(
            "consultations/memoranda/memorandum_pdf.html",
            {"memorandum": memorandum, "commitments": [commitment], "fonts_css": ""},
        )
    assert "31 марта 2027 г." in pdf


@pytest.mark.django_db
def test_the_reminder_subject_writes_the_date_as_pages_do(astana, tour):
    from consultations.models import Notification
    from consultations.services.memoranda import _commitment_message

    memorandum = factories.MemorandumFactory(region=astana, tour=tour)
    commitment = factories.CommitmentFactory(memorandum=memorandum, due_on=datetime.date(2026, 12, 6))
    with translation.override("kk"):
        subject, _body, _to = _commitment_message(Notification.Kind.DUE_SOON, commitment)
    assert subject.startswith("Міндеттеменің мерзімі — 2026 жылғы 6 желтоқсан: ")
