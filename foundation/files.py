"""Serving stored files through views, so every download passes an access check first."""

import mimetypes

from django.http import FileResponse, Http404


def file_response(
    field_file, *, content_type: str | None = None, download_name: str | None = None, as_attachment: bool = False
) -> FileResponse:
    """Stream a FieldFile; 404 when the field is empty or the file is gone from storage."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404
    content_type = content_type or mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=as_attachment,
        filename=download_name or field_file.name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
