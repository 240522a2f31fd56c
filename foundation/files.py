"""Serving stored files through views, so every download passes an access check first.

Every file response goes through `file_response`: the type is read from the file's first bytes,
never from its stored name (an upload named `chart.js` or `report.html` must not become a
script), the browser is told not to guess (`nosniff`), the response may run nothing
(`Content-Security-Policy: sandbox`), and anything but an image or a PDF that a page shows on
purpose is a download. Files are opened through the storage API, so media may live elsewhere.
"""

from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.text import slugify

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
OCTET_STREAM = "application/octet-stream"

# The only types a stored file is ever served as; everything else is a plain download.
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", GIF: "gif", WEBP: "webp", OCTET_STREAM: "bin"}
IMAGE_TYPES = frozenset({PNG, JPEG, GIF, WEBP})
INLINE_TYPES = IMAGE_TYPES | {PDF}
SNIFF_BYTES = 16

# A file response may load and run nothing, whatever its bytes hide.
FILE_CSP = "default-src 'none'; sandbox"


def sniff_bytes(head: bytes) -> str:
    """The content type of the first bytes of a file: PDF, PNG, JPEG, GIF or WebP, else octet-stream."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return OCTET_STREAM


def safe_stem(name: str, *, fallback: str = "file") -> str:
    """A slug of a file name without its folders and extension: `../a/Отчёт 1.html` -> `отчёт-1`."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    return slugify(stem, allow_unicode=True)[:80].strip("-_") or fallback


def safe_filename(name: str, content_type: str) -> str:
    """A safe stem of `name` with the extension of `content_type`.

    `report.html` sniffed as a PDF becomes `report.pdf`; an unknown type ends in `.bin`.
    """
    return f"{safe_stem(name)}.{EXTENSIONS.get(content_type, EXTENSIONS[OCTET_STREAM])}"


def file_response(field_file, *, download_name: str | None = None, inline: bool = False) -> FileResponse:
    """Stream a FieldFile with the type its bytes show; 404 when it is empty or gone from storage.

    `inline=True` lets an image or a PDF open in the browser (a photo on a page, a scan to read);
    any other content is sent as an attachment whatever the caller asked.
    """
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = sniff_file(handle)
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=not (inline and content_type in INLINE_TYPES),
        filename=safe_filename(download_name or field_file.name, content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response


def sniff_file(fileobj) -> str:
    """sniff_bytes of an open file's first bytes, leaving it at its start."""
    fileobj.seek(0)
    head = fileobj.read(SNIFF_BYTES)
    fileobj.seek(0)
    return sniff_bytes(head)


class SniffedFieldFile(FieldFile):
    def save(self, name, content, save=True):
        super().save(safe_filename(name, sniff_file(content)), content, save)


class SniffedFileField(models.FileField):
    """A FileField that stores every file under a name whose extension its bytes confirm.

    Whatever saves the file (a service, a form, the admin), `chart.js` holding a GIF is stored
    as `chart.gif` and `report.html` holding a PDF as `report.pdf`.
    """

    attr_class = SniffedFieldFile
