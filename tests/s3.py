"""A local S3-compatible server (moto's server mode) for the media storage tests.

One server per test session, on a free loopback port; each test gets a bucket of its own and
the default storage pointed at it, exactly as MEDIA_STORAGE=s3 configures it in production.
"""

import socket
import uuid
from dataclasses import dataclass

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"
REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server():
    """Start moto's S3 server in a thread; returns (server, endpoint URL)."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server, f"http://127.0.0.1:{port}"


def client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )


@dataclass
class Bucket:
    endpoint: str
    name: str

    @property
    def client(self):
        return client(self.endpoint)

    def names(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def storage_settings(self) -> dict:
        """The STORAGES["default"] entry settings.py builds for MEDIA_STORAGE=s3 with this bucket."""
        import os
        from unittest import mock

        from foundation.storage import s3_storage_options

        env = {
            "AWS_STORAGE_BUCKET_NAME": self.name,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }
        with mock.patch.dict(os.environ, env):
            return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options()}


def new_bucket(endpoint: str) -> Bucket:
    bucket = Bucket(endpoint, f"media-{uuid.uuid4().hex[:12]}")
    bucket.client.create_bucket(Bucket=bucket.name)
    return bucket
