"""Import of proposals from a CSV or XLSX file: check every row, then import all or nothing.

A file is read and checked first (the preview: every row with its errors, rows already
imported recognised by `Proposal.import_key`). Only a file without errors can be imported;
the import runs in one transaction, so a failure leaves nothing behind.
"""

import csv
import hashlib
import io
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations.models import Region
from foundation import cache as best_effort
from foundation.files import safe_stem
from foundation.locks import session_lock
from foundation.spreadsheets import SpreadsheetError, read_xlsx_rows
from foundation.texts import PROPOSAL_MAX, text_errors
from outbox import services as outbox
from programs.models import Direction
from proposals.counts import proposals_changed
from proposals.models import ImportJob, Proposal, ProposalStatusChange

COLUMNS = [
    "text",
    "region",
    "direction",
    "author_name",
    "author_organisation",
    "contact_email",
    "contact_phone",
    "publish_name",
    "notify_by_email",
]
REQUIRED_COLUMNS = ["text", "region"]
# Headers people actually type in Kazakh and Russian spreadsheets.
HEADER_ALIASES = {
    "ұсыныс": "text",
    "предложение": "text",
    "өңір": "region",
    "регион": "region",
    "бағыт": "direction",
    "направление": "direction",
    "автор": "author_name",
    "ұйым": "author_organisation",
    "организация": "author_organisation",
    "email": "contact_email",
    "e-mail": "contact_email",
    "телефон": "contact_phone",
    "phone": "contact_phone",
}
YES = {"1", "true", "yes", "y", "x", "+", "иә", "ия", "да"}
NO = {"", "0", "false", "no", "n", "-", "жоқ", "нет"}
MAX_ROWS = 20000
XLSX_MAGIC = b"PK\x03\x04"  # an XLSX file is a ZIP archive
BATCH = 500
PROGRESS_KEY = "proposals:import:{}:processed"
IMPORT_LOCK = 16_001  # session_lock namespace: one lock per import job, held while it runs


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


def _header(value) -> str:
    name = re.sub(r"\s+", "_", str(value or "").strip().casefold())
    return HEADER_ALIASES.get(name, name)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def stored_name(filename: str, data: bytes) -> str:
    """The name an import file is kept under: its stem, and `.xlsx` only when its bytes are a ZIP."""
    return f"{safe_stem(filename, fallback='import')}.{'xlsx' if data[:4] == XLSX_MAGIC else 'csv'}"


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of a CSV (UTF-8) or XLSX file; ImportFileError when it cannot be read."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(data)
    raise ImportFileError(_("Upload a CSV or XLSX file."))


def _read_csv(data: bytes) -> tuple[list[str], list[list[str]]]:
    if data[:4] == XLSX_MAGIC or b"\x00" in data[:4096]:
        raise ImportFileError(_("This file is not a CSV table. Upload a CSV or XLSX file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "The file is not in UTF-8, so Kazakh letters would be garbled. "
                "Save it again as “CSV UTF-8” (Excel) or choose UTF-8 when exporting, then upload it again."
            )
        )
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    return [_header(h) for h in rows[0]], [[_cell(c) for c in row] for row in rows[1:]]


def _read_xlsx(data: bytes) -> tuple[list[str], list[list[str]]]:
    try:
        sheet = read_xlsx_rows(data)
    except SpreadsheetError:
        raise ImportFileError(_("This file is not an XLSX spreadsheet. Upload a CSV or XLSX file.")) from None
    if not sheet or not sheet[0]:
        raise ImportFileError(_("The file is empty."))
    header, rows = sheet[0], [[_cell(c) for c in row] for row in sheet[1:]]
    return [_header(h) for h in header], rows


def _region_lookup() -> dict[str, Region]:
    lookup = {}
    for region in Region.objects.all():
        keys = [region.code_iso, region.kato, region.slug, region.name_kk, region.name_ru, region.name_en]
        for key in keys:
            if key:
                lookup[str(key).casefold()] = region
    return lookup


def _direction_lookup() -> dict[str, str]:
    lookup = {value: value for value in Direction.values}
    for lang in ("kk", "ru", "en"):
        with translation.override(lang):
            for value, label in Direction.choices:
                lookup[str(label).casefold()] = value
    return lookup


def _flag(value: str, errors: list, label: str) -> bool:
    folded = value.casefold()
    if folded in YES:
        return True
    if folded not in NO:
        errors.append(_("%(column)s must be yes or no, not “%(value)s”.") % {"column": label, "value": value})
    return False


