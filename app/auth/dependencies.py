"""Typed dependencies: the unit-of-work session, the acting principal, and role requirements."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.auth import service
from app.auth.principal import Principal
from app.config import get_settings
from app.kit import csrf
from app.kit.db import get_db
from app.kit.errors import DomainError, Forbidden, NotAuthenticated
from app.kit.i18n import _, current_language
from app.models import Role

SESSION_COOKIE = "portal_session"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# scope="function": the commit happens when the route returns, before the response is sent.
SessionDep = Annotated[Session, Depends(get_db, scope="function")]


class PayloadTooLarge(DomainError):
    status_code = 413
    code = "too_large"


class LoginRequired(NotAuthenticated):
    """Raised on pages; the handler sends the browser to the sign-in page instead of showing JSON."""

    def __init__(self, expired: bool) -> None:
        super().__init__(_("Please sign in."), code="login_required")
        self.expired = expired


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _sep, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def get_optional_principal(request: Request, session: SessionDep) -> Principal | None:
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    principal = None
    token = _bearer(request)
    if token is not None:
        user_id = service.user_id_for_api_token(session, token)
        if user_id is None:
            raise NotAuthenticated(_("The API token is unknown, revoked or expired."), code="invalid_token")
        principal = service.load_principal(session, user_id, via_token=True)
    elif cookie := request.cookies.get(SESSION_COOKIE):
        user_id = service.user_id_for_session(session, cookie)
        if user_id is not None:
            principal = service.load_principal(session, user_id)
    request.state.principal = principal
    if principal is not None and SESSION_COOKIE in request.cookies and "portal_lang" not in request.cookies:
        current_language.set(principal.language)
    return principal


OptionalPrincipal = Annotated[Principal | None, Depends(get_optional_principal)]


def require_api_principal(request: Request, principal: OptionalPrincipal) -> Principal:
    if principal is None:
        raise NotAuthenticated(_("Sign in or send an API token (Authorization: Bearer …)."))
    # A browser calling the API with its cookie must prove the call is its own; a Bearer token already does.
    if not principal.via_token and request.method in UNSAFE_METHODS:
        secret = get_settings().resolved_secret_key()
        token = request.headers.get(csrf.HEADER)
        if not csrf.token_is_valid(secret, request.cookies.get(csrf.COOKIE), token):
            raise Forbidden(_("The request lacks a valid CSRF token."), code="csrf_failed")
    return principal


def require_page_principal(request: Request, principal: OptionalPrincipal) -> Principal:
    if principal is None:
        raise LoginRequired(expired=SESSION_COOKIE in request.cookies)
    return principal


ApiPrincipal = Annotated[Principal, Depends(require_api_principal)]
PagePrincipal = Annotated[Principal, Depends(require_page_principal)]


def require_role(principal: Principal, *roles: Role) -> None:
    if not principal.has_role(*roles):
        raise Forbidden(_("You do not have the role needed for this."), code="role_required")


def roles_required(*roles: Role) -> Callable[[Principal | None], None]:
    """A route dependency: the principal must hold one of `roles` somewhere."""

    def check(principal: OptionalPrincipal) -> None:
        if principal is not None:
            require_role(principal, *roles)

    return check


async def verify_csrf_form(request: Request) -> None:
    """Every state-changing form on the pages carries the signed CSRF token."""
    if request.method not in UNSAFE_METHODS:
        return
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > get_settings().max_upload_mb * 1024 * 1024:
        raise PayloadTooLarge(
            _("The file is larger than %(mb)s MB. Split it or import it on the command line.")
            % {"mb": get_settings().max_upload_mb}
        )
    form = await request.form()
    token = form.get(csrf.FIELD) or request.headers.get(csrf.HEADER)
    secret = get_settings().resolved_secret_key()
    if not csrf.token_is_valid(
        secret, request.cookies.get(csrf.COOKIE), token if isinstance(token, str) else None
    ):
        raise Forbidden(
            _("The form has expired or did not come from this site. Reload the page and try again."),
            code="csrf_failed",
        )
