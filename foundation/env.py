"""Typed readers for settings taken from the environment.

Each helper raises ImproperlyConfigured naming the variable when its value cannot be
understood, so a typo in a deployment stops start-up instead of silently using a default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envdb(name: str, default: str) -> dict:
    """Parse a database URL (postgres://..., sqlite:///...) into Django's DATABASES entry."""
    import environ

    raw = os.environ.get(name) or default
    if raw.split("://", 1)[0] not in ("postgres", "postgresql", "pgsql", "sqlite"):
        raise ImproperlyConfigured(f"{name} must be a postgres:// or sqlite:// URL; got {raw!r}")
    try:
        config = environ.Env.db_url_config(raw)
    except Exception as exc:  # environ raises several kinds for a malformed URL
        raise ImproperlyConfigured(f"{name} is not a valid database URL ({exc}); got {raw!r}") from None
    return config


def envurl(name: str, allowed_schemes: tuple[str, ...]) -> str | None:
    raw = os.environ.get(name)
    if not raw:
        return None
    scheme = raw.split("://", 1)[0] if "://" in raw else ""
    if scheme not in allowed_schemes:
        raise ImproperlyConfigured(
            f"{name} must start with one of {', '.join(s + '://' for s in allowed_schemes)}; got {raw!r}"
        )
    return raw
