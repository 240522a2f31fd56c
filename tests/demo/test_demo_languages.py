"""The demo content reads right in Kazakh and Russian: the Astana meeting has both versions,
pages mark text shown in another language, and the Russian demo text passes a spell check
(hunspell with the Russian dictionary) and has none of the grammar errors a reviewer found."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from consultations.models import Commitment, Meeting, Memorandum, Region
from proposals.models import Proposal

pytestmark = pytest.mark.django_db
ACCEPTED_WORDS = Path(__file__).with_name("ru_accepted_words.txt")  # names and terms the dictionary lacks


def russian_texts() -> list[str]:
    """Every Russian text the demo writes: meetings, memoranda, commitments, proposals, answers."""
    texts = []
    for meeting in Meeting.objects.prefetch_related("participations"):
        fields = ("title", "venue", "chair", "hosts", "agenda", "summary", "outcomes")
        texts += [getattr(meeting, f"{field}_ru") or "" for field in fields]
        if meeting.minutes_language == "ru":
            texts.append(meeting.minutes)
            texts += [p.organisations for p in meeting.participations.all()]
    for memorandum in Memorandum.objects.all():
        fields = ("title", "foundation_signatory", "akimat_signatory", "signed_place")
        texts += [getattr(memorandum, f"{field}_ru") or "" for field in fields] + [memorandum.text_ru]
    texts += [c.description_ru or "" for c in Commitment.objects.all()]
    for proposal in Proposal.objects.all():
        texts.append(proposal.answer_ru or "")
        if proposal.language == "ru":
            texts += [proposal.text, proposal.author_organisation]
    return [t for t in texts if t]


def test_the_astana_meeting_page_speaks_the_pages_language(seeded, client):
    meeting = Meeting.objects.get(region__code_iso="KZ-71")
    ru = client.get(f"/ru/meetings/{meeting.pk}/").content.decode()
    assert "<h1>Встреча руководителя фонда «Қазақстан халқына» с общественностью города Астаны</h1>" in ru
    assert "Стороны подписали Меморандум о сотрудничестве" in ru
    assert "Подписан Меморандум о сотрудничестве (2026–2028 годы)" in ru
    assert "Болат Жамишев, председатель правления" in ru
    kk = client.get(f"/kk/meetings/{meeting.pk}/").content.decode()
    assert "<h1>«Қазақстан халқына» қорының басшысының Астана қаласының жұртшылығымен кездесуі</h1>" in kk
    assert "Тараптар Ынтымақтастық туралы меморандумға қол қойды" in kk


def test_text_shown_in_another_language_is_marked(seeded, client):
    meeting = Meeting.objects.get(region__code_iso="KZ-71")
    en = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    # Title and summary exist in English; the hosts and the outcomes fall back to Kazakh.
    assert "<h1>The head of the Qazaqstan Halqyna Public Foundation meets the public of Astana</h1>" in en
    assert re.search(r'<dd class="col-sm-9" lang="kk">Алтай Көлгінов', en)
    assert '<div lang="kk"><ul>\n<li>Ынтымақтастық' in en
    # The minutes are kept in Kazakh, the language of the meeting.
    ru = client.get(f"/ru/meetings/{meeting.pk}/").content.decode()
    assert re.search(r'data-testid="meeting-minutes">\s*<h2[^>]*>[^<]*</h2>\s*<div lang="kk">', ru)
    assert '<h1 lang="' not in ru


def test_russian_demo_text_declines_names_and_counts():
    """Names after prepositions and nouns are declined, people are counted with the right
    plural, and no template pastes a name into brackets or after a colon."""
    text = "\n".join(russian_texts())
    assert text  # the seed ran
    for region in Region.objects.exclude(center_ru=""):
        if region.center_ru_prep != region.center_ru:
            assert not re.search(rf"\bв {region.center_ru}\b(?!-)", text), region.center_ru
        if region.center_ru_gen != region.center_ru:
            assert not re.search(rf"\bколледжи {region.center_ru}\b", text), region.center_ru
    for bad in ("акиматом (", "Акимат (", "Заместитель акима:", "с общественностью:", "онлайн-форм"):
        assert bad not in text
    for number, word in re.findall(r"\b(\d+) (человека?)\b", text):
        n = int(number)
        few = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
        assert word == ("человека" if few else "человек"), f"{n} {word}"


@pytest.fixture
def seeded_texts(seeded):
    return russian_texts()


@pytest.mark.skipif(
    not (shutil.which("hunspell") and Path("/usr/share/hunspell/ru_RU.dic").exists()),
    reason="hunspell and hunspell-ru are not installed (.ci/run installs them)",
)
def test_russian_demo_text_passes_a_spell_check(seeded_texts):
    result = subprocess.run(
        ["hunspell", "-d", "ru_RU", "-p", str(ACCEPTED_WORDS), "-l"],
        input="\n".join(seeded_texts),
        capture_output=True,
        text=True,
        check=True,
    )
    unknown = sorted(set(result.stdout.split()))
    assert unknown == [], " ".join(unknown)


def test_the_spell_check_catches_a_misspelling():
    if not shutil.which("hunspell"):
        pytest.skip("hunspell is not installed")
    result = subprocess.run(
        ["hunspell", "-d", "ru_RU", "-p", str(ACCEPTED_WORDS), "-l"],
        input="Встреча с общественостью в Караганде",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["общественостью"]


def test_demo_text_uses_the_glossarys_disability_terms(seeded):
    from programs.models import Program

    texts = russian_texts() + [p.summary_kk or "" for p in Program.objects.all()]
    texts += list(Proposal.objects.values_list("text", flat=True))
    for old in ("мүмкіндігі шектеулі", "Мүмкіндігі шектеулі", "с ограниченными возможностями"):
        assert not [t for t in texts if old in t], old


def test_proposals_are_shown_as_written_and_marked(seeded, client):
    astana = Region.objects.get(code_iso="KZ-71")
    html = client.get(f"/ru/proposals/?region={astana.pk}").content.decode()
    assert re.search(r'<a href="/ru/proposals/\w+/" lang="kk">', html)  # the Astana proposals were made in Kazakh
    assert not re.search(r'<a href="/kk/proposals/\w+/" lang="kk">', client.get("/kk/proposals/").content.decode())
