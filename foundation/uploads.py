"""Checks on uploaded files shared by every app: size, and type judged by content, never by name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF_MAGIC = b"%PDF-"
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
PDF = "application/pdf"


def check_size(upload, limit: int | None = None) -> None:
    limit = settings.ATTACHMENT_MAX_BYTES if limit is None else limit
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Reduce or split it and try again.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_size",
        )


def sniff(upload) -> str | None:
    """The content type of a PDF or of an image in IMAGE_FORMATS, read from the bytes; else None."""
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        return PDF
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()  # checks the structure without decoding every pixel
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return IMAGE_FORMATS.get(image_format)
