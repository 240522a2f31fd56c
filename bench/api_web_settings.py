"""Settings for bench/api_bench.py's gunicorn: the site's own, plus a bare floor view."""

from foundation.settings import *  # noqa: F403

ROOT_URLCONF = "bench.api_web_urls"
