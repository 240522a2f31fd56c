"""Production settings for a web node started by a test, less collectstatic.

Pages and error pages name static files; plain storage gives their URLs without the manifest
that `collectstatic` writes (half a minute of compressing that such a test has no use for).
"""

from foundation.settings import *  # noqa: F403
from foundation.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
