"""One place that turns errors into answers: JSON with a stable code on the API, a friendly page elsewhere."""

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from app.auth.dependencies import LoginRequired
from app.kit.errors import DomainError
from app.kit.i18n import _
from app.web.templates import render

log = logging.getLogger("portal.errors")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _answer(request: Request, status: int, code: str, message: str, extra: dict | None = None) -> Response:
    if _is_api(request):
        return JSONResponse(
            {"error": {"code": code, "message": message, **(extra or {})}}, status_code=status
        )
    return render(
        request, "error.html", {"status": status, "message": message, "code": code}, status_code=status
    )


def _titles() -> dict[int, str]:
    return {
        400: _("The request could not be understood."),
        401: _("Please sign in."),
        403: _("You do not have access to this page."),
        404: _("The page was not found."),
        405: _("That action is not possible here."),
        413: _("The upload is too large."),
        422: _("Some of the input is not valid."),
        429: _("Too many attempts. Wait a little and try again."),
        500: _("Something went wrong on our side. The error has been logged."),
        503: _("The database cannot be reached right now. Try again in a moment."),
    }


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _is_api(request):
            return _answer(request, 401, exc.code, exc.message)
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""), safe="")
        suffix = "&expired=1" if exc.expired else ""
        return RedirectResponse(f"/login?next={target}{suffix}", status_code=303)

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> Response:
        extra = {"field": exc.field} if exc.field else None
        if exc.detail:
            extra = {**(extra or {}), "detail": exc.detail}
        return _answer(request, exc.status_code, exc.code, exc.message, extra)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = _titles().get(exc.status_code, str(exc.detail))
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            exc.status_code, "http_error"
        )
        return _answer(request, exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        fields = [
            {
                "field": ".".join(str(p) for p in err["loc"] if p != "body"),
                "message": err["msg"],
                "type": err["type"],
            }
            for err in exc.errors()
        ]
        return _answer(request, 422, "invalid_input", _titles()[422], {"fields": fields})

    @app.exception_handler(OperationalError)
    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> Response:
        log.error("database error on %s %s: %s", request.method, request.url.path, exc.orig)
        return _answer(request, 503, "database_unavailable", _titles()[503])

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _answer(request, 500, "internal_error", _titles()[500])
