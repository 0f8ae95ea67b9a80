"""Sign-in, sign-out and the language switch."""

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from app.auth import service
from app.auth.dependencies import SESSION_COOKIE, OptionalPrincipal, SessionDep
from app.config import get_settings
from app.kit.i18n import LANGUAGES, _, current_language, ngettext
from app.kit.language import COOKIE as LANGUAGE_COOKIE
from app.kit.request import client_ip
from app.web.forms import FormDep, redirect_with_message
from app.web.templates import render

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the sign-in page cannot be used to send users elsewhere."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/login")
def login_page(
    request: Request, principal: OptionalPrincipal, next: str | None = None, expired: bool = False
) -> Response:
    if principal is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    notice = _("Your session has expired. Please sign in again.") if expired else None
    return render(request, "auth/login.html", {"next": _safe_next(next), "notice": notice, "email": ""})


@router.post("/login")
def login(request: Request, session: SessionDep, form: FormDep) -> Response:
    email = str(form.get("email") or "").strip()
    password = str(form.get("password") or "")
    target = _safe_next(str(form.get("next") or "/"))
    result = service.authenticate(session, email, password, client_ip(request))
    if result.user is None:
        if result.error == "locked":
            message = ngettext(
                "Too many failed sign-ins. Try again in %(num)d minute.",
                "Too many failed sign-ins. Try again in %(num)d minutes.",
                result.retry_after_minutes,
            ) % {"num": result.retry_after_minutes}
            status = 429
        elif result.error == "inactive":
            message, status = _("This account has been deactivated. Contact your administrator."), 403
        else:
            message, status = _("Wrong e-mail or password."), 401
        return render(
            request, "auth/login.html", {"next": target, "error": message, "email": email}, status_code=status
        )
    token = service.start_session(session, result.user, client_ip(request), request.headers.get("user-agent"))
    response = RedirectResponse(target, status_code=303)
    settings = get_settings()
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        max_age=settings.session_max_age_hours * 3600,
    )
    response.set_cookie(
        LANGUAGE_COOKIE,
        result.user.language,
        samesite="lax",
        secure=settings.secure_cookies,
        max_age=365 * 24 * 3600,
    )
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep) -> Response:
    service.end_session(session, request.cookies.get(SESSION_COOKIE))
    response = redirect_with_message("/login", _("You are signed out."))
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.post("/language")
def set_language(
    request: Request, session: SessionDep, principal: OptionalPrincipal, form: FormDep
) -> Response:
    language = str(form.get("language") or "")
    if language not in LANGUAGES:
        language = "da"
    if principal is not None:
        service.set_language(session, principal.user_id, language)
    current_language.set(language)
    response = RedirectResponse(_safe_next(str(form.get("next") or "/")), status_code=303)
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        samesite="lax",
        secure=get_settings().secure_cookies,
        max_age=365 * 24 * 3600,
    )
    return response
