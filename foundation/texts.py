"""Limits and checks on every text people type, shared by forms, imports, the admin and models.

Each free text has a length limit, so a 2 MB "proposal" is refused with a message rather than
overflowing the full-text index or keeping a similarity query busy for seconds; and a text
must show something, so one made only of spaces or invisible characters (zero-width spaces,
byte-order marks) counts as empty.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# Limits in characters.
NOTE_MAX = 5_000  # a comment, a progress note, a commitment, one participation line
PROPOSAL_MAX = 5_000  # a proposal: a page and a half of text
ANSWER_MAX = 20_000  # an official answer, a summary, an agenda, a program's description
DOCUMENT_MAX = 200_000  # minutes and a memorandum's text: a long document in Markdown


@deconstructible
class TextLengthValidator(MaxLengthValidator):
    message = ngettext_lazy(
        "This text has %(show_value)d characters; the limit is %(limit_value)d character. Shorten it.",
        "This text has %(show_value)d characters; the limit is %(limit_value)d characters. Shorten it.",
        "limit_value",
    )
    code = "text_too_long"


def is_invisible(char: str) -> bool:
    """Whitespace, or a format character (zero-width space and joiners, BOM, direction marks)."""
    return char.isspace() or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp")


def validate_visible(value: str) -> None:
    """A text must contain something to read: only spaces or invisible characters is refused."""
    if value and all(is_invisible(char) for char in value):
        raise ValidationError(
            _("This text has no visible characters. Write it out or leave it empty."), code="invisible"
        )


def text_validators(limit: int) -> list:
    """The checks of a free text of at most `limit` characters, for a model or a form field."""
    return [TextLengthValidator(limit), validate_visible, ProhibitNullCharactersValidator()]


def text_errors(value: str, limit: int) -> list[str]:
    """The messages `text_validators(limit)` gives for `value` (for imports, which check rows)."""
    errors = []
    for validator in text_validators(limit):
        try:
            validator(value)
        except ValidationError as error:
            errors.extend(error.messages)
    return errors


class TextField(forms.CharField):
    """A form's free-text field with the shared checks; a textarea unless told otherwise."""

    def __init__(self, *, limit: int, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)
        self.validators.extend(v for v in text_validators(limit) if not isinstance(v, ProhibitNullCharactersValidator))
