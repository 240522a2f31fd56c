"""Checks on uploaded files shared by every app: size, and type judged by content, never by name."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from foundation.files import GIF, JPEG, PDF, PNG, WEBP

PDF_MAGIC = b"%PDF-"
IMAGE_FORMATS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP, "GIF": GIF}

# Largest image accepted, in pixels: 50 megapixels (a phone photo is 12); decoding one takes
# at most ~200 MB. Pillow's own default (89 Mpx, error only at twice that) lets a small PNG
# "bomb" of 400 Mpx reach the decoder.
MAX_IMAGE_PIXELS = 50_000_000


def check_size(upload, limit: int | None = None) -> None:
    limit = settings.ATTACHMENT_MAX_BYTES if limit is None else limit
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Reduce or split it and try again.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_size",
        )


def open_image(fileobj):
    """Pillow's Image.open, refusing an image above MAX_IMAGE_PIXELS with a ValidationError.

    Only the header is read here, so a decompression bomb is stopped before any pixel is decoded.
    """
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(fileobj)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(
                _("The image is too large: at most %(limit)s megapixels. Reduce it and try again.")
                % {"limit": MAX_IMAGE_PIXELS // 1_000_000},
                code="image_pixels",
            ) from None


def sniff(upload) -> str | None:
    """The content type of a PDF or of an image in IMAGE_FORMATS, read from the bytes; else None.

    Raises ValidationError for an image with too many pixels (see open_image).
    """
    from PIL import UnidentifiedImageError

    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        return PDF
    try:
        with open_image(upload) as image:
            image_format = image.format
            image.verify()  # checks the structure without decoding every pixel
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return IMAGE_FORMATS.get(image_format)
