"""What /healthz reports, part by part.

foundation knows the database, the cache and the broker. Apps add their own parts (the outbox
its queue) with `register` in their AppConfig.ready, so foundation imports no app.
A part's check returns "ok", "eager" (not needed in this configuration), "error: <why>", or a
dict with a "state" key of those values and figures beside it.
"""

from collections.abc import Callable

_parts: dict[str, Callable[[], str | dict]] = {}


def register(name: str, check: Callable[[], str | dict]) -> None:
    _parts[name] = check


def state_of(value: str | dict) -> str:
    return value["state"] if isinstance(value, dict) else value


def report() -> dict[str, str | dict]:
    out = {}
    for name, check in _parts.items():
        try:
            out[name] = check()
        except Exception as exc:  # report, don't crash: this is the health endpoint
            out[name] = f"error: {exc.__class__.__name__}"
    return out