def row_key(*, tour_id: int, region_id: int, text: str, author_name: str, contact: str) -> str:
    """The identity of a row: the same proposal by the same author in the same tour and region."""
    normal = " ".join(re.findall(r"\w+", text.casefold()))
    parts = [str(tour_id), str(region_id), normal, author_name.strip().casefold(), contact.strip().casefold()]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def check_rows(headers: list[str], rows: list[list[str]], *, tour_id: int) -> tuple[list[str], list[dict]]:
    """File-level errors and every data row with its errors, ready for the preview."""
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        return [_("Missing column: %(columns)s.") % {"columns": ", ".join(missing)}], []
    if len(rows) > MAX_ROWS:
        return [
            ngettext(
                "The file has more than %(max)d row; split it.",
                "The file has more than %(max)d rows; split it.",
                MAX_ROWS,
            )
            % {"max": MAX_ROWS}
        ], []
    regions, directions = _region_lookup(), _direction_lookup()
    index = {name: i for i, name in enumerate(headers) if name in COLUMNS}
    checked, seen = [], set()
    for line, raw in enumerate(rows, start=2):
        if not any(raw):
            continue  # blank lines at the end of a sheet are not rows
        value = {c: (raw[index[c]] if c in index and index[c] < len(raw) else "") for c in COLUMNS}
        errors = []
        if not value["text"]:
            errors.append(_("The proposal text is empty."))
        else:
            errors.extend(text_errors(value["text"], PROPOSAL_MAX))
        region = regions.get(value["region"].casefold())
        if region is None:
            errors.append(_("Unknown region “%(value)s”.") % {"value": value["region"]})
        direction = directions.get(value["direction"].casefold()) if value["direction"] else Direction.OTHER
        if direction is None:
            errors.append(_("Unknown direction “%(value)s”.") % {"value": value["direction"]})
        if value["contact_email"]:
            try:
                validate_email(value["contact_email"])
            except ValidationError:
                errors.append(_("“%(value)s” is not an e-mail address.") % {"value": value["contact_email"]})
        for column in ("author_name", "author_organisation", "contact_phone", "contact_email"):
            limit = Proposal._meta.get_field(column).max_length
            if len(value[column]) > limit:
                errors.append(
                    ngettext(
                        "%(column)s is longer than %(limit)d character.",
                        "%(column)s is longer than %(limit)d characters.",
                        limit,
                    )
                    % {"column": column, "limit": limit}
                )
        row = {
            "line": line,
            **value,
            "publish_name": _flag(value["publish_name"], errors, "publish_name"),
            "notify_by_email": _flag(value["notify_by_email"], errors, "notify_by_email"),
            "region_id": region.pk if region else None,
            "region_name": region.name if region else value["region"],
            "direction": direction or value["direction"],
            "errors": errors,
            "exists": False,
        }
        if not errors:
            row["key"] = row_key(
                tour_id=tour_id,
                region_id=region.pk,
                text=value["text"],
                author_name=value["author_name"],
                contact=value["contact_email"] or value["contact_phone"],
            )
            if row["key"] in seen:
                row["exists"] = True  # the same row twice in one file is imported once
            seen.add(row["key"])
        checked.append(row)
    if not checked:
        return [_("The file has no rows of proposals.")], []
    keys = [r["key"] for r in checked if r.get("key")]
    existing = set()
    for start in range(0, len(keys), 1000):
        existing.update(
            Proposal.objects.filter(import_key__in=keys[start : start + 1000]).values_list("import_key", flat=True)
        )
    for row in checked:
        if row.get("key") in existing:
            row["exists"] = True
    return [], checked


def import_job_check(*, job: ImportJob, data: bytes) -> ImportJob:
    """Read and check the uploaded file; the job holds the preview."""
    try:
        headers, rows = read_table(data, job.original_name)
        file_errors, checked = check_rows(headers, rows, tour_id=job.tour_id)
    except ImportFileError as error:
        file_errors, checked = [str(error)], []
    job.file_errors = file_errors
    job.rows = checked
    job.total = len(checked)
    job.status = ImportJob.Status.PREVIEW if job.is_valid else ImportJob.Status.INVALID
    job.save()
    return job


def import_job_queue(*, job: ImportJob) -> bool:
    """Queue a checked job for import; False when it has errors or was queued already."""
    if not job.is_valid:
        return False
    with transaction.atomic():  # the status and the job in the outbox, together or not at all
        queued = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEW).update(
            status=ImportJob.Status.QUEUED
        )
        if queued:
            outbox.enqueue_job(
                "proposals.tasks.run_import",
                job.pk,
                description=_("Import of proposals from %(file)s") % {"file": job.original_name},
            )
    return bool(queued)


def import_job_progress(job: ImportJob) -> int:
    """Rows processed so far. While the transaction runs, only the cache knows."""
    if job.status == ImportJob.Status.RUNNING:
        return min(best_effort.get(PROGRESS_KEY.format(job.pk), 0), job.total)
    return job.processed


