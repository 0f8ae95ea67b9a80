"""The endpoint the supplier's page posts the cart to.

It sits outside the CSRF-checked pages: the POST comes from the shop's origin by design, with no session cookie
(reference §7); the one-time token in the path is what authorises it. The body is read here under the configured
cap, because Starlette's form parser stops at 1,000 fields and 1 MiB a field, which real carts exceed.
"""

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from app.auth.dependencies import SessionDep
from app.config import get_settings
from app.kit.i18n import _
from app.punchout.returns import ReturnResult, receive_return
from app.web.templates import render

router = APIRouter(include_in_schema=False)


@router.api_route("/punchout/return/{token}", methods=["POST", "GET"])
async def punchout_return(token: str, request: Request, session: SessionDep) -> Response:
    settings = get_settings()
    cap = settings.punchout_return_max_mb * 1024 * 1024
    too_large = ReturnResult(
        None, False, "payload_too_large", _("The basket from the shop is too large."), 413
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        return _refused(request, too_large)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            return _refused(request, too_large)
    content_type = request.headers.get("content-type")
    media_type = (content_type or "").split(";")[0].strip().lower()
    fields: list[tuple[str, str]] | None = None
    if request.method == "GET":
        # Some OCI shops return by GET (reference §12); the fields are then in the query string.
        fields = list(request.query_params.multi_items())
    elif media_type == "multipart/form-data":
        request._body = bytes(body)  # the stream is spent; Starlette's parser reads the cached body instead
        try:
            form = await request.form(max_fields=settings.punchout_return_max_fields, max_part_size=cap)
        except Exception:  # noqa: BLE001 - a broken multipart body is the supplier's fault, reported as such
            return _refused(
                request,
                ReturnResult(
                    None, False, "malformed_cart", _("The basket from the shop could not be read."), 400
                ),
            )
        fields = [(name, value) for name, value in form.multi_items() if isinstance(value, str)]
    elif (
        media_type == "application/x-www-form-urlencoded"
        and body.count(b"&") >= settings.punchout_return_max_fields
    ):
        return _refused(request, too_large)
    result = await run_in_threadpool(
        receive_return, session, token, bytes(body) or None, content_type, fields, cap
    )
    if result.session_id is not None and (result.ok or result.status_code == 303):
        # The review page is ours and same-site, so the browser brings the user's session cookie again.
        return RedirectResponse(f"/punchout/sessions/{result.session_id}", status_code=303)
    return _refused(request, result)


def _refused(request: Request, result: ReturnResult) -> Response:
    return render(
        request,
        "punchout/return_refused.html",
        {"message": result.message, "code": result.code, "session_id": result.session_id},
        status_code=result.status_code,
    )
