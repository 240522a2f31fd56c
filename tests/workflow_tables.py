"""Workflow tables written out by hand in the tests (never read from the code's TRANSITIONS):
one line per allowed move, "from to [who]"; every other cell of the status grid is refused."""

from django.utils import translation


def moves(table: str) -> set[tuple[str, ...]]:
    return {tuple(line.split()) for line in table.strip().splitlines()}


def status_pairs(status) -> list[tuple[str, str]]:
    """Every (from, to) of a TextChoices status with from != to: the grid a table must cover."""
    return [(a, b) for a in status.values for b in status.values if a != b]


def in_english():
    """The services' messages in English, whatever the default language."""
    return translation.override("en")
