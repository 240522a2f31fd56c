"""Reading query parameters that may hold anything: garbage gives None, never an exception.

`"²".isdigit()` is true and `int("٣")` is 3, so "is it a number" is asked of ASCII digits only;
numbers and dates are bounded so that no later arithmetic or query overflows.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError

MAX_INT = 2**31 - 1  # the largest value of an integer column
FIRST_YEAR, LAST_YEAR = 1900, 2999


def int_param(raw, *, minimum: int = 1, maximum: int = MAX_INT) -> int | None:
    """A whole number written in ASCII digits within [minimum, maximum]; else None."""
    if not isinstance(raw, str) or not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def month_param(raw) -> datetime.date | None:
    """The first day of a month written `YYYY-MM`, between FIRST_YEAR and LAST_YEAR; else None."""
    if not isinstance(raw, str) or raw.count("-") != 1:
        return None
    year, month = raw.split("-")
    year = int_param(year, minimum=FIRST_YEAR, maximum=LAST_YEAR)
    month = int_param(month, minimum=1, maximum=12)
    if year is None or month is None:
        return None
    return datetime.date(year, month, 1)


class ModelIdsField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField that refuses ids no integer column can hold before querying.

    Django checks each value with an exact lookup (which tolerates any number) but then asks
    for all of them with `pk__in`, which SQLite cannot bind beyond 64 bits.
    """

    def _check_values(self, value):
        for item in value:
            if int_param(str(item)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
        return super()._check_values(value)
