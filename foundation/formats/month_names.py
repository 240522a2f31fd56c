"""Month names as our catalogue gives them, overriding Django's own translations.

Django formats dates with these msgids (django/utils/dates.py); ours take precedence because
LOCALE_PATHS comes first. Kazakh writes every month name lowercase («2026 жылғы 1 қыркүйек»,
Django's kk catalogue capitalises them); Russian lowercases the nominative («июнь 2026 г.»;
a heading capitalises with |capfirst). Listing them here keeps them in our catalogue when
makemessages runs.
"""

from django.utils.translation import gettext_lazy, pgettext_lazy

MONTHS = (
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
)
# The form used after a day number (Django's "E" format): Russian genitive «сентября».
MONTHS_ALT = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
