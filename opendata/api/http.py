"""What every API response shares: its language, conditional GET (ETag, Last-Modified, 304)
and CORS for reading from any origin (GET and HEAD only)."""

import datetime
import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from foundation import cache as best_effort
from foundation import public_cache

SAFE_METHODS = ("GET", "HEAD")
CORS_ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
CORS_EXPOSED_HEADERS = "ETag, Retry-After, Content-Language"
CORS_MAX_AGE = "86400"


def api_language(request) -> str:
    """`?lang=` when it names a site language, else the best of Accept-Language, else Kazakh.

    Cookies and paths play no part: the same URL with the same headers always answers in the
    same language, which keeps ETags and shared caches honest.
    """
    codes = [code for code, _ in settings.LANGUAGES]
    requested = request.GET.get("lang", "")
    if requested in codes:
        return requested
    for code, _quality in translation.trans_real.parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in codes:
            return base
    return settings.LANGUAGE_CODE


class NotModified(APIException):
    status_code = status.HTTP_304_NOT_MODIFIED


class CachedBody(APIException):
    """The same representation was rendered moments ago (same ETag): answer it again."""

    def __init__(self, content_type: str, content: bytes):
        self.content_type, self.content = content_type, content


def _content_version() -> int | None:
    """The public content version (time of the last change, in ns); None when the cache is down,
    and then ETags come from the body."""
    return public_cache.content_version()


def _start_of_today() -> datetime.datetime:
    # Overdue is derived from today's date: the same data reads differently tomorrow.
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))


def _matches(request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return etag in candidates


class PublicAPIMixin:
    # For every API view: language, conditional GET, CORS. Validators are computed before any
    # query from the public content version (bumped on every public change), so a repeated
    # request costs one cache read; when the cache is down they come from the body instead.
    # A rendered 200 is kept for BODY_CACHE_SECONDS under its ETag, so the same request (the
    # first page that every client polls) is answered again without a query until content changes.
    # (A comment, not a docstring: the schema would show a docstring on every operation.)
    BODY_CACHE_SECONDS = 60
    language = settings.LANGUAGE_CODE  # until initial() has read the request
    etag = last_modified = body_key = None

    def initial(self, request, *args, **kwargs):
        self.language = api_language(request)
        translation.activate(self.language)
        request.LANGUAGE_CODE = self.language
        super().initial(request, *args, **kwargs)  # throttling first: a 304 is a request too
        self.etag = self.last_modified = self.body_key = None
        if request.method in SAFE_METHODS:
            version = _content_version()
            if version is not None:
                self.last_modified = max(
                    datetime.datetime.fromtimestamp(version / 1e9, tz=datetime.UTC), _start_of_today()
                )
                key = f"{version}|{timezone.localdate()}|{self.language}|{request.get_full_path()}|{request.accepted_media_type}"
                self.etag = quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])
                if self._not_modified(request):
                    raise NotModified
                self.body_key = f"api-body:{self.etag}:{request.get_host()}"
                cached = best_effort.get(self.body_key)
                if cached is not None:
                    raise CachedBody(*cached)

    def _not_modified(self, request) -> bool:
        if "If-None-Match" in request.headers:
            return _matches(request, self.etag)
        since = request.headers.get("If-Modified-Since")
        if since and self.last_modified:
            seconds = parse_http_date_safe(since)
            return seconds is not None and int(self.last_modified.timestamp()) <= seconds
        return False

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return Response(status=status.HTTP_304_NOT_MODIFIED)
        if isinstance(exc, CachedBody):
            self.body_key = None  # already stored
            return HttpResponse(exc.content, content_type=exc.content_type)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        method = request.method
        if method in SAFE_METHODS and response.status_code in (200, 304):
            if self.etag is None and response.status_code == 200:
                # No content version (cache down): the body itself is the validator.
                response.render()
                self.etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
                if _matches(request, self.etag):
                    response = Response(status=status.HTTP_304_NOT_MODIFIED)
                    response = super().finalize_response(request, response, *args, **kwargs)
            if self.body_key and response.status_code == 200 and isinstance(response, Response):
                response.render()
                best_effort.set(self.body_key, (response["Content-Type"], response.content), self.BODY_CACHE_SECONDS)
            if self.etag:
                response["ETag"] = self.etag
            if self.last_modified:
                response["Last-Modified"] = http_date(self.last_modified.timestamp())
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
        response["Content-Language"] = self.language
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        add_cors_headers(request, response)
        return response


def add_cors_headers(request, response) -> None:
    """Anyone may read the API from a browser on another site: GET and HEAD only, no credentials."""
    if request.method in SAFE_METHODS:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = CORS_EXPOSED_HEADERS
    elif request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Method") in SAFE_METHODS:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = CORS_ALLOWED_HEADERS
        response["Access-Control-Max-Age"] = CORS_MAX_AGE
