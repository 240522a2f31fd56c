# Celery finds tasks in <app>.tasks; each area keeps its own module.
from consultations.tasks.meetings import *  # noqa: F401,F403
from consultations.tasks.memoranda import *  # noqa: F401,F403