def import_job_run(*, job_id: int) -> int:
    """Import every new row of a checked job in one transaction; returns how many were created.

    The worker holds the job's session lock from the claim to the end, so a job left RUNNING
    without its lock lost its worker (import_jobs_recover). Rows and the DONE status commit
    together: a job is never half-imported, and never imported but shown running.
    """
    with session_lock(IMPORT_LOCK, job_id) as acquired:
        if not acquired:
            return 0  # another worker runs it
        return _import_job_run(job_id)


def _import_job_run(job_id: int) -> int:
    if not ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(status=ImportJob.Status.RUNNING):
        return 0  # claimed by another worker, or not queued
    job = ImportJob.objects.get(pk=job_id)
    progress_key = PROGRESS_KEY.format(job.pk)
    best_effort.set(progress_key, 0, timeout=24 * 3600)
    created = 0
    try:
        with transaction.atomic():
            for start in range(0, len(job.rows), BATCH):
                batch = job.rows[start : start + BATCH]
                created += _import_batch(job, batch)
                best_effort.set(progress_key, start + len(batch), timeout=24 * 3600)
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.DONE,
                processed=job.total,
                created_count=created,
                skipped_count=job.total - created,
                finished_at=timezone.now(),
            )
    except IntegrityError:
        # Another import of the same rows committed first: nothing of this one was kept.
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED,
            error_message=_("Some rows were imported meanwhile by another import. Nothing was imported; check again."),
            finished_at=timezone.now(),
        )
        return 0
    best_effort.delete(progress_key)
    return created


def import_jobs_recover() -> list[int]:
    """Fail the imports whose worker died mid-run (RUNNING, and nobody holds their lock).

    Their transaction was rolled back with the worker, so nothing of them was kept; staff see
    why on the progress page and can upload the file again. Run by beat every minute. Only on
    PostgreSQL, where the lock tells a dead worker from a live one.
    """
    if connection.vendor != "postgresql":
        return []
    failed = []
    for pk in ImportJob.objects.filter(status=ImportJob.Status.RUNNING).values_list("pk", flat=True):
        with session_lock(IMPORT_LOCK, pk) as acquired:
            if acquired and ImportJob.objects.filter(pk=pk, status=ImportJob.Status.RUNNING).update(
                status=ImportJob.Status.FAILED,
                error_message=_(
                    "The import was interrupted: the background worker stopped. Nothing was imported; "
                    "upload the file again."
                ),
                finished_at=timezone.now(),
            ):
                failed.append(pk)
    return failed


def _import_batch(job: ImportJob, rows: list[dict]) -> int:
    new = [r for r in rows if not r["exists"] and not r["errors"]]
    keys = [r["key"] for r in new]
    already = set(Proposal.objects.filter(import_key__in=keys).values_list("import_key", flat=True))
    proposals = []
    for row in new:
        if row["key"] in already:
            continue
        proposal = Proposal(
            tour_id=job.tour_id,
            region_id=row["region_id"],
            meeting_id=job.meeting_id,
            direction=row["direction"],
            channel=job.channel,
            text=row["text"],
            author_name=row["author_name"],
            author_organisation=row["author_organisation"],
            publish_name=row["publish_name"],
            contact_email=row["contact_email"],
            contact_phone=row["contact_phone"],
            notify_by_email=row["notify_by_email"],
            import_key=row["key"],
            created_by_id=job.created_by_id,
        )
        # bulk_create skips save(): fill the search copy here.
        proposal.search_text = proposal.public_search_text()
        proposals.append(proposal)
    Proposal.objects.bulk_create(proposals)
    ProposalStatusChange.objects.bulk_create(
        ProposalStatusChange(
            proposal=p,
            from_status="",
            to_status=p.status,
            changed_by_id=job.created_by_id,
            note=job.original_name[:300],
        )
        for p in proposals
    )
    if proposals:
        proposals_changed()  # bulk_create sends no signal
    return len(proposals)


def template_rows() -> list[list[str]]:
    """The downloadable template: headers and two example rows."""
    return [
        COLUMNS,
        [
            "Инклюзивті мектептер санын көбейту қажет",
            "KZ-71",
            "education",
            "Әлия Сәрсенова",
            "«Үміт» қоғамдық бірлестігі",
            "aliya@example.kz",
            "",
            "yes",
            "yes",
        ],
        [
            "Оснастить перинатальный центр оборудованием для детей с ДЦП",
            "Астана",
            "healthcare",
            "",
            "",
            "",
            "+7 700 000 00 00",
            "no",
            "no",
        ],
    ]
