"""Receiving a catalogue upload: refuse an oversized body before reading it, then parse the multipart form."""

from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData, UploadFile

from app.auth.dependencies import PayloadTooLarge
from app.config import get_settings
from app.kit.i18n import _


def max_upload_bytes() -> int:
    return get_settings().max_upload_mb * 1024 * 1024


async def upload_form(request: Request) -> FormData:
    limit = max_upload_bytes()
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(
            _("The file is larger than %(mb)s MB. Split it or import it on the command line.")
            % {"mb": get_settings().max_upload_mb}
        )
    form = await request.form(max_files=2, max_fields=50)
    for value in form.values():
        # A body sent without a length (chunked) is only known once spooled to disk.
        if isinstance(value, UploadFile) and (value.size or 0) > limit:
            raise PayloadTooLarge(
                _("The file is larger than %(mb)s MB. Split it or import it on the command line.")
                % {"mb": get_settings().max_upload_mb}
            )
    return form


UploadFormDep = Annotated[FormData, Depends(upload_form)]
