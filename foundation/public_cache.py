"""Whole-page cache for anonymous visitors of the public pages.

Every cached page is keyed by a content version. Saving or deleting any public content
(meetings, memoranda, programs, proposals, ...) bumps the version, so all cached pages go
stale at once; they then expire by themselves. Each app connects `bump_content_version` to
its own models' signals in its `apps.py`, so no app has to import another.

The cache is best-effort (foundation/cache.py): when it cannot answer, pages render uncached.
Invalidation fails safe: a bump that could not be written is remembered by the process and
written before this process reads the version again, and no page is served or stored while
the version cannot be read. Pages also expire by themselves after PUBLIC_PAGE_CACHE_SECONDS,
which bounds what a process that never comes back could leave behind.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from foundation import cache as best_effort

VERSION_KEY = "public-pages:content-version"
_bump_pending = False  # this process changed content but could not tell the cache yet


def content_version() -> int | None:
    """The current content version; None when the cache cannot say (then cache nothing)."""
    if _bump_pending and not bump_content_version():
        return None
    # A fresh value (not 1) when the key is missing, so an evicted version never brings
    # back pages cached under an earlier one.
    version = best_effort.attempt("get_or_set", VERSION_KEY, time.time_ns, timeout=None)
    return None if version is best_effort.UNAVAILABLE else version


def _write_version() -> bool:
    global _bump_pending
    _bump_pending = not best_effort.set(VERSION_KEY, time.time_ns(), timeout=None)
    return not _bump_pending


def _bump_after_commit() -> None:
    _write_version()


def bump_content_version(**kwargs) -> bool:
    """Signal receiver: anything the public sees has changed. Never fails the write.

    Inside a transaction it bumps again, once, when the transaction commits: until then other
    processes still read the old data, and a page they render meanwhile would otherwise stay
    cached under the new version.
    """
    written = _write_version()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(func is _bump_after_commit for _s, func, _r in connection.run_on_commit):
        transaction.on_commit(_bump_after_commit)
    return written


def _cacheable_request(request) -> bool:
    # A session or a pending message means the page may carry per-visitor content
    # (user name, CSRF token, "thank you" message): never serve or store those.
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not request.user.is_authenticated


def cache_key(request) -> str | None:
    version = content_version()
    if version is None:
        return None
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"public-pages:{version}:{get_language()}:{path}"


def public_page(view):
    """Serve the view's 200 responses from the cache for anonymous visitors."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = cache_key(request)
        if key is None:  # the cache is down: render, as if the cache were off
            return view(request, *args, **kwargs)
        cached = best_effort.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Public-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            # A page that changes by itself at a known time (an event's join link appears) says
            # how long it stays right; it is cached no longer than that.
            limit = getattr(response, "public_cache_seconds", None)
            if limit is not None:
                seconds = min(seconds, int(limit))
            if response.status_code == 200 and not response.streaming and not response.cookies and seconds > 0:
                stored = best_effort.set(key, (response.content, response["Content-Type"]), seconds)
                response["X-Public-Cache"] = "miss" if stored else "off"
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
