"""The open-data package: a ZIP of one CSV per dataset (UTF-8 with a BOM, formula-safe), a README
data dictionary in kk/ru/en, the licence (CC BY 4.0), a datapackage.json descriptor, and the
date of the snapshot. Built in the background (nightly and when staff ask), kept in the default
storage, served by `opendata.views.download`."""

import csv
import hashlib
import io
import json
import logging
import tempfile
import zipfile
from pathlib import Path

from django.core.files import File
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foundation.links import absolute
from foundation.spreadsheets import safe_cell
from opendata.datasets import DATASETS, LANGS
from opendata.models import Package

logger = logging.getLogger(__name__)

LICENCE_TEXT = Path(__file__).resolve().parent / "data" / "CC-BY-4.0.txt"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
KEEP_READY = 3  # older packages are deleted, files and rows, after a new one is ready
KEEP_FAILED = 10


def write_csv(handle, header, rows) -> int:
    """Write a header and rows as CSV through safe_cell; returns the number of rows."""
    writer = csv.writer(handle)
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    return count


def readme(lang: str, snapshot_at, counts: dict) -> str:
    with translation.override(lang):
        return render_to_string(
            "opendata/package/readme.txt",
            {
                "lang": lang,
                "snapshot": timezone.localtime(snapshot_at),
                "snapshot_iso": timezone.localtime(snapshot_at).isoformat(timespec="seconds"),
                "datasets": [(dataset, counts.get(dataset.name, 0)) for dataset in DATASETS],
                "site_url": absolute(f"/{lang}/"),
                "licence_url": LICENCE_URL,
            },
        )


def descriptor(snapshot_at, counts: dict) -> dict:
    """A Frictionless Data Package descriptor: the same dictionary, machine-readable (English)."""
    with translation.override("en"):
        return {
            "profile": "tabular-data-package",
            "name": "regional-consultation-tour",
            "title": "Regional consultation tour: open data",
            "homepage": absolute("/en/"),
            "created": timezone.localtime(snapshot_at).isoformat(timespec="seconds"),
            "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": LICENCE_URL}],
            "resources": [
                {
                    "name": dataset.name,
                    "path": dataset.filename,
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8-sig",
                    "description": str(dataset.description),
                    "rows": counts.get(dataset.name, 0),
                    "schema": {
                        "fields": [
                            {"name": column.name, "type": column.type, "description": str(column.description)}
                            for column in dataset.columns
                        ]
                    },
                }
                for dataset in DATASETS
            ],
        }


def write_zip(target, snapshot_at) -> dict:
    """Write the whole package into the binary file `target`; returns rows per dataset."""
    local = timezone.localtime(snapshot_at)

    def entry(name: str) -> zipfile.ZipInfo:
        # Dated with the snapshot and readable by everyone once unpacked.
        info = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    counts = {}
    with zipfile.ZipFile(target, "w") as archive:
        for dataset in DATASETS:
            header = [column.name for column in dataset.columns]
            rows = ([column.get(obj) for column in dataset.columns] for obj in dataset.rows())
            with io.TextIOWrapper(
                archive.open(entry(dataset.filename), "w", force_zip64=True), encoding="utf-8-sig", newline=""
            ) as handle:
                counts[dataset.name] = write_csv(handle, header, rows)
        for lang in LANGS:
            archive.writestr(entry(f"README.{lang}.md"), readme(lang, snapshot_at, counts))
        archive.writestr(entry("LICENSE.txt"), LICENCE_TEXT.read_text(encoding="utf-8"))
        archive.writestr(
            entry("datapackage.json"), json.dumps(descriptor(snapshot_at, counts), ensure_ascii=False, indent=2)
        )
    return counts


def _read_one_snapshot() -> None:
    """On PostgreSQL, read every dataset from one snapshot of the database (a proposal answered
    mid-build appears in all files or in none). Only as the first statement of an outermost
    transaction (not inside a test's)."""
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def request_package(*, requested_by=None) -> Package:
    """Queue a build (staff "rebuild now"); the worker builds it, or the request itself when
    tasks run eagerly."""
    from outbox import services as outbox

    with transaction.atomic():  # the package row and its job in the outbox, together
        package = Package.objects.create(requested_by=requested_by)
        outbox.enqueue_job("opendata.tasks.build_package", package.pk, description=_("Open-data package"))
    return package


def build(package_id: int | None = None) -> Package | None:
    """Build one package (a new one when no id is given). Claimed by a conditional update, so a
    retried or duplicated task builds it once. A failure is recorded on the package and logged."""
    if package_id is None:
        package_id = Package.objects.create().pk
    if not Package.objects.filter(pk=package_id, status=Package.Status.PENDING).update(status=Package.Status.RUNNING):
        return None
    package = Package.objects.get(pk=package_id)
    try:
        with tempfile.TemporaryFile() as tmp:
            with transaction.atomic():
                _read_one_snapshot()
                snapshot_at = timezone.now()
                counts = write_zip(tmp, snapshot_at)
            digest = hashlib.sha256()
            tmp.seek(0)
            for chunk in iter(lambda: tmp.read(1 << 20), b""):
                digest.update(chunk)
            size = tmp.tell()
            tmp.seek(0)
            package.file.save(
                f"open-data-{timezone.localtime(snapshot_at):%Y%m%d-%H%M%S}-{package.pk}.zip", File(tmp), save=False
            )
    except Exception as exc:
        logger.exception("open-data package %s failed", package_id)
        Package.objects.filter(pk=package_id).update(
            status=Package.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:500], finished_at=timezone.now()
        )
        return Package.objects.get(pk=package_id)
    package.status = Package.Status.DONE
    package.size = size
    package.sha256 = digest.hexdigest()
    package.snapshot_at = snapshot_at
    package.row_counts = counts
    package.finished_at = timezone.now()
    package.save()
    prune()
    return package


def prune() -> None:
    for old in Package.objects.filter(status=Package.Status.DONE).order_by("-snapshot_at", "-id")[KEEP_READY:]:
        old.file.delete(save=False)
        old.delete()
    failed = Package.objects.filter(status=Package.Status.FAILED).order_by("-requested_at", "-id")
    Package.objects.filter(pk__in=list(failed.values_list("pk", flat=True)[KEEP_FAILED:])).delete()


def download_name(package: Package) -> str:
    return f"open-data-{timezone.localtime(package.snapshot_at):%Y-%m-%d}.zip"
