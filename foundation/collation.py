"""Alphabetical order of names as readers expect it, the same on PostgreSQL and SQLite.

Databases compare Cyrillic by character code unless an ICU collation is set up, so Kazakh
letters (Ә, Қ, Ұ, …) land after Я and «Шымкент» comes before «Шығыс Қазақстан». Lists of names
are short (20 regions, a few dozen programs), so they are put in order here, in Python, with one
key: every list of names on every page uses `sort_by_name` (or a field from this module).

The Kazakh alphabet is the Russian one with the Kazakh letters after their nearest Russian
letter, so one table orders both: Kazakh names in the Kazakh alphabet, Russian names in the
Russian alphabet (a Kazakh letter in a Russian name, as in «область Ұлытау», takes its Kazakh
place). Latin letters come after Cyrillic; case, spaces and punctuation do not decide.
"""

from django import forms
from django.forms.models import ModelChoiceIterator

from foundation.params import ModelIdsField

# GLOSSARY.md, style rules.
KAZAKH_ALPHABET = [
    "А",
    "Ә",
    "Б",
    "В",
    "Г",
    "Ғ",
    "Д",
    "Е",
    "Ё",
    "Ж",
    "З",
    "И",
    "Й",
    "К",
    "Қ",
    "Л",
    "М",
    "Н",
    "Ң",
    "О",
    "Ө",
    "П",
    "Р",
    "С",
    "Т",
    "У",
    "Ұ",
    "Ү",
    "Ф",
    "Х",
    "Һ",
    "Ц",
    "Ч",
    "Ш",
    "Щ",
    "Ъ",
    "Ы",
    "І",
    "Ь",
    "Э",
    "Ю",
    "Я",
]
_RANK = {letter: i for i, letter in enumerate(KAZAKH_ALPHABET)}
_LATIN_BASE = len(KAZAKH_ALPHABET)


def _letter_rank(char: str) -> int | None:
    upper = char.upper()
    if upper in _RANK:
        return 100 + _RANK[upper]
    if "A" <= upper <= "Z":
        return 100 + _LATIN_BASE + ord(upper) - ord("A")
    if char.isdigit():
        return ord(char) - ord("0")
    return None  # spaces, hyphens, quotes: skipped at the first level


def name_sort_key(text: str) -> tuple:
    """Letters by the alphabet first; then, to break ties, the full text (case, punctuation)."""
    ranks = tuple(r for r in map(_letter_rank, text or "") if r is not None)
    return (ranks, text or "")


def sort_by_name(items, key=str) -> list:
    """`items` in alphabetical order of `key(item)` (default: the item's str, which for a
    translated model is its name in the active language)."""
    return sorted(items, key=lambda item: name_sort_key(key(item)))


class NameOrderedIterator(ModelChoiceIterator):
    """Choices of a model field in alphabetical order of their labels, in the language active
    when the form is rendered."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        if not queryset._prefetch_related_lookups:
            queryset = queryset.iterator()
        for obj in sort_by_name(queryset, key=self.field.label_from_instance):
            yield self.choice(obj)


class NameOrderedModelChoiceField(forms.ModelChoiceField):
    iterator = NameOrderedIterator


class NameOrderedModelMultipleChoiceField(ModelIdsField):
    iterator = NameOrderedIterator
