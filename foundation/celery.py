import os
import time

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foundation.settings")

app = Celery("foundation")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Worker liveness for /healthz: every worker writes the time into the cache every
# HEARTBEAT_SECONDS from its own event loop, so a worker that is gone, or stuck and no longer
# consuming, stops renewing it.
HEARTBEAT_KEY = "celery:worker-heartbeat"
HEARTBEAT_SECONDS = 30
HEARTBEAT_STALE_SECONDS = 3 * HEARTBEAT_SECONDS


def write_heartbeat() -> None:
    from foundation import cache as best_effort

    best_effort.set(HEARTBEAT_KEY, time.time(), timeout=None)


class Heartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_entry = None

    def start(self, worker):
        write_heartbeat()
        self.timer_entry = worker.timer.call_repeatedly(HEARTBEAT_SECONDS, write_heartbeat)

    def stop(self, worker):
        if self.timer_entry is not None:
            self.timer_entry.cancel()


app.steps["worker"].add(Heartbeat)
