"""Test data of the staff meeting pages (shared by tests/consultations/test_staff_*.py)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

# A real PDF needs only its header to pass the content check.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(size=(640, 480), colour=(11, 83, 148)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


LANGUAGES = ("kk", "ru", "en")


def _translated(meeting, names, given: dict) -> dict:
    """The per-language inputs of translated fields; a value given for the base name goes to
    the Kazakh input (the other languages keep what the meeting has)."""
    data = {}
    for name in names:
        for lang in LANGUAGES:
            data[f"{name}_{lang}"] = getattr(meeting, f"{name}_{lang}") or ""
        if name in given:
            data[f"{name}_kk"] = given.pop(name)
    return data


def minutes_post(meeting, *, version=None, rows=(), **fields) -> dict:
    """POST data of the minutes page: the form, and participation rows as (group, count, orgs)."""
    existing = list(meeting.participations.all())
    data = {
        "version": str(meeting.version if version is None else version),
        "minutes": fields.get("minutes", meeting.minutes),
        "minutes_language": fields.get("minutes_language", meeting.minutes_language),
        **_translated(meeting, ("summary", "outcomes"), dict(fields)),
        "memorandum": fields.get("memorandum", ""),
        "participation-INITIAL_FORMS": str(len(existing)),
        "participation-MIN_NUM_FORMS": "0",
        "participation-MAX_NUM_FORMS": "1000",
    }
    all_rows = [(p.group, p.count, p.organisations, p.pk) for p in existing] + [(*r, "") for r in rows]
    for i, (group, count, orgs, pk) in enumerate(all_rows):
        data[f"participation-{i}-group"] = group
        data[f"participation-{i}-count"] = str(count)
        data[f"participation-{i}-organisations"] = orgs
        data[f"participation-{i}-id"] = str(pk)
        data[f"participation-{i}-meeting"] = str(meeting.pk)
    data["participation-TOTAL_FORMS"] = str(len(all_rows))
    return data


def plan_post(meeting, **overrides) -> dict:
    from django.utils import timezone

    overrides = dict(overrides)
    data = {
        "version": str(meeting.version),
        "tour": str(meeting.tour_id),
        "region": str(meeting.region_id),
        "kind": meeting.kind,
        **_translated(meeting, ("title", "venue", "chair", "hosts", "agenda"), overrides),
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "online_url": meeting.online_url,
    }
    data.update(overrides)
    return data
