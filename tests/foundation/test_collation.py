"""Lists of names in the page language's alphabet (GLOSSARY.md, sorting), on both databases:
Kazakh names in the Kazakh alphabet, Russian names in the Russian one, never by character code
and never the Russian page by the Kazakh name."""

import re

import pytest
from django.utils import translation

from consultations.models import Region
from consultations.selectors import regions_with_progress
from foundation.collation import name_sort_key, sort_by_name
from proposals.forms import PublicFilterForm

# Written out by hand from the Kazakh alphabet (А Ә Б … Қ … Ұ Ү … Ш … І …).
KAZAKH_ORDER = [
    "Абай облысы",
    "Ақмола облысы",
    "Ақтөбе облысы",
    "Алматы",
    "Алматы облысы",
    "Астана",
    "Атырау облысы",
    "Батыс Қазақстан облысы",
    "Жамбыл облысы",
    "Жетісу облысы",
    "Қарағанды облысы",
    "Қостанай облысы",
    "Қызылорда облысы",
    "Маңғыстау облысы",
    "Павлодар облысы",
    "Солтүстік Қазақстан облысы",
    "Түркістан облысы",
    "Ұлытау облысы",
    "Шығыс Қазақстан облысы",
    "Шымкент",
]
RUSSIAN_ORDER = [
    "Акмолинская область",
    "Актюбинская область",
    "Алматинская область",
    "Алматы",
    "Астана",
    "Атырауская область",
    "Восточно-Казахстанская область",
    "Жамбылская область",
    "Западно-Казахстанская область",
    "Карагандинская область",
    "Костанайская область",
    "Кызылординская область",
    "Мангистауская область",
    "область Абай",
    "область Жетісу",
    "область Ұлытау",
    "Павлодарская область",
    "Северо-Казахстанская область",
    "Туркестанская область",
    "Шымкент",
]


def test_kazakh_letters_follow_their_russian_neighbours():
    words = ["Шымкент", "Шығыс", "Ұлытау", "Үржар", "Уральск", "Тараз", "Әйтеке", "Ақтау", "Абай", "Іле", "Ыбырай"]
    assert sorted(words, key=name_sort_key) == [
        "Абай",
        "Ақтау",
        "Әйтеке",
        "Тараз",
        "Уральск",
        "Ұлытау",
        "Үржар",
        "Шығыс",
        "Шымкент",
        "Ыбырай",
        "Іле",
    ]


def test_case_spaces_and_latin_do_not_break_the_order():
    assert sort_by_name(["астана", "Алматы облысы", "Алматы", "Zhezkazgan", "Ақтөбе"]) == [
        "Ақтөбе",
        "Алматы",
        "Алматы облысы",
        "астана",
        "Zhezkazgan",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "expected"), [("kk", KAZAKH_ORDER), ("ru", RUSSIAN_ORDER)])
def test_the_regions_list_is_in_the_page_languages_alphabet(client, lang, expected):
    with translation.override(lang):
        assert [region.name for region in regions_with_progress(None)] == expected
    html = client.get(f"/{lang}/regions/").content.decode()
    positions = [html.index(f">{name}<") for name in expected]
    assert positions == sorted(positions)


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "expected"), [("kk", KAZAKH_ORDER), ("ru", RUSSIAN_ORDER)])
def test_region_dropdowns_are_in_the_page_languages_alphabet(client, lang, expected):
    with translation.override(lang):
        labels = [label for value, label in PublicFilterForm().fields["region"].choices if value != ""]
    assert labels == expected
    html = client.get(f"/{lang}/proposals/").content.decode()
    select = re.search(r'<select name="region".*?</select>', html, re.S).group(0)
    assert re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select) == expected


@pytest.mark.django_db
def test_the_database_alone_would_get_it_wrong():
    """Why the sort is in Python: by character code Қ, Ұ, Ш… land in the wrong places."""
    by_code = list(Region.objects.order_by("name_kk").values_list("name_kk", flat=True))
    assert by_code != KAZAKH_ORDER
    assert sorted(KAZAKH_ORDER, key=name_sort_key) == KAZAKH_ORDER
