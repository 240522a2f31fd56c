"""Where uploaded files live: the options for an S3-compatible bucket, and walking any storage.

Settings import this module, so it imports nothing from Django's app registry.
"""

from foundation.env import envint, envstr

SIGNED_URL_SECONDS = 300


def s3_storage_options() -> dict:
    """django-storages' S3Storage options from AWS_* variables (any S3-compatible service).

    Objects are written private (no public-read ACL, signed URLs only, short-lived), and a name
    that is taken gets a suffix instead of overwriting another upload.
    """
    return {
        "bucket_name": envstr("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": envstr("AWS_S3_ENDPOINT_URL") or None,
        "region_name": envstr("AWS_S3_REGION_NAME") or None,
        "access_key": envstr("AWS_ACCESS_KEY_ID") or None,
        "secret_key": envstr("AWS_SECRET_ACCESS_KEY") or None,
        "location": envstr("AWS_LOCATION", ""),
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": envint("AWS_QUERYSTRING_EXPIRE", SIGNED_URL_SECONDS),
        "file_overwrite": False,
        # Path-style addressing works with every S3-compatible server (MinIO, Ceph, moto).
        "addressing_style": envstr("AWS_S3_ADDRESSING_STYLE", "path"),
        "signature_version": "s3v4",
    }


def walk(storage, top: str = ""):
    """Every file name in a storage (local disk or bucket), depth first, through the storage API."""
    dirs, files = storage.listdir(top)
    for name in sorted(files):
        yield f"{top}/{name}" if top else name
    for name in sorted(dirs):
        yield from walk(storage, f"{top}/{name}" if top else name)
