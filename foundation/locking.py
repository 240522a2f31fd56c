"""Optimistic locking: the one way a save checks that nobody saved in between."""

from django.db.models import F


def claim_next_version(model, pk, expected_version) -> bool:
    """Move the row's `version` from `expected_version` to the next one; False when someone
    saved in between (nothing was written).

    A conditional UPDATE: of two concurrent saves carrying the same version exactly one
    matches the row, on SQLite and PostgreSQL alike.
    """
    return model.objects.filter(pk=pk, version=expected_version).update(version=F("version") + 1) == 1
