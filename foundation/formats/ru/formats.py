# Russian formats: Django's, with the day and month in the genitive («1 сентября») and the
# month-year lowercase («июнь 2026 г.»: our catalogue lowercases the nominative month names).
from django.conf.locale.ru.formats import *  # noqa: F403

DATETIME_FORMAT = "j E Y г., H:i"
MONTH_DAY_FORMAT = "j E"
