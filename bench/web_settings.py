"""Settings of the page benchmark's web server: production settings plus a bare "hello" view."""

import warnings

from foundation.settings import *  # noqa: F403
from foundation.settings import STORAGES

ROOT_URLCONF = "bench.web_urls"
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
# Plain HTTP on the loopback, and no collectstatic needed.
SECURE_SSL_REDIRECT = False
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# whitenoise warns once per worker that collectstatic has not run; the bench serves no static file.
warnings.filterwarnings("ignore", message="No directory at")
