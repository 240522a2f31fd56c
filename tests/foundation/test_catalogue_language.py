"""The catalogues as a reviewer reads them: counts go through ngettext, ambiguous words carry a
context, and the glossary's terms are used (GLOSSARY.md)."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

LOCALE = Path(__file__).resolve().parents[2] / "locale"

# A placeholder followed by a word is a count of something ("%(days)s days", "%(total)s proposals")
# unless the word is one of these (a verb or a preposition after a name, a code or a unit).
NOT_A_NOUN = {
    "of", "to", "and", "or", "is", "are", "has", "have", "saved", "must", "MB", "was", "were", "will",
    "would", "follow", "cannot", "already", "now", "attended", "as",
}  # fmt: skip
COUNTED = re.compile(r"%\((\w+)\)[sd] ([A-Za-z]+)")


def entries(lang="ru"):
    return [e for e in polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po")) if not e.obsolete]


def counts_without_plural(msgid: str) -> list[str]:
    return [f"%({name})s {word}" for name, word in COUNTED.findall(msgid) if word not in NOT_A_NOUN]


def test_the_check_recognises_a_count():
    assert counts_without_plural("Commitments due within %(due_within_days)s days or overdue") == [
        "%(due_within_days)s days"
    ]
    assert counts_without_plural("%(codes)s are duplicates; %(who)s saved it; up to %(mb)s MB") == []


def test_no_message_counts_something_without_ngettext():
    offenders = [e.msgid for e in entries() if not e.msgid_plural and counts_without_plural(e.msgid)]
    assert offenders == []


def test_no_translation_abbreviates_a_counted_noun():
    # «14 дн.»: Russian needs three forms, never an abbreviation standing in for them.
    offenders = [e.msgid for e in entries("ru") if re.search(r"\)[sd] дн\.", e.msgstr)]
    assert offenders == []


@pytest.mark.parametrize("msgid", ["Received", "Signed", "Open", "From", "To"])
def test_bare_ambiguous_words_are_used_only_with_a_context(msgid):
    without_context = [e for e in entries() if e.msgid == msgid and not e.msgctxt]
    assert without_context == []


@pytest.mark.parametrize(
    ("lang", "forbidden"),
    [
        ("kk", ["консультациялық тур", "мүмкіндігі шектеулі", "Қолданушы", "қолданушы", "Өшіру"]),
        ("ru", ["консультационный тур", "ограниченными возможностями", "Спасибо:", "Легенда", "Ещё не посещён"]),
    ],
)
def test_the_catalogue_uses_the_glossarys_terms(lang, forbidden):
    found = [
        (e.msgid, word)
        for e in entries(lang)
        for text in [e.msgstr, *e.msgstr_plural.values()]
        for word in forbidden
        if word in text
    ]
    assert found == []


@pytest.mark.parametrize(
    ("lang", "msgid", "expected"),
    [
        ("kk", "Regional consultation tour", "Өңірлік кездесулер"),
        ("ru", "Regional consultation tour", "Региональные встречи"),
        ("kk", "Delete", "Жою"),
        ("kk", "User", "Пайдаланушы"),
        ("kk", "Accepted or already done", "Қабылданған немесе бұрыннан орындалған"),
        ("ru", "Legend", "Условные обозначения"),
        ("ru", "Not visited yet", "Визита ещё не было"),
        ("ru", "Thank you: your proposal is received", "Спасибо! Ваше предложение получено"),
        ("kk", "Proposal %(code)s", "%(code)s ұсынысы"),
    ],
)
def test_reviewed_translations(lang, msgid, expected):
    with translation.override(lang):
        assert gettext(msgid) == expected


def test_the_same_english_word_gets_the_right_russian_in_each_place():
    with translation.override("ru"):
        assert pgettext("proposal status", "Received") == "Зарегистрировано"
        assert pgettext("date a proposal came in", "Received") == "Дата поступления"
        assert pgettext("memorandum status", "Signed") == "Подписан"
        assert pgettext("date of signing", "Signed") == "Дата подписания"


@pytest.mark.django_db
def test_the_language_switcher_names_kazakh_as_a_language(client):
    html = client.get("/ru/").content.decode()
    assert 'lang="kk">Қазақша</a>' in html
    assert ">Қазақ<" not in html


@pytest.mark.django_db
def test_every_language_is_named_in_itself_in_the_switcher(client):
    html = client.get("/ru/").content.decode()
    for code, name in (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")):
        assert f'lang="{code}"' in html and f">{name}</a>" in html
    assert "Английский" not in html
