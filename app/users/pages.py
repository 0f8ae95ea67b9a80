"""User pages: list, create, edit, grant and revoke roles."""

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from app.auth.dependencies import PagePrincipal, SessionDep, require_role
from app.kit.errors import DomainError
from app.kit.i18n import _
from app.kit.request import client_ip
from app.models import Role
from app.org import repository as org
from app.users import repository, service
from app.users.schemas import RoleGrant, UserCreate, UserUpdate
from app.web.forms import FormDep, FormInvalid, form_errors, parse_form, redirect_with_message
from app.web.templates import render

router = APIRouter()


@router.get("/users")
def user_list(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    require_role(principal, Role.admin, Role.approver)
    departments = {d.id: d.name for d in org.list_departments(session, principal)}
    return render(
        request,
        "users/user_list.html",
        {
            "users": repository.list_users(session, principal),
            "departments": departments,
            "can_edit": principal.has_role(Role.admin),
        },
    )


def _form_page(
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    values: object,
    errors: dict[str, str] | None = None,
    user: object = None,
) -> Response:
    return render(
        request,
        "users/user_form.html",
        {
            "values": values,
            "errors": errors or {},
            "user": user,
            "roles": list(Role),
            "departments": org.list_departments(session, principal),
        },
        status_code=422 if errors else 200,
    )


def _errors(request: Request, exc: FormInvalid | DomainError, form: FormData) -> dict[str, str]:
    errors = form_errors(request, exc)
    # The shared form reader calls any too-short text "required"; a password that was typed is only too short.
    if "password" in errors and form.get("password"):
        errors = {**errors, "password": _("At least 8 characters.")}
    return errors


@router.get("/users/new")
def user_new(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    require_role(principal, Role.admin)
    return _form_page(request, session, principal, {"language": "da"})


@router.post("/users/new")
def user_create(request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep) -> Response:
    require_role(principal, Role.admin)
    try:
        data = parse_form(UserCreate, form)
        if form.get("role"):
            grant = parse_form(RoleGrant, form)
            data = data.model_copy(update={"roles": [grant]})
        user = service.create_user(session, principal, data, ip=client_ip(request))
    except (FormInvalid, DomainError) as exc:
        return _form_page(request, session, principal, form, _errors(request, exc, form))
    return redirect_with_message(f"/users/{user.id}", _("User %(name)s created.") % {"name": user.name})


@router.get("/users/{user_id}")
def user_edit(user_id: int, request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    service.require_user_reader(principal, user_id)
    user = service.get_user_or_404(session, principal, user_id)
    return _form_page(request, session, principal, user, user=user)


@router.post("/users/{user_id}")
def user_update(
    user_id: int, request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    try:
        data = parse_form(UserUpdate, form, flags=("is_active",), keep_blank=True)
        if not data.password:
            data = UserUpdate.model_validate(data.model_dump(exclude_unset=True, exclude={"password"}))
        service.update_user(session, principal, user_id, data, ip=client_ip(request))
    except (FormInvalid, DomainError) as exc:
        user = service.get_user_or_404(session, principal, user_id)
        return _form_page(request, session, principal, form, _errors(request, exc, form), user=user)
    return redirect_with_message(f"/users/{user_id}", _("The user was saved."))


@router.post("/users/{user_id}/roles")
def role_grant(
    user_id: int, request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    try:
        service.grant_role(session, principal, user_id, parse_form(RoleGrant, form), ip=client_ip(request))
    except (FormInvalid, DomainError) as exc:
        user = service.get_user_or_404(session, principal, user_id)
        return _form_page(request, session, principal, user, form_errors(request, exc), user=user)
    return redirect_with_message(f"/users/{user_id}", _("The role was granted."))


@router.post("/users/{user_id}/roles/{role_id}/revoke")
def role_revoke(
    user_id: int, role_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    service.revoke_role(session, principal, user_id, role_id, ip=client_ip(request))
    return redirect_with_message(f"/users/{user_id}", _("The role was removed."))
